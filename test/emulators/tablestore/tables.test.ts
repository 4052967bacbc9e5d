import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { Transport } from '../../../runtime/tablestore/transport.ts';
import { createTable, ignore, key, sdkClient, sdkError, TableStore, useHarness } from './harness.ts';

describe('Tablestore emulator: tables', () => {
  const h = useHarness();

  it('creates, lists, describes and deletes tables', async () => {
    await createTable(h.client, 'plain', { ttl: 86400 * 2, maxVersions: 3 });
    await createTable(h.client, 'streamed', { stream: 24 });
    assert.deepEqual((await h.client.listTable({})).tableNames, ['plain', 'streamed']);

    const plain = await h.client.describeTable({ tableName: 'plain' });
    assert.equal(plain.tableMeta.tableName, 'plain');
    assert.deepEqual(plain.tableMeta.primaryKey.map((p) => [p.name, p.type]), [['pk', 2], ['seq', 1]]);
    assert.equal(plain.tableOptions.timeToLive, 86400 * 2);
    assert.equal(plain.tableOptions.maxVersions, 3);
    assert.equal(plain.streamDetails?.enableStream, false);

    const streamed = await h.client.describeTable({ tableName: 'streamed' });
    assert.equal(streamed.streamDetails?.enableStream, true);
    assert.equal(streamed.streamDetails?.expirationTime, 24);
    assert.match(streamed.streamDetails?.streamId ?? '', /^streamed_\d+$/);

    await h.client.deleteTable({ tableName: 'plain' });
    assert.deepEqual((await h.client.listTable({})).tableNames, ['streamed']);
    await h.client.deleteTable({ tableName: 'streamed' });
  });

  it('answers with the service error codes and statuses', async () => {
    await createTable(h.client, 'dup');
    const exists = await sdkError(createTable(h.client, 'dup'), 'CreateTable');
    assert.deepEqual([exists.code, exists.httpStatus], ['OTSObjectAlreadyExist', 409]);

    const missing = await sdkError(h.client.describeTable({ tableName: 'missing' }), 'DescribeTable');
    assert.deepEqual([missing.code, missing.httpStatus], ['OTSObjectNotExist', 404]);
    assert.equal((await sdkError(h.client.deleteTable({ tableName: 'missing' }), 'DeleteTable')).code, 'OTSObjectNotExist');

    const shortTtl = await sdkError(createTable(h.client, 'ttl', { ttl: 100 }), 'CreateTable');
    assert.deepEqual([shortTtl.code, shortTtl.httpStatus], ['OTSParameterInvalid', 400]);

    const fiveKeys = await sdkError(
      h.client.createTable({
        tableMeta: { tableName: 'wide', primaryKey: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, type: 'STRING' as const })) },
        reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
        tableOptions: { timeToLive: -1, maxVersions: 1 },
      }),
      'CreateTable',
    );
    assert.equal(fiveKeys.code, 'OTSParameterInvalid');
    assert.match(fiveKeys.message, /\[1, 4\]/);

    const badExpiration = await sdkError(createTable(h.client, 'exp', { stream: 500 }), 'CreateTable');
    assert.equal(badExpiration.code, 'OTSParameterInvalid');

    const wrongKey = await sdkError(
      h.client.putRow({ tableName: 'dup', condition: ignore(), primaryKey: [{ pk: 'a' }], attributeColumns: [] }),
      'PutRow',
    );
    assert.equal(wrongKey.code, 'OTSParameterInvalid');
    assert.match(wrongKey.message, /Validate PK size fail/);
  });

  it('enables, retunes and disables the stream; re-enabling starts a new stream', async () => {
    await createTable(h.client, 'toggle');
    const on = await h.client.updateTable({ tableName: 'toggle', tableOptions: {}, streamSpecification: { enableStream: true, expirationTime: 12 } });
    const firstId = on.streamDetails?.streamId;
    assert.ok(firstId);
    assert.equal(on.streamDetails?.expirationTime, 12);

    await h.client.putRow({ tableName: 'toggle', condition: ignore(), primaryKey: key('a', 1), attributeColumns: [{ v: 'old' }] });
    const shard = (await h.streams.describeStream(firstId)).shards.find((s) => h.emulator.changeLog('toggle')[0]!.shardId === s.shardId)!;
    const oldIterator = await h.streams.getShardIterator(firstId, shard.shardId);
    assert.equal((await h.streams.getStreamRecord(oldIterator)).records.length, 1);

    const retuned = await h.client.updateTable({ tableName: 'toggle', tableOptions: { maxVersions: 2 }, streamSpecification: { enableStream: true, expirationTime: 48 } });
    assert.equal(retuned.streamDetails?.streamId, firstId, 'changing the expiration keeps the stream');
    assert.equal(retuned.streamDetails?.expirationTime, 48);
    assert.equal(retuned.tableOptions.maxVersions, 2);

    const off = await h.client.updateTable({ tableName: 'toggle', tableOptions: {}, streamSpecification: { enableStream: false } });
    assert.equal(off.streamDetails?.enableStream, false);
    assert.deepEqual(await h.streams.listStream('toggle'), []);

    const again = await h.client.updateTable({ tableName: 'toggle', tableOptions: {}, streamSpecification: { enableStream: true, expirationTime: 24 } });
    assert.notEqual(again.streamDetails?.streamId, firstId);
    await assert.rejects(h.streams.getStreamRecord(oldIterator), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSTrimmedDataAccess');
    await assert.rejects(h.streams.describeStream(firstId), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSObjectNotExist');
    assert.deepEqual((await h.streams.listStream('toggle')).map((s) => s.streamId), [again.streamDetails?.streamId]);
  });

  it('keeps instances apart and refuses unknown ones', async () => {
    h.emulator.createInstance('second');
    const second = sdkClient(h.emulator, { instancename: 'second' });
    await createTable(second, 'only_in_second');
    assert.deepEqual((await second.listTable({})).tableNames, ['only_in_second']);
    assert.ok(!(await h.client.listTable({})).tableNames.includes('only_in_second'));

    const unknown = await sdkError(sdkClient(h.emulator, { instancename: 'nowhere' }).listTable({}), 'ListTable');
    assert.deepEqual([unknown.code, unknown.httpStatus], ['OTSAuthFailed', 403]);
    assert.match(unknown.message, /instance is not found/);
  });

  it('rejects operations it does not know', async () => {
    const transport = new Transport({
      endpoint: h.emulator.endpoint,
      instance: h.emulator.instance,
      credentials: { accessKeyId: h.emulator.accessKeyId, accessKeySecret: h.emulator.accessKeySecret },
    });
    try {
      await assert.rejects(transport.call('CreateSearchIndex', Buffer.alloc(0)), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSUnsupportOperation' && err.httpStatus === 400);
    } finally {
      transport.close();
    }
  });

  it('returns the primary key the SDK asked for, including auto-increment values', async () => {
    await h.client.createTable({
      tableMeta: { tableName: 'auto', primaryKey: [{ name: 'part', type: 'STRING' }, { name: 'id', type: 'INTEGER', option: 'AUTO_INCREMENT' }] },
      reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
      tableOptions: { timeToLive: -1, maxVersions: 1 },
    });
    const put = (v: string) =>
      h.client.putRow({
        tableName: 'auto',
        condition: ignore(),
        primaryKey: [{ part: 'p' }, { id: TableStore.PK_AUTO_INCR }],
        attributeColumns: [{ v }],
        returnContent: { returnType: TableStore.ReturnType.Primarykey },
      });
    const first = await put('one');
    const second = await put('two');
    const ids = [first, second].map((r) => BigInt(r.row.primaryKey![1]!.value.toString()));
    assert.ok(ids[1]! > ids[0]!, `auto-increment values grow: ${ids}`);
    const back = await h.client.getRow({ tableName: 'auto', primaryKey: [{ part: 'p' }, { id: TableStore.Long.fromString(ids[1]!.toString()) }] });
    assert.equal(back.row.attributes?.[0]?.columnValue, 'two');
  });
});
