import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { createOssClient } from '../../runtime/oss/client.ts';
import { withGate } from '../faults/support/crash.ts';
import { isDataKey, type GateRequest } from '../faults/support/gate.ts';
import { MINUTE, startWorld, type World } from '../faults/support/world.ts';
import { prefixAt, windowIdAt } from '../support/e2e.ts';

// One shard of a window fails while its sibling (speed.concurrency 2) is in the middle of a multipart
// upload: the run returns only once the sibling has stopped, its upload aborted, no checkpoint moved,
// and nothing of the run goes on after it returned.

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);

describe('e2e: a shard failing beside a running sibling', () => {
  let world: World;
  let client: OSS;
  before(async () => {
    world = await startWorld({ startMs: T0, reader: { maxRetries: 3 }, sink: { fileFormat: 'jsonl' }, speed: { concurrency: 2 } });
    // 1,020 rows of 8.6 KB in one shard: more than one 8 MiB part, so it goes up through multipart.
    await world.writeLarge({ from: T0, to: T0 + MINUTE, rows: 1020, cellBytes: 8_600 });
    await world.write({ from: T0, to: T0 + MINUTE, rows: 50, seed: 7 });
    world.pipeline.clock.set(T0 + MINUTE + 15_000);
    client = createOssClient({ endpoint: world.pipeline.emulators.info.oss, bucket: world.bucket, credentials: world.pipeline.emulators.info });
  });
  after(() => world?.close());

  it('stops the sibling, aborts its upload, and does nothing after runExport returns', async () => {
    const log = world.changeLog();
    const big = log.find((r) => r.primaryKey[0]!.value === 'big')!.shardId;
    const shards = world.pipeline.emulators.tablestore.shards(world.table, world.instance).map((s) => s.shardId);
    assert.equal(shards.length, 2, 'the table has two shards');
    const other = shards.find((s) => s !== big)!;
    assert.ok(log.some((r) => r.shardId === other), 'the other shard has records of the window');
    const otherScope = `${prefixAt(world.job.name, T0)}/${windowIdAt(T0)}_${other}`;
    const ofShard = (shard: string) => (r: GateRequest) => r.service === 'oss' && isDataKey(r.key) && r.key.includes(`_${shard}_`);

    await withGate(world, async (gate) => {
      // The big shard's upload lands but its answer waits; the other shard's write waits before landing.
      const bigInitiate = gate.hold({ name: 'big initiate', when: 'after', match: (r) => ofShard(big)(r) && r.operation === 'InitiateMultipartUpload' });
      const otherWrite = gate.hold({ name: 'other write', match: (r) => ofShard(other)(r) && r.operation === 'PutObject' });
      let returned = false;
      const run = world.run({ endpoints: gate.endpoints }).finally(() => {
        returned = true;
      });
      const [bigHeld, otherHeld] = await Promise.all([bigInitiate, otherWrite]);
      // Now the other shard fails for good while the big one is mid-upload.
      world.pipeline.emulators.oss.faults.add({ operation: 'PutObject', errorRate: 1, code: 'AccessDenied', keyPrefix: otherScope });
      otherHeld.release();
      await delay(1000);
      assert.equal(returned, false, 'runExport returned while a sibling shard was still uploading');
      bigHeld.release();
      const summary = await run;
      world.pipeline.emulators.oss.faults.clear();

      assert.equal(summary.ok, false);
      assert.equal(summary.error?.name, 'OssAccessError');
      const requests = gate.log.length;
      const uploads = (await client.listUploads({ prefix: 'exports/' })).uploads ?? [];
      assert.deepEqual(uploads.map((u) => u.name), [], 'the stopped shard aborted its multipart upload');
      assert.deepEqual(await world.store.getShards(world.job.name), [], 'no shard committed a checkpoint');
      assert.deepEqual(await world.oss.dataKeys('exports/'), [], 'no data object was written');
      await delay(500);
      assert.equal(gate.log.length, requests, 'no request of the run after it returned');
    });

    // The next run exports the window whole.
    const next = await world.run();
    assert.equal(next.ok, true, next.error?.message);
    assert.equal(next.records, log.length);
  });
});
