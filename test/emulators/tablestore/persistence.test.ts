import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { useDataDir } from '../suite.ts';
import { attrs, createTable, ignore, int, key, readAll, startHarness } from './harness.ts';

describe('Tablestore emulator: persistence', () => {
  const dataDirFor = useDataDir('ots-emulator-');

  it('keeps tables, rows and the stream across a restart', async () => {
    const dataDir = dataDirFor();
    const first = await startHarness({ dataDir, shardsPerTable: 2 });
    let streamId: string;
    let shardCount: number;
    try {
      await createTable(first.client, 'durable', { stream: 24, maxVersions: 2 });
      await first.client.putRow({ tableName: 'durable', condition: ignore(), primaryKey: key('a', 1), attributeColumns: [{ s: 'text' }, { n: int('12345678901234') }, { b: Buffer.from([1, 2]) }] });
      await first.client.updateRow({ tableName: 'durable', condition: ignore(), primaryKey: key('a', 1), updateOfAttributeColumns: [{ DELETE_ALL: ['s'] }] });
      const shards = first.emulator.shards('durable');
      first.emulator.splitShard('durable', shards[0]!.shardId);
      streamId = (await first.streams.listStream('durable'))[0]!.streamId;
      shardCount = first.emulator.shards('durable').length;
    } finally {
      await first.close();
    }
    assert.deepEqual((await readdir(dataDir)).filter((f) => f.endsWith('.json')), ['tablestore-state.json']);

    const second = await startHarness({ dataDir, shardsPerTable: 2 });
    try {
      assert.deepEqual((await second.client.listTable({})).tableNames, ['durable']);
      const row = await second.client.getRow({ tableName: 'durable', primaryKey: key('a', 1) });
      assert.deepEqual(attrs(row.row), { b: Buffer.from([1, 2]), n: 12345678901234n });
      assert.equal(second.emulator.shards('durable').length, shardCount);
      assert.equal((await second.streams.listStream('durable'))[0]!.streamId, streamId);

      await second.client.putRow({ tableName: 'durable', condition: ignore(), primaryKey: key('a', 2), attributeColumns: [{ s: 'after restart' }] });
      const { records } = await readAll(second.streams, 'durable');
      assert.deepEqual(records.map((r) => r.action), ['PUT', 'UPDATE', 'PUT']);
      const times = records.map((r) => r.sequence.timestampMicros);
      assert.ok(times[2]! > times[1]! && times[1]! > times[0]!, 'commit timestamps keep increasing after the restart');
      assert.equal(second.emulator.changeLog('durable').length, 3);
    } finally {
      await second.close();
    }
  });
});
