import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../runtime/util/random.ts';
import { assertExactlyOnce, verifyExport } from '../../faults/support/verify.ts';
import { MINUTE, withWorld } from '../../faults/support/world.ts';

// Whole exports through a Tablestore that pages its answers as the real service may: a timestamp
// seek over several GetShardIterator calls (next_token), GetStreamRecord pages shorter than asked
// or empty with may_more_record. Every record is checked exactly once in OSS against the emulator's
// change log.

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

  it('checkpoints resumed over shorter and empty pages than the run that wrote them: every record once', async () => {
    await withWorld({ startMs: T0 }, async (world) => {
      const faults = world.pipeline.emulators.tablestore.faults;
      await world.write({ from: T0, to: T0 + 2 * MINUTE + 12_000, rows: 90, seed: 12 });
      // Windows 0 and 1 go out in whole pages; a checkpoint skips records into a page that reaches window 2.
      world.pipeline.clock.set(T0 + 2 * MINUTE + 15_000);
      const first = await world.run();
      assert.equal(first.ok, true, first.error?.message);
      const cursors = (await world.store.getShards(world.job.name)).flatMap((s) => (s.cursor ? [s.cursor] : []));
      assert.ok(cursors.some((c) => c.skip > 3), `a checkpoint skips more than a short page holds: ${JSON.stringify(cursors.map((c) => c.skip))}`);

      faults.random = seededRandom(5);
      faults.configure({ maxRecordsPerRead: 3, emptyReadRate: 0.3 });
      await world.write({ from: T0 + 2 * MINUTE + 15_000, to: T0 + 4 * MINUTE, rows: 30, seed: 13 });
      world.pipeline.clock.set(T0 + 4 * MINUTE + 15_000);
      const second = await world.run();
      faults.clear();
      assert.equal(second.ok, true, second.error?.message);
      assertExactlyOnce(await verifyExport(world, { through: T0 + 4 * MINUTE }), 120);
    });
  });
});
