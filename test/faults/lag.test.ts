import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { reportCounts } from './support/tally.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { MINUTE, startWorld } from './support/world.ts';

// Freshness rests on this: window.safetyLagSeconds holds back only shards that are caught up (their
// next record may still become visible); a shard already holding a record past the window's end is
// complete at once. So with steady writes a window is exported at the first tick after it ends.

after(() => reportCounts('faults/lag'));

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);

describe('the safety lag', () => {
  it('does not delay a window whose shards all hold later records; it holds one with a caught-up shard', async () => {
    const world = await startWorld({ startMs: T0, window: { safetyLagSeconds: 30 } });
    try {
      await world.write({ from: T0, to: T0 + MINUTE, rows: 40, seed: 71 });
      await world.write({ from: T0 + MINUTE, to: T0 + MINUTE + 5_000, rows: 40, seed: 72 });
      const shards = new Set(world.changeLog().filter((r) => r.sequence.timestampMicros >= (T0 + MINUTE) * 1000).map((r) => r.shardId));
      assert.equal(shards.size, 2, 'both shards hold records past the first window');

      world.pipeline.clock.set(T0 + MINUTE + 6_000);
      const early = await world.run();
      assert.equal(early.ok, true, early.error?.message);
      assert.deepEqual(early.windows.map((w) => w.records), [40], 'exported 6 s after its end, 24 s inside the lag');

      // The second window's shards are caught up: it waits out the lag, then goes.
      world.pipeline.clock.set(T0 + 2 * MINUTE + 5_000);
      const held = await world.run();
      assert.equal(held.ok, true, held.error?.message);
      assert.equal(held.stoppedBecause, 'behind');
      assert.deepEqual(held.windows, []);
      world.pipeline.clock.set(T0 + 2 * MINUTE + 31_000);
      const settled = await world.run();
      assert.deepEqual(settled.windows.map((w) => w.records), [40]);
      assertExactlyOnce(await verifyExport(world, { through: T0 + 2 * MINUTE }), 80);
    } finally {
      await world.close();
    }
  });

  it('with window.lingerSeconds, a tick waits for a caught-up shard to settle and exports the window then', async () => {
    const world = await startWorld({ startMs: T0, window: { safetyLagSeconds: 30, lingerSeconds: 30 } });
    try {
      await world.write({ from: T0, to: T0 + MINUTE - 1_000, rows: 40, seed: 73 });
      // 5 s after the end, the lag settles 25 s later: inside a 20 s budget it would not, so no wait.
      world.pipeline.clock.set(T0 + MINUTE + 5_000);
      const short = await world.run({ job: world.jobWith({ window: { lingerSeconds: 20 } }) });
      assert.equal(short.stoppedBecause, 'behind');
      assert.equal(world.now(), T0 + MINUTE + 5_000, 'no time spent waiting');
      const waited = await world.run();
      assert.equal(waited.ok, true, waited.error?.message);
      assert.equal(waited.stoppedBecause, 'caught-up');
      assert.deepEqual(waited.windows.map((w) => w.records), [40]);
      assert.equal(world.now(), T0 + MINUTE + 30_000, 'the window went out as the lag passed, in the same tick');
      assertExactlyOnce(await verifyExport(world, { through: T0 + MINUTE }), 40);
    } finally {
      await world.close();
    }
  });
});
