import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertExactlyOnce, verifyExport } from '../../faults/support/verify.ts';
import { MINUTE, withWorld } from '../../faults/support/world.ts';

// Whole exports through a Tablestore that pages its answers as the real service may: a timestamp
// seek over several GetShardIterator calls (next_token), every record checked exactly once in OSS
// against the emulator's change log.

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);

describe('an export through a service that pages its answers', () => {
  it('a seek answered in token-paged steps (an empty iterator first): every record once', async () => {
    await withWorld({ startMs: T0 }, async (world) => {
      world.pipeline.emulators.tablestore.faults.seekSteps = 3;
      await world.write({ from: T0, to: T0 + 3 * MINUTE, rows: 60, seed: 11 });
      world.pipeline.clock.set(T0 + 3 * MINUTE + 15_000);
      const summary = await world.run();
      assert.equal(summary.ok, true, summary.error?.message);
      assertExactlyOnce(await verifyExport(world, { through: T0 + 3 * MINUTE }), 60);
    });
  });
});
