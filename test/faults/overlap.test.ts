import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { credentialsEnv, removeCliBundle, runCli, startCli, writeJobFile } from './support/cli.ts';
import { jobThrough, withGate } from './support/crash.ts';
import { isDataKey, reached, step, type Gate, type HoldRule } from './support/gate.ts';
import { count, reportCounts } from './support/tally.ts';
import { prefixAt, windowIdAt } from '../support/e2e.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { minutesAgo, MINUTE, startWorld, withWorld, type World } from './support/world.ts';

// Overlapping invocations of one job: timers firing while a slow run still works, as separate
// processes; and a run that stalls past its lease and wakes up after another finished its windows.

after(async () => {
  await removeCliBundle();
  reportCounts('faults/overlap');
});

async function threeWindows(world: World, t0: number): Promise<number> {
  for (let i = 0; i < 3; i++) await world.write({ from: t0 + i * MINUTE, to: t0 + (i + 1) * MINUTE, rows: 30, seed: 61 + i });
  return t0 + 3 * MINUTE;
}

/** Three windows written (through returned) and a gate in front of the emulators, both closed after `fn`. */
function withStallWorld(fn: (world: World, gate: Gate, t0: number, through: number) => Promise<void>): Promise<void> {
  const t0 = Date.UTC(2026, 2, 14, 10, 0, 0);
  return withWorld({ startMs: t0 }, (world) => withGate(world, async (gate) => {
    const through = await threeWindows(world, t0);
    world.pipeline.clock.set(through + 15_000);
    await fn(world, gate, t0, through);
  }));
}

describe('overlapping invocations', () => {
  it('three ots2oss run processes while one is mid-window: one exports, the others stand down, each window once', async () => {
    const t0 = minutesAgo(6);
    const world = await startWorld({ startMs: t0 });
    try {
      const through = await threeWindows(world, t0);
      await withGate(world, async (gate) => {
        const config = writeJobFile(world.dir, jobThrough(world.job, gate));
        const env = credentialsEnv(world.pipeline.emulators.info);
        const slow = gate.hold({ name: 'a slow checkpoint', match: step.checkpoint, occurrence: 2 });
        const first = await startCli(['run', '--config', config, '--json'], { env });
        const held = await slow;
        const others = await Promise.all([runCli(config, { env }), runCli(config, { env })]);
        for (const o of others) {
          assert.equal(o.code, 0, o.stderr);
          assert.equal(o.summary?.stoppedBecause, 'lease-held');
          assert.deepEqual(o.summary?.windows, []);
        }
        held.release();
        const done = await first.done;
        assert.equal(done.code, 0, done.stderr);
        assert.ok((done.summary?.windows.length ?? 0) >= 3);
        count('faults', 2);
        const writes = new Map<string, number>();
        for (const r of gate.log) {
          if (r.service === 'oss' && isDataKey(r.key) && (r.operation === 'PutObject' || r.operation === 'InitiateMultipartUpload')) {
            writes.set(r.key, (writes.get(r.key) ?? 0) + 1);
          }
        }
        assert.ok(writes.size >= 3);
        assert.deepEqual([...writes].filter(([, n]) => n !== 1), [], 'every data object was written once');
      });
      assertExactlyOnce(await verifyExport(world, { through }), 90);
    } finally {
      await world.close();
    }
  });

  const stalls: HoldRule[] = [
    { name: 'before its checkpoint', match: step.checkpoint, occurrence: 2 },
    { name: 'before an upload', match: step.dataWrite, occurrence: 2 },
    { name: 'before its manifest', match: step.manifest, occurrence: 1 },
  ];
  for (const stall of stalls) {
    it(`a run stalled ${stall.name} past its lease, woken after another run finished: refused, and OSS stays exact`, async () => {
      await withStallWorld(async (world, gate, _t0, through) => {
        const held = gate.hold(stall);
        const zombie = world.run({ endpoints: gate.endpoints, owner: 'zombie' });
        const request = await reached(held, zombie, stall.name);
        await world.expireLease();
        const next = await world.run({ owner: 'next' });
        assert.equal(next.ok, true, next.error?.message);
        assert.ok(next.windows.length >= 1, 'the next run redid what the stalled one had not committed');
        assertExactlyOnce(await verifyExport(world, { through }), 90);

        request.release();
        const woken = await zombie;
        count('faults');
        assert.equal(woken.ok, false, 'the stalled run cannot commit over the newer lease');
        assert.match(`${woken.error?.name}: ${woken.error?.message}`, /StaleFenceError|LeaseLostError/);
        assertExactlyOnce(await verifyExport(world, { through }), 90);
        const state = await world.store.getJob(world.job.name);
        assert.equal(state?.lastCompleteWindowEnd, through, 'the stalled run did not move the job state back');
        assert.equal(state?.lastError, undefined, 'nor marked the job failed: the job is fine');

        // And the job goes on from where the newer run left it.
        await world.write({ from: through, to: through + MINUTE, rows: 30, seed: 64 });
        world.pipeline.clock.set(through + MINUTE + 15_000);
        const later = await world.run();
        assert.equal(later.ok, true, later.error?.message);
        assertExactlyOnce(await verifyExport(world, { through: through + MINUTE }), 120);
      });
    });
  }

  // truncate deletes a window's leftovers only after every shard has committed, and the job state is
  // fenced like the checkpoints: a run that lost its lease while its delete was in flight removes only
  // leftovers, and cannot move the job back afterwards.
  it('a run stalled at its truncate delete, woken after another run finished the window, deletes nothing committed', async () => {
    await withStallWorld(async (world, gate, t0, through) => {
      // Leftovers of a crashed attempt, under the names the window's objects take.
      for (const s of world.pipeline.emulators.tablestore.shards(world.table, world.instance)) {
        await world.oss.put(`${prefixAt(world.job.name, t0)}/${windowIdAt(t0)}_${s.shardId}_0009.csv`, 'left over\n');
      }
      const held = gate.hold({ name: 'the truncate delete', match: (r) => r.operation === 'DeleteMultipleObjects' });
      const zombie = world.run({ endpoints: gate.endpoints, owner: 'zombie' });
      const request = await reached(held, zombie, 'the truncate delete');
      await world.expireLease();
      assert.equal((await world.run({ owner: 'next' })).ok, true);
      request.release();
      const woken = await zombie;
      assert.equal(woken.ok, false, 'the stalled run cannot save the job state over the newer lease');
      assert.match(`${woken.error?.name}: ${woken.error?.message}`, /StaleFenceError|LeaseLostError/);
      assert.equal((await world.store.getJob(world.job.name))?.lastCompleteWindowEnd, through, 'the job state was not moved back');
      assertExactlyOnce(await verifyExport(world, { through }), 90);
    });
  });
});
