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
});
