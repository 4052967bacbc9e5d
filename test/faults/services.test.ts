import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { TablestoreFaults } from '../../emulators/tablestore/faults.ts';
import type { OssFaults } from '../../emulators/oss/faults.ts';
import { createOssClient } from '../../runtime/oss/client.ts';
import { backoffDelay } from '../../runtime/util/retry.ts';
import { withGate } from './support/crash.ts';
import { step } from './support/gate.ts';
import { count, LONG, reportCounts } from './support/tally.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { MINUTE, startWorld, withWorld, type World } from './support/world.ts';

// Throttling, 5xx and lost answers on both services, at high rates; and rates no retry policy
// outlasts: the run fails loudly, moves no checkpoint, and a later run picks up cleanly.

after(() => reportCounts('faults/services'));

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
const MANY = 1_000_000;

/** Three windows of changes; the clock then stands past the third window's end and the safety lag. */
async function threeWindows(world: World, rows = 30): Promise<number> {
  for (let i = 0; i < 3; i++) await world.write({ from: T0 + i * MINUTE, to: T0 + (i + 1) * MINUTE, rows, seed: 11 + i });
  world.pipeline.clock.set(T0 + 3 * MINUTE + 15_000);
  return T0 + 3 * MINUTE;
}

/** Errors the emulators' rules (each installed with `count: MANY`) have injected so far. */
function injected(faults: TablestoreFaults | OssFaults): number {
  return faults.state().rules.reduce((n, r) => n + (r.count === undefined ? 0 : r.count - (r.remaining ?? 0)), 0);
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 0x1_0000_0000);
}

describe('throttling and server errors', () => {
  const rates = LONG ? [0.3, 0.4, 0.5] : [0.4];
  for (const rate of rates) {
    it(`both services failing ${rate * 100}% of requests (throttling, 5xx): the run completes within maxRetries, exactly once`, async () => {
      const world = await startWorld({ startMs: T0 });
      try {
        const through = await threeWindows(world);
        const { tablestore, oss } = world.pipeline.emulators;
        // Seeded, so a failure replays; three codes a third of the rate each.
        const ts = tablestore.faults as TablestoreFaults;
        const os = oss.faults as OssFaults;
        Object.assign(ts, { random: seeded(1) });
        Object.assign(os, { random: seeded(2) });
        const each = 1 - Math.cbrt(1 - rate);
        for (const code of ['OTSServerBusy', 'OTSInternalServerError', 'OTSQuotaExhausted']) ts.add({ operation: '*', errorRate: each, code, count: MANY });
        for (const [code, status] of [['ServiceUnavailable', 503], ['InternalError', 500], ['SlowDown', 503]] as const) {
          os.add({ operation: '*', errorRate: each, code, status, count: MANY });
        }
        const summary = await world.run();
        const faults = injected(ts) + injected(os);
        ts.clear();
        os.clear();
        count('faults', faults);
        assert.equal(summary.ok, true, summary.error?.message);
        assert.ok(faults > 20, `only ${faults} faults were injected`);
        assert.equal(summary.retries, faults, 'every injected error was retried once, and nothing else was');
        assert.ok(summary.pauses.every((ms) => ms <= backoffDelay(world.job.reader.maxRetries)), 'pauses follow the capped backoff');
        assertExactlyOnce(await verifyExport(world, { through }), 90);
      } finally {
        await world.close();
      }
    });
  }

  it('answers lost after the request landed (20% of requests on both services, connection dropped): exactly once', async () => {
    await withWorld({ startMs: T0 }, (world) => withGate(world, async (gate) => {
      const through = await threeWindows(world);
      const lost = gate.dropAnswers({ match: () => true, rate: 0.2, random: seeded(3) });
      const summary = await world.run({ endpoints: gate.endpoints });
      count('faults', lost.dropped);
      gate.reset();
      assert.equal(summary.ok, true, summary.error?.message);
      assert.equal(summary.stoppedBecause, 'caught-up');
      assert.ok(lost.dropped > 10, `only ${lost.dropped} answers were dropped`);
      assertExactlyOnce(await verifyExport(world, { through }), 90);
    }));
  });

  it('the answer to the lease grant is lost: the run recognises its own lease and exports', async () => {
    await withWorld({ startMs: T0 }, (world) => withGate(world, async (gate) => {
      const through = await threeWindows(world);
      const lost = gate.dropAnswers({ match: step.leaseGrant, rate: 1, limit: 1 });
      const summary = await world.run({ endpoints: gate.endpoints });
      count('faults', lost.dropped);
      assert.equal(lost.dropped, 1);
      assert.equal(summary.ok, true, summary.error?.message);
      assert.equal(summary.stoppedBecause, 'caught-up', 'the run went on with the lease it was granted');
      assert.equal(summary.windows.length, 3);
      assertExactlyOnce(await verifyExport(world, { through }), 90);
    }));
  });

  it('a multipart part failing beyond maxRetries while the next one is encoded: loud failure, upload aborted, next run exact', async () => {
    const world = await startWorld({ startMs: T0, reader: { maxRetries: 3 }, sink: { fileFormat: 'jsonl' } });
    try {
      // 1,020 rows of 8.6 KB in one shard: the first read batch fills a part, which uploads while the rest is encoded.
      await world.writeLarge({ from: T0, to: T0 + MINUTE, rows: 1020, cellBytes: 8_600 });
      world.pipeline.clock.set(T0 + MINUTE + 15_000);
      const faults = world.pipeline.emulators.oss.faults;
      faults.configure({ rules: [{ operation: 'UploadPart', errorRate: 1, code: 'InternalError', count: MANY }] });
      const failed = await world.run();
      count('faults', injected(faults));
      faults.clear();
      assert.equal(failed.ok, false);
      assert.match(failed.error?.message ?? '', /gave up after 4 attempts: .*InternalError/);
      const client = createOssClient({ endpoint: world.pipeline.emulators.info.oss, bucket: world.bucket, credentials: world.pipeline.emulators.info });
      const uploads = (await client.listUploads({})) as { uploads?: unknown[] };
      assert.deepEqual(uploads.uploads ?? [], [], 'the multipart upload was aborted');
      const resumed = await world.run();
      assert.equal(resumed.ok, true, resumed.error?.message);
      assertExactlyOnce(await verifyExport(world, { through: T0 + MINUTE }), 1020);
    } finally {
      await world.close();
    }
  });

  const beyond = [
    { service: 'tablestore', operation: 'GetStreamRecord', code: 'OTSServerBusy', says: /GetStreamRecord.*OTSServerBusy|OTSServerBusy.*GetStreamRecord/s },
    { service: 'oss', operation: 'PutObject', code: 'ServiceUnavailable', says: /ServiceUnavailable/ },
  ] as const;
  for (const b of beyond) {
    it(`${b.operation} failing every time, beyond maxRetries: the run fails loudly, and the next one resumes cleanly`, async () => {
      const world = await startWorld({ startMs: T0, reader: { maxRetries: 3 } });
      try {
        await world.write({ from: T0, to: T0 + MINUTE, rows: 30, seed: 21 });
        world.pipeline.clock.set(T0 + MINUTE + 15_000);
        const first = await world.run();
        assert.equal(first.ok, true, first.error?.message);
        const through = await threeWindows(world);
        const checkpoints = await world.store.getShards(world.job.name);

        const faults = world.pipeline.emulators[b.service].faults;
        faults.configure({ rules: [{ operation: b.operation, errorRate: 1, code: b.code, count: MANY }] });
        const failed = await world.run();
        count('faults', injected(faults));
        faults.clear();
        assert.equal(failed.ok, false);
        assert.equal(failed.stoppedBecause, 'error');
        assert.match(failed.error?.message ?? '', /gave up after 4 attempts/);
        assert.match(failed.error?.message ?? '', b.says);
        assert.equal(failed.retries, 3);
        // A shard commits once its objects are up: any checkpoint that moved points at objects in OSS.
        const bucket = new Set(await world.oss.keys('exports/'));
        for (const cp of await world.store.getShards(world.job.name)) {
          if (checkpoints.some((c) => c.shardId === cp.shardId && c.windowId === cp.windowId)) continue;
          assert.ok(cp.objects.every((o) => bucket.has(o.key)), `shard ${cp.shardId} committed ${cp.windowId} with objects missing from OSS`);
        }
        const state = await world.store.getJob(world.job.name);
        assert.equal(state?.lastCompleteWindowId, first.lastCompleteWindow, 'the job did not move past the failed window');
        assert.match(state?.lastError ?? '', b.says, 'the job state records the error for `ots2oss status`');
        assert.equal((await world.store.readLease(world.job.name))?.owner, '', 'the lease was released');

        const resumed = await world.run();
        assert.equal(resumed.ok, true, resumed.error?.message);
        assert.equal(resumed.windows.length, 2);
        assertExactlyOnce(await verifyExport(world, { through }), 90);
      } finally {
        await world.close();
      }
    });
  }
});
