import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import { TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { decodeMessage, encodeMessage } from '../../../runtime/tablestore/protocol/protobuf.ts';
import * as S from '../../../runtime/tablestore/protocol/stream-messages.ts';
import { CorruptRecordError } from '../../../runtime/tablestore/stream-client.ts';
import { Transport } from '../../../runtime/tablestore/transport.ts';
import { createTable, ignore, int, key, readAll, useHarness } from './harness.ts';

const T0 = Date.UTC(2030, 5, 1);
const HOUR_MS = 3600_000;

function seqKey(r: ChangeRecord): [number, number, number] {
  return [r.sequence.epoch, r.sequence.timestampMicros, r.sequence.rowIndex];
}

function isOrdered(records: ChangeRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    const [a, b] = [seqKey(records[i - 1]!), seqKey(records[i]!)];
    if (!(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))))) return false;
  }
  return true;
}

/** Records as the comparison needs them: the shard reader's and the oracle's shapes agree. */
const plain = (records: ChangeRecord[]) => JSON.parse(JSON.stringify(records, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));

describe('Tablestore emulator: stream', () => {
  let clock = T0;
  const h = useHarness({ now: () => clock, shardsPerTable: 3, describeStreamPageSize: 2 });

  it('records puts, updates with delete cells, and deletes with sequence info', async () => {
    await createTable(h.client, 'changes', { stream: 24, maxVersions: 5 });
    await h.client.putRow({ tableName: 'changes', condition: ignore(), primaryKey: key('a', 1), attributeColumns: [{ s: 'x' }, { n: int(1), timestamp: T0 - 1 }] });
    clock += 1;
    await h.client.updateRow({
      tableName: 'changes',
      condition: ignore(),
      primaryKey: key('a', 1),
      updateOfAttributeColumns: [{ PUT: [{ s: 'y' }] }, { DELETE: [{ n: int(T0 - 1) }] }, { DELETE_ALL: ['gone'] }],
    });
    clock += 1;
    await h.client.deleteRow({ tableName: 'changes', condition: ignore(), primaryKey: key('a', 1) });

    const { records } = await readAll(h.streams, 'changes');
    assert.deepEqual(records.map((r) => r.action), ['PUT', 'UPDATE', 'DELETE']);
    const [put, update, del] = records as [ChangeRecord, ChangeRecord, ChangeRecord];
    assert.deepEqual(put.primaryKey, [{ name: 'pk', value: 'a' }, { name: 'seq', value: 1n }]);
    assert.deepEqual(put.cells.map((c) => ({ ...c })), [
      { name: 's', op: 'PUT', value: 'x', timestamp: T0 },
      { name: 'n', op: 'PUT', value: 1n, timestamp: T0 - 1 },
    ]);
    assert.deepEqual(update.cells.map((c) => ({ ...c })), [
      { name: 's', op: 'PUT', value: 'y', timestamp: T0 + 1 },
      { name: 'n', op: 'DELETE_ONE_VERSION', value: undefined, timestamp: T0 - 1 },
      { name: 'gone', op: 'DELETE_ALL_VERSIONS', value: undefined, timestamp: undefined },
    ]);
    assert.deepEqual(del.cells, []);
    assert.deepEqual(records.map((r) => r.sequence.timestampMicros), [T0 * 1000, (T0 + 1) * 1000, (T0 + 2) * 1000]);
    assert.ok(records.every((r) => r.sequence.epoch === 1 && r.sequence.rowIndex === 0));
    assert.ok(records.every((r) => r.shardId === put.shardId));
    assert.deepEqual(plain(records), plain(h.emulator.changeLog('changes')));
  });

  it('orders records per shard, spreads keys over shards and numbers rows of one batch', async () => {
    await createTable(h.client, 'spread', { stream: 24 });
    for (let i = 0; i < 12; i++) {
      await h.client.putRow({ tableName: 'spread', condition: ignore(), primaryKey: key(`k${i % 6}`, i), attributeColumns: [{ i: int(i) }] });
    }
    await h.client.batchWriteRow({
      tables: [{ tableName: 'spread', rows: [0, 1, 2, 3].map((i) => ({ type: 'PUT' as const, condition: ignore(), primaryKey: key('batch', i), attributeColumns: [{ i: int(i) }] })) }],
    });
    const { description, records } = await readAll(h.streams, 'spread');
    assert.equal(description.shards.length, 3, 'all pages of DescribeStream are followed (page size 2)');
    const byShard = new Map<string, ChangeRecord[]>();
    for (const r of records) byShard.set(r.shardId, [...(byShard.get(r.shardId) ?? []), r]);
    assert.ok(byShard.size >= 2, 'keys spread over more than one shard');
    for (const list of byShard.values()) assert.ok(isOrdered(list), 'strictly increasing (epoch, timestamp, row index) per shard');
    // Rows of one partition key always land in one shard.
    for (let p = 0; p < 6; p++) assert.equal(new Set(records.filter((r) => r.primaryKey[0]!.value === `k${p}`).map((r) => r.shardId)).size, 1);
    const batch = records.filter((r) => r.primaryKey[0]!.value === 'batch');
    assert.deepEqual(batch.map((r) => r.sequence.rowIndex), [0, 1, 2, 3]);
    assert.equal(new Set(batch.map((r) => r.sequence.timestampMicros)).size, 1, 'one commit timestamp per batch');
    assert.equal(records.length, 16);
    assert.deepEqual(
      plain(records).sort((a: ChangeRecord, b: ChangeRecord) => JSON.stringify(seqKey(a)).localeCompare(JSON.stringify(seqKey(b)))),
      plain(h.emulator.changeLog('spread')).sort((a: ChangeRecord, b: ChangeRecord) => JSON.stringify(seqKey(a)).localeCompare(JSON.stringify(seqKey(b)))),
    );
  });

  it('pages GetStreamRecord with limit and ends a shard only after a split', async () => {
    await createTable(h.client, 'split', { stream: 24 });
    const [stream] = await h.streams.listStream('split');
    const shards = h.emulator.shards('split');
    const parent = shards[0]!.shardId;
    // Find partition keys that hash to the first shard.
    const keysInParent: string[] = [];
    for (let i = 0; keysInParent.length < 3 && i < 200; i++) {
      await h.client.putRow({ tableName: 'split', condition: ignore(), primaryKey: key(`p${i}`, 0), attributeColumns: [{ i: int(i) }] });
      const last = h.emulator.changeLog('split').at(-1)!;
      if (last.shardId === parent) keysInParent.push(`p${i}`);
    }
    assert.equal(keysInParent.length, 3);

    let iterator = await h.streams.getShardIterator(stream!.streamId, parent);
    const first = await h.streams.getStreamRecord(iterator, { limit: 2, shardId: parent });
    assert.equal(first.records.length, 2);
    assert.equal(first.mayMoreRecord, true);
    iterator = first.nextShardIterator!;
    const rest = await h.streams.getStreamRecord(iterator, { limit: 100, shardId: parent });
    assert.equal(rest.records.length, 1);
    assert.equal(rest.mayMoreRecord, false);
    const caughtUp = await h.streams.getStreamRecord(rest.nextShardIterator!, { shardId: parent });
    assert.deepEqual(caughtUp.records, []);
    assert.ok(caughtUp.nextShardIterator, 'an open shard always hands back an iterator');

    const [left, right] = h.emulator.splitShard('split', parent);
    clock += 10;
    for (const k of keysInParent) await h.client.putRow({ tableName: 'split', condition: ignore(), primaryKey: key(k, 1), attributeColumns: [{ after: true }] });
    const ended = await h.streams.getStreamRecord(caughtUp.nextShardIterator!, { shardId: parent });
    assert.deepEqual(ended.records, []);
    assert.equal(ended.nextShardIterator, undefined, 'the parent has ended');

    const description = await h.streams.describeStream(stream!.streamId);
    const children = description.shards.filter((s) => s.parentId === parent);
    assert.deepEqual(children.map((s) => s.shardId).sort(), [left, right].sort());
    assert.ok(children.every((s) => s.parentSiblingId === undefined));
    const childRecords = h.emulator.changeLog('split').filter((r) => r.cells[0]?.name === 'after');
    assert.equal(childRecords.length, 3);
    assert.ok(childRecords.every((r) => r.shardId === left || r.shardId === right), 'new writes go to the children');

    const merged = h.emulator.mergeShards('split', left, right);
    const after = await h.streams.describeStream(stream!.streamId);
    assert.deepEqual(after.shards.find((s) => s.shardId === merged), { shardId: merged, parentId: left, parentSiblingId: right });
    await h.client.putRow({ tableName: 'split', condition: ignore(), primaryKey: key(keysInParent[0]!, 2), attributeColumns: [{ merged: true }] });
    assert.equal(h.emulator.changeLog('split').at(-1)!.shardId, merged);
  });

  /** A table whose stream holds four puts of one key a second apart: its stream, shard and commit times (µs). */
  async function fourPuts(table: string): Promise<{ stream: { streamId: string }; shardId: string; times: number[] }> {
    await createTable(h.client, table, { stream: 24 });
    const [stream] = await h.streams.listStream(table);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock += 1000;
      times.push(clock * 1000);
      await h.client.putRow({ tableName: table, condition: ignore(), primaryKey: key('same', i), attributeColumns: [{ i: int(i) }] });
    }
    return { stream: stream!, shardId: h.emulator.changeLog(table)[0]!.shardId, times };
  }

  it('starts iterators at a timestamp and refuses trimmed data', async () => {
    const { stream, shardId, times } = await fourPuts('trim');
    const fromThird = await h.streams.getShardIterator(stream!.streamId, shardId, { timestampMicros: times[2] });
    const batch = await h.streams.getStreamRecord(fromThird, { shardId });
    assert.deepEqual(batch.records.map((r) => r.primaryKey[1]!.value), [2n, 3n]);

    const horizon = await h.streams.getShardIterator(stream!.streamId, shardId);
    h.emulator.trimBefore('trim', times[2]!);
    await assert.rejects(h.streams.getStreamRecord(horizon, { shardId }), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSTrimmedDataAccess' && err.httpStatus === 400 && !err.retryable);
    await assert.rejects(h.streams.getShardIterator(stream!.streamId, shardId, { timestampMicros: times[0] }), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSTrimmedDataAccess');
    const kept = await h.streams.getStreamRecord(await h.streams.getShardIterator(stream!.streamId, shardId), { shardId });
    assert.deepEqual(kept.records.map((r) => r.primaryKey[1]!.value), [2n, 3n]);
  });

  it('answers a timestamp seek in token-paged steps (faults.seekSteps)', async () => {
    const { stream, shardId, times } = await fourPuts('seek');
    const firstOf = async (iterator: string) => (await h.streams.getStreamRecord(iterator, { shardId, limit: 1 })).records[0]?.primaryKey[1]!.value;
    // The raw calls, so each step's answer shows (the client follows the tokens itself).
    const transport = new Transport({ endpoint: h.emulator.endpoint, instance: h.emulator.instance, credentials: h.emulator });
    const seek = async (timestamp: number | undefined, token?: string) => {
      const body = encodeMessage(S.GetShardIteratorRequest, { streamId: stream!.streamId, shardId, timestamp, token });
      return decodeMessage(S.GetShardIteratorResponse, await transport.call('GetShardIterator', body));
    };
    h.emulator.faults.seekSteps = 3;
    try {
      const first = await seek(times[2]);
      assert.equal(first.shardIterator, '', 'the first step has no iterator');
      assert.ok(first.nextToken);
      const second = await seek(times[2], first.nextToken);
      assert.ok(second.nextToken && second.nextToken !== first.nextToken);
      assert.equal(await firstOf(second.shardIterator), 0n, 'a step between stops short of the target');
      const last = await seek(times[2], second.nextToken);
      assert.equal(last.nextToken, undefined);
      assert.equal(await firstOf(last.shardIterator), 2n, 'the last step lands on the first record at or after the time');

      const refused = (err: unknown) => err instanceof TablestoreError && err.code === 'OTSParameterInvalid';
      await assert.rejects(seek(times[1], first.nextToken), refused, 'a token continues only its own seek');
      await assert.rejects(seek(times[2], 'not-a-token'), refused);
      await assert.rejects(seek(undefined, first.nextToken), refused);
      assert.equal((await seek(undefined)).nextToken, undefined, 'a seek to the oldest record is answered at once');
      assert.equal(await firstOf(await h.streams.getShardIterator(stream!.streamId, shardId, { timestampMicros: times[3] })), 3n, 'the client follows the tokens');
      h.emulator.faults.seekSteps = 1;
      assert.equal((await seek(times[2])).nextToken, undefined, 'unpaged again');
    } finally {
      h.emulator.faults.seekSteps = 1;
      transport.close();
    }
  });

  it('cuts GetStreamRecord pages short, or to nothing (faults.maxRecordsPerRead, emptyReadRate)', async () => {
    await createTable(h.client, 'pages', { stream: 24 });
    for (let i = 0; i < 5; i++) await h.client.putRow({ tableName: 'pages', condition: ignore(), primaryKey: key('same', i), attributeColumns: [{ i: int(i) }] });
    const shardId = h.emulator.changeLog('pages')[0]!.shardId;
    const [stream] = await h.streams.listStream('pages');
    const iterator = await h.streams.getShardIterator(stream!.streamId, shardId);
    const faults = h.emulator.faults;
    try {
      faults.maxRecordsPerRead = 2;
      const short = await h.streams.getStreamRecord(iterator, { shardId, limit: 100 });
      assert.deepEqual(short.records.map((r) => r.primaryKey[1]!.value), [0n, 1n]);
      assert.equal(short.mayMoreRecord, true);
      faults.emptyReadRate = 0.5;
      faults.random = () => 0.4;
      const empty = await h.streams.getStreamRecord(short.nextShardIterator!, { shardId, limit: 100 });
      assert.deepEqual([empty.records, empty.nextShardIterator, empty.mayMoreRecord], [[], short.nextShardIterator, true], 'no records, the same position, more to come');
      faults.random = () => 0.6;
      const next = await h.streams.getStreamRecord(empty.nextShardIterator!, { shardId, limit: 100 });
      assert.deepEqual(next.records.map((r) => r.primaryKey[1]!.value), [2n, 3n]);
      const last = await h.streams.getStreamRecord(next.nextShardIterator!, { shardId, limit: 100 });
      assert.deepEqual([last.records.length, last.mayMoreRecord], [1, false]);
      faults.random = () => 0.4;
      const caughtUp = await h.streams.getStreamRecord(last.nextShardIterator!, { shardId, limit: 100 });
      assert.deepEqual([caughtUp.records, caughtUp.mayMoreRecord], [[], false], 'a caught-up read stays caught up');
    } finally {
      faults.clear();
      faults.random = Math.random;
    }
    assert.equal((await h.streams.getStreamRecord(iterator, { shardId, limit: 100 })).records.length, 5, 'clear() lifts the cap');
  });

  it('expires records older than the expiration time', async () => {
    await createTable(h.client, 'expire', { stream: 1 });
    await h.client.putRow({ tableName: 'expire', condition: ignore(), primaryKey: key('e', 1), attributeColumns: [{ v: 'old' }] });
    const shardId = h.emulator.changeLog('expire')[0]!.shardId;
    const [stream] = await h.streams.listStream('expire');
    const iterator = await h.streams.getShardIterator(stream!.streamId, shardId);
    clock += HOUR_MS + 1;
    await h.client.putRow({ tableName: 'expire', condition: ignore(), primaryKey: key('e', 2), attributeColumns: [{ v: 'new' }] });
    await assert.rejects(h.streams.getStreamRecord(iterator, { shardId }), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSTrimmedDataAccess');
    const fresh = await h.streams.getStreamRecord(await h.streams.getShardIterator(stream!.streamId, shardId), { shardId });
    assert.deepEqual(fresh.records.map((r) => r.cells[0]!.value), ['new']);
  });

  it('delays stream visibility after commit', async () => {
    await createTable(h.client, 'visible', { stream: 24 });
    h.emulator.faults.visibilityDelayMs = 5000;
    try {
      await h.client.putRow({ tableName: 'visible', condition: ignore(), primaryKey: key('v', 1), attributeColumns: [{ v: 1.5 }] });
      const shardId = h.emulator.changeLog('visible')[0]!.shardId;
      const [stream] = await h.streams.listStream('visible');
      const iterator = await h.streams.getShardIterator(stream!.streamId, shardId);
      const hidden = await h.streams.getStreamRecord(iterator, { shardId });
      assert.deepEqual(hidden.records, []);
      assert.equal(hidden.nextShardIterator, iterator, 'the position does not move past unreadable records');
      clock += 5000;
      const shown = await h.streams.getStreamRecord(iterator, { shardId });
      assert.deepEqual(shown.records.map((r) => r.cells[0]!.value), [1.5]);
    } finally {
      h.emulator.faults.visibilityDelayMs = 0;
    }
  });

  it('reports corrupt records with the shard, iterator and the records that did decode', async () => {
    await createTable(h.client, 'corrupt', { stream: 24 });
    for (let i = 0; i < 3; i++) await h.client.putRow({ tableName: 'corrupt', condition: ignore(), primaryKey: key('c', i), attributeColumns: [{ i: int(i) }] });
    const shardId = h.emulator.changeLog('corrupt')[0]!.shardId;
    h.emulator.corruptStreamRecord('corrupt', shardId, 1);
    const [stream] = await h.streams.listStream('corrupt');
    const iterator = await h.streams.getShardIterator(stream!.streamId, shardId);
    const err = await h.streams.getStreamRecord(iterator, { shardId }).then(
      () => assert.fail('expected a corrupt record error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CorruptRecordError);
    assert.equal(err.code, 'OTS2OSSCorruptRecord');
    assert.equal(err.retryable, false);
    assert.equal(err.shardId, shardId);
    assert.equal(err.shardIterator, iterator);
    assert.deepEqual(err.badRecords.map((b) => b.index), [1]);
    assert.match(err.badRecords[0]!.reason, /checksum mismatch/);
    assert.deepEqual(err.batch.records.map((r) => r.primaryKey[1]!.value), [0n, 2n]);
    assert.ok(err.batch.nextShardIterator);
  });

  it('answers stream calls on unknown streams and shards with the service codes', async () => {
    await assert.rejects(h.streams.describeStream('nope_1'), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSObjectNotExist' && err.httpStatus === 404);
    const [stream] = await h.streams.listStream('changes');
    await assert.rejects(h.streams.getShardIterator(stream!.streamId, 'no-shard'), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSObjectNotExist');
    await assert.rejects(h.streams.getStreamRecord('not-an-iterator'), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSParameterInvalid');
    await assert.rejects(h.streams.listStream('no_table'), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSObjectNotExist');
    const all = await h.streams.listStream();
    assert.ok(all.some((s) => s.tableName === 'changes' && s.streamId === stream!.streamId && s.creationTime > 0));
  });
});
