import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { MAX_SEEK_CALLS, StreamClient } from '../../../runtime/tablestore/stream-client.ts';
import { createTable, ignore, int, key, startHarness, type Harness } from '../../emulators/tablestore/harness.ts';

const isCode = (code: string) => (err: unknown) => err instanceof TablestoreError && err.code === code;

describe('StreamClient', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ shardsPerTable: 5, describeStreamPageSize: 2 });
    await createTable(h.client, 'events', { stream: 72 });
  });
  after(() => h.close());

  it('lists and describes the stream across DescribeStream pages', async () => {
    const streams = await h.streams.listStream('events');
    assert.equal(streams.length, 1);
    assert.equal(streams[0]!.tableName, 'events');
    const d = await h.streams.describeStream(streams[0]!.streamId);
    assert.equal(d.status, 'ACTIVE');
    assert.equal(d.expirationHours, 72);
    assert.equal(d.tableName, 'events');
    assert.deepEqual(d.shards.map((s) => s.shardId), h.emulator.shards('events').map((s) => s.shardId));
    assert.equal(d.shards.length, 5);
  });

  it('reads the records of every shard as the emulator committed them', async () => {
    for (let i = 0; i < 20; i++) {
      await h.client.putRow({ tableName: 'events', condition: ignore(), primaryKey: key(`user${i % 7}`, i), attributeColumns: [{ n: int(i) }] });
    }
    const [s] = await h.streams.listStream('events');
    const d = await h.streams.describeStream(s!.streamId);
    const seen = [];
    for (const shard of d.shards) {
      let iterator: string | undefined = await h.streams.getShardIterator(s!.streamId, shard.shardId);
      for (;;) {
        const batch = await h.streams.getStreamRecord(iterator!, { limit: 3, shardId: shard.shardId, tableName: 'events' });
        seen.push(...batch.records);
        if (batch.records.length === 0) break;
        iterator = batch.nextShardIterator;
      }
    }
    const key2 = (r: { shardId: string; sequence: { timestampMicros: number; rowIndex: number } }) => `${r.shardId}/${r.sequence.timestampMicros}/${r.sequence.rowIndex}`;
    assert.deepEqual(seen.map(key2).sort(), h.emulator.changeLog('events').map(key2).sort());
    assert.equal(seen.length, 20);
  });

  it('sends one request per call and surfaces the service code', async () => {
    const [s] = await h.streams.listStream('events');
    h.emulator.faults.add({ operation: 'DescribeStream', errorRate: 1, code: 'OTSServerBusy', count: 1 });
    await assert.rejects(h.streams.describeStream(s!.streamId), (err: unknown) => isCode('OTSServerBusy')(err) && (err as TablestoreError).retryable && (err as TablestoreError).httpStatus === 503);
    // The fault allowed one failure: the next call goes through untouched.
    assert.equal((await h.streams.describeStream(s!.streamId)).shards.length, 5);
  });

  it('signs with credentials from a provider, STS token included', async () => {
    let calls = 0;
    const client = new StreamClient({
      endpoint: h.emulator.endpoint,
      instance: h.emulator.instance,
      credentials: () => {
        calls++;
        return { accessKeyId: h.emulator.accessKeyId, accessKeySecret: h.emulator.accessKeySecret, securityToken: 'sts-token-value' };
      },
    });
    try {
      assert.equal((await client.listStream()).length, 1);
      assert.equal(calls, 1);
      const wrong = new StreamClient({ endpoint: h.emulator.endpoint, instance: h.emulator.instance, credentials: { accessKeyId: h.emulator.accessKeyId, accessKeySecret: 'wrong' } });
      await assert.rejects(wrong.listStream(), (err: unknown) => isCode('OTSAuthFailed')(err) && !(err as TablestoreError).retryable);
      wrong.close();
    } finally {
      client.close();
    }
  });

  it('times out slow responses as a retryable error', async () => {
    const slow = new StreamClient({
      endpoint: h.emulator.endpoint,
      instance: h.emulator.instance,
      credentials: { accessKeyId: h.emulator.accessKeyId, accessKeySecret: h.emulator.accessKeySecret },
      timeoutMs: 50,
    });
    h.emulator.faults.add({ operation: 'ListStream', latencyMs: 300, count: 1 });
    try {
      await assert.rejects(slow.listStream(), (err: unknown) => isCode('TimeoutError')(err) && (err as TablestoreError).retryable);
    } finally {
      slow.close();
    }
  });

  it('validates its options', () => {
    const credentials = { accessKeyId: 'a', accessKeySecret: 'b' };
    assert.throws(() => new StreamClient({ endpoint: 'not a url', instance: 'i', credentials }), /not a URL/);
    assert.throws(() => new StreamClient({ endpoint: 'ftp://x', instance: 'i', credentials }), /http:\/\/ or https:\/\//);
    assert.throws(() => new StreamClient({ endpoint: 'http://x', instance: '', credentials }), /instance is required/);
  });
});

describe('StreamClient: a seek the service answers in token-paged steps (faults.seekSteps)', () => {
  let h: Harness;
  const ofShard = async () => {
    await createTable(h.client, 'seeks', { stream: 24 });
    // One partition key: every record in one shard, in commit order.
    for (let i = 0; i < 6; i++) await h.client.putRow({ tableName: 'seeks', condition: ignore(), primaryKey: key('same', i), attributeColumns: [{ n: int(i) }] });
    const log = h.emulator.changeLog('seeks');
    const [s] = await h.streams.listStream('seeks');
    return { streamId: s!.streamId, shardId: log[0]!.shardId, log };
  };
  let shard: Awaited<ReturnType<typeof ofShard>>;
  before(async () => {
    h = await startHarness({ shardsPerTable: 2 });
    shard = await ofShard();
  });
  after(() => h.close());

  it('follows next_token to the last iterator: the first record at or after the time, and every record after it once', async () => {
    h.emulator.faults.seekSteps = 4;
    const at = shard.log[2]!.sequence.timestampMicros;
    let iterator: string | undefined = await h.streams.getShardIterator(shard.streamId, shard.shardId, { timestampMicros: at });
    const seen = [];
    for (let guard = 0; iterator && guard < 20; guard++) {
      const batch = await h.streams.getStreamRecord(iterator, { limit: 2, shardId: shard.shardId });
      if (batch.records.length === 0) break;
      seen.push(...batch.records);
      iterator = batch.nextShardIterator;
    }
    const seq = (r: { sequence: { timestampMicros: number; rowIndex: number } }) => `${r.sequence.timestampMicros}/${r.sequence.rowIndex}`;
    assert.deepEqual(seen.map(seq), shard.log.slice(2).map(seq));
  });

  it(`gives up after ${MAX_SEEK_CALLS} calls, naming the shard`, async () => {
    h.emulator.faults.seekSteps = MAX_SEEK_CALLS + 1;
    await assert.rejects(
      h.streams.getShardIterator(shard.streamId, shard.shardId, { timestampMicros: shard.log[0]!.sequence.timestampMicros }),
      (err: unknown) => isCode('OTSCorruptedResponse')(err) && !(err as TablestoreError).retryable
        && (err as Error).message.includes(shard.shardId) && (err as Error).message.includes(`${MAX_SEEK_CALLS} calls`),
    );
  });
});
