import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { connectJob } from '../../runtime/export/connect.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { createRetrier } from '../../runtime/export/retrier.ts';
import type { StreamSource } from '../../runtime/export/source.ts';
import { createOssClient } from '../../runtime/oss/client.ts';
import { silentLogger } from '../../runtime/util/logger.ts';
import { withGate } from '../faults/support/crash.ts';
import { isDataKey, type GateRequest } from '../faults/support/gate.ts';
import { MINUTE, startWorld, withWorld, type World } from '../faults/support/world.ts';
import { prefixAt, windowIdAt } from '../support/e2e.ts';

// One shard of a window fails while its sibling (speed.concurrency 2) is in the middle of a multipart
// upload, asleep waiting for the window to settle (window.lingerSeconds), or reading a compacted
// window: the run returns only once the sibling has stopped, its upload aborted, no checkpoint moved,
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

/** A run of the world's job in this process, on its own source and sleep. */
function runWith(world: World, source: (real: StreamSource) => StreamSource, sleep: (ms: number) => Promise<void>): Promise<RunSummary> {
  const { info } = world.pipeline.emulators;
  const retry = createRetrier({ maxRetries: 0, logger: silentLogger, sleep: async () => undefined });
  const adapters = connectJob(world.job, { tablestore: info.tablestore, oss: info.oss }, info, retry);
  return runExport({
    job: world.job, ...adapters, source: source(adapters.source), retry,
    deadline: world.now() + 10 * MINUTE, now: world.now, sleep,
  });
}

/** The source with its reads replaced. */
function withRead(real: StreamSource, read: StreamSource['read']): StreamSource {
  return Object.assign(Object.create(real) as StreamSource, { read });
}

function latch(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

describe('e2e: a shard failing beside a sibling that does not write', () => {
  // Started at a given time, a job reads nothing to find its start: every read is of the window.
  const window = { startFrom: new Date(T0).toISOString() };

  it('wakes a sibling lingering for the window to settle: the run returns while its sleep still waits', async () => {
    await withWorld({ startMs: T0, window: { ...window, lingerSeconds: 60 }, speed: { concurrency: 2 }, sink: { fileFormat: 'jsonl' } }, async (world) => {
      await world.write({ from: T0, to: T0 + MINUTE, rows: 40, seed: 3 });
      // 1 s past the window's end, 9 s before its 10 s safety lag passes: a caught-up shard lingers.
      const settles = T0 + MINUTE + 10_000;
      world.pipeline.clock.set(T0 + MINUTE + 1_000);
      const [failing, lingering] = world.pipeline.emulators.tablestore.shards(world.table, world.instance).map((s) => s.shardId);
      assert.ok(failing && lingering, 'two shards');
      const asleep = latch();
      const woken = latch();
      const sleeps: number[] = [];
      const run = runWith(world, (real) => withRead(real, async (shardId, iterator, limit) => {
        if (shardId !== failing) return real.read(shardId, iterator, limit);
        await asleep.promise;
        throw new Error(`shard ${failing}: read failed`);
      }), async (ms) => {
        sleeps.push(ms);
        world.pipeline.clock.advance(ms);
        asleep.fire();
        // A sleep that ends only when the test lets it: only a stop can end the run before then.
        await woken.promise;
      });
      // The bound only keeps a run that never stops from hanging the suite; a passing run returns at once.
      let timer: NodeJS.Timeout | undefined;
      const first = await Promise.race([run.then(() => 'returned'), new Promise((resolve) => (timer = setTimeout(resolve, 10_000, 'still asleep')))]);
      clearTimeout(timer);
      woken.fire();
      const summary = await run;
      assert.equal(first, 'returned', 'the run waited out the lingering shard\'s sleep');
      assert.equal(summary.ok, false);
      assert.equal(summary.error?.message, `shard ${failing}: read failed`, 'the first failure is what the run reports');
      assert.deepEqual(sleeps, [2_000], 'the lingering shard slept once and was stopped in that sleep');
      assert.ok(world.now() < settles, 'stopped before its window settled');
      assert.deepEqual(await world.store.getShards(world.job.name), [], 'no shard committed a checkpoint');
      assert.deepEqual(await world.oss.dataKeys('exports/'), [], 'no data object was written');
    });
  });

  it('stops a compacted sibling reading the window: no read starts after the failure', async () => {
    await withWorld({ startMs: T0, window, reader: { mode: 'compacted', isExportSequenceInfo: false }, speed: { concurrency: 2 }, sink: { fileFormat: 'jsonl' } }, async (world) => {
      // 3,500 rows in one shard: four batches of 1,000 records to read.
      await world.writeLarge({ from: T0, to: T0 + MINUTE, rows: 3_500, cellBytes: 16 });
      world.pipeline.clock.set(T0 + MINUTE + 15_000);
      const big = world.changeLog()[0]!.shardId;
      const failing = world.pipeline.emulators.tablestore.shards(world.table, world.instance).map((s) => s.shardId).find((s) => s !== big)!;
      assert.ok(failing, 'two shards');
      // The other shard fails while the big one's first batch is on its way; that batch is handed over
      // only once the failure has gone round (a turn of the event loop later).
      const reading = latch();
      const failed = latch();
      let failedYet = false;
      const reads = { before: 0, after: 0 };
      const summary = await runWith(world, (real) => withRead(real, async (shardId, iterator, limit) => {
        if (shardId === failing) {
          await reading.promise;
          failedYet = true;
          failed.fire();
          throw new Error(`shard ${failing}: read failed`);
        }
        reads[failedYet ? 'after' : 'before']++;
        reading.fire();
        const batch = await real.read(shardId, iterator, limit);
        await failed.promise;
        await new Promise((resolve) => setImmediate(resolve));
        return batch;
      }), world.pipeline.clock.sleep);
      assert.equal(summary.ok, false);
      assert.equal(summary.error?.message, `shard ${failing}: read failed`);
      assert.deepEqual(reads, { before: 1, after: 0 }, 'the reading shard stopped after the batch it was reading');
      assert.equal(await world.store.getWindowEnds(world.job.name), undefined, 'no window ends saved');
      assert.deepEqual(await world.store.getShards(world.job.name), [], 'no shard committed a checkpoint');
      assert.deepEqual(await world.oss.dataKeys('exports/'), [], 'no data object was written');

      // Its next run exports the window whole.
      const next = await world.run();
      assert.equal(next.ok, true, next.error?.message);
      assert.equal(next.records, 3_500);
    });
  });
});
