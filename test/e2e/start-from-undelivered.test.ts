import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChange, MINUTE, startE2E, T0 } from '../support/e2e.ts';

// A new `earliest` job whose first run finds no record in the stream: commits take minutes to show in
// a Tablestore Stream, so records committed before the run may still be on their way. The job must not
// start at the run's own window, past them. (The emulator holds records back by its visibility delay.)

describe('startFrom earliest on a stream that shows no record yet', () => {
  it('starts far enough back that records still being delivered are exported, each once', async () => {
    const e = await startE2E([{ name: 'undelivered' }]);
    try {
      const { clock, emulators } = e.pipeline;
      emulators.tablestore.faults.visibilityDelayMs = 2 * MINUTE;
      clock.set(T0 + 20_000);
      await applyChange(e.job('undelivered'), { kind: 'put', key: ['a', 1n], cells: [['v', 'x']] });
      clock.set(T0 + 75_000); // the window [T0, T0 + 1 min) and its safety lag are over
      const first = await e.tick('undelivered');
      assert.equal(first.ok, true, first.error?.message);
      assert.equal(first.records, 0, 'the record is not readable yet');
      const state = await e.jobState('undelivered');
      assert.ok(state!.firstWindowStart <= T0, `the job starts at ${new Date(state!.firstWindowStart).toISOString()}, after the commit`);

      emulators.tablestore.faults.visibilityDelayMs = 0;
      let records = 0;
      for (let i = 0; i < 3; i++) {
        clock.advance(MINUTE);
        const run = await e.tick('undelivered');
        assert.equal(run.ok, true, run.error?.message);
        records += run.records;
      }
      assert.equal(records, 1, 'the record is exported once');
      const data = await e.oss.dataKeys('exports/undelivered/');
      assert.equal(data.length, 1, data.join(', '));
    } finally {
      await e.close();
    }
  });

  it('starts at the stream\'s creation, or an hour back, or at the oldest record if older', async () => {
    const e = await startE2E([{ name: 'young' }, { name: 'idle' }, { name: 'recent' }, { name: 'old' }]);
    try {
      const { clock } = e.pipeline;
      // The e2e streams are created at T0: five minutes later the young job starts there.
      clock.set(T0 + 5 * MINUTE + 30_000);
      assert.equal((await e.tick('young')).ok, true);
      assert.equal((await e.jobState('young'))!.firstWindowStart, T0);
      // Records for two more jobs, an hour and two and a half hours in.
      clock.set(T0 + 60 * MINUTE + 5_000);
      await applyChange(e.job('old'), { kind: 'put', key: ['a', 1n], cells: [['v', 'x']] });
      clock.set(T0 + 150 * MINUTE + 5_000);
      await applyChange(e.job('recent'), { kind: 'put', key: ['a', 1n], cells: [['v', 'x']] });
      clock.set(T0 + 180 * MINUTE + 30_000);
      const startOf = async (name: string) => {
        assert.equal((await e.tick(name)).ok, true);
        return new Date((await e.jobState(name))!.firstWindowStart).toISOString();
      };
      const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();
      // Three hours on, with nothing committed, a new job starts an hour back, not at T0.
      assert.equal(await startOf('idle'), at(120));
      // A record seen from half an hour ago: another shard may still be delivering older ones.
      assert.equal(await startOf('recent'), at(120));
      // One seen from two hours ago is older than the margin: the job starts at its window.
      assert.equal(await startOf('old'), at(60));
    } finally {
      await e.close();
    }
  });

  it('reads past empty pages that say more may follow to find the oldest record', async () => {
    const e = await startE2E([{ name: 'paged' }]);
    try {
      const { clock, emulators } = e.pipeline;
      clock.set(T0 + 10 * MINUTE + 5_000);
      await applyChange(e.job('paged'), { kind: 'put', key: ['a', 1n], cells: [['v', 'x']] });
      clock.set(T0 + 180 * MINUTE + 30_000);
      // The first three reads come back empty, saying more may follow, as the service may answer.
      let draws = 0;
      emulators.tablestore.faults.random = () => (draws++ < 3 ? 0 : 0.99);
      emulators.tablestore.faults.emptyReadRate = 0.5;
      const first = await e.tick('paged');
      emulators.tablestore.faults.emptyReadRate = 0;
      assert.equal(first.ok, true, first.error?.message);
      // Taken as an empty stream, the job would have started an hour back, after the record.
      assert.equal((await e.jobState('paged'))!.firstWindowStart, T0 + 10 * MINUTE);
      assert.equal(first.records, 1);
    } finally {
      await e.close();
    }
  });
});
