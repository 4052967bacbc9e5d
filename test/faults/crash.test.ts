import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { bundleCli, credentialsEnv, removeCliBundle, runCli, startCli, writeJobFile } from './support/cli.ts';
import { crashAndRerun } from './support/crash.ts';
import { step, type HoldRule } from './support/gate.ts';
import { count, LONG, reportCounts } from './support/tally.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { minutesAgo, MINUTE, startWorld, type World } from './support/world.ts';
import { seededRandom } from '../../runtime/util/random.ts';

// Kill `ots2oss run` (a child process, SIGKILL) at each step of a window and at random requests,
// rerun, and check OSS against the stream's change log: nothing lost, nothing twice.

type Format = 'csv' | 'jsonl' | 'parquet';

after(async () => {
  await removeCliBundle();
  reportCounts('faults/crash');
});

/** Three minutes of changes, starting six minutes ago; the third window's end bounds the check. */
async function world(format: Format, options: CaseOptions = {}): Promise<{ world: World; through: number }> {
  const t0 = minutesAgo(6);
  const reader = options.wire ? { reader: { isExportSequenceInfo: false } } : {};
  const sink = { fileFormat: format, ...(options.gzip ? { compress: 'gzip' } : {}), ...(options.header ? { header: true } : {}) };
  const w = await startWorld({ startMs: t0, sink, ...reader });
  if (options.paged) {
    // Answers the service may give: seeks in steps, pages of a few records, empty pages that say more may follow.
    const { faults } = w.pipeline.emulators.tablestore;
    faults.seekSteps = 3;
    faults.maxRecordsPerRead = 7;
    faults.emptyReadRate = 0.2;
  }
  await w.write({ from: t0, to: t0 + MINUTE, rows: 30, seed: options.seed ?? 7 });
  // 1,020 rows of 8.6 KB in one shard: the first read batch (1,000 rows) passes the 8 MiB part size, so
  // the object goes up in two parts. Parquet returns a row group at about 16 MiB: it needs 2,000.
  if (options.large) await w.writeLarge({ from: t0 + MINUTE, to: t0 + 2 * MINUTE, rows: format === 'parquet' ? 2000 : 1020, cellBytes: 8_600 });
  else await w.write({ from: t0 + MINUTE, to: t0 + 2 * MINUTE, rows: 30, seed: (options.seed ?? 7) + 1 });
  await w.write({ from: t0 + 2 * MINUTE, to: t0 + 3 * MINUTE, rows: 30, seed: (options.seed ?? 7) + 2 });
  return { world: w, through: t0 + 3 * MINUTE };
}

interface CaseOptions {
  large?: boolean;
  seed?: number;
  gzip?: boolean;
  /** The stream answers in steps and short or empty pages (the emulator's paging knobs). */
  paged?: boolean;
  /**
   * The default job: no sequence info, so csv and jsonl lines are rendered from the wire's bytes and
   * checked as each window's multiset of lines.
   */
  wire?: boolean;
  /** csv: each object starts with a header. */
  header?: boolean;
}

/** `redo`: the crash point lies inside a window, so the rerun must export at least one. */
async function crashCase(format: Format, rule: HoldRule, options: CaseOptions & { redo?: boolean } = {}): Promise<number> {
  const { world: w, through } = await world(format, options);
  try {
    const outcome = await crashAndRerun(w, rule);
    const verdict = await verifyExport(w, { through });
    assertExactlyOnce(verdict, 60);
    if (options.redo ?? true) assert.ok((outcome.rerun.summary?.windows.length ?? 0) >= 1, 'the rerun exported the windows the crash left');
    return outcome.rerunRequests;
  } finally {
    await w.close();
  }
}

// The second window is where most crashes land: the first is complete by then, so resuming is tested
// too. `fast` ones run in `npm test`; all of them, in every format, under `npm run test:faults`.
const STEPS: Array<{ rule: HoldRule; large?: boolean; fast?: boolean }> = [
  { rule: { name: 'after reading, before the first upload', match: step.dataWrite, occurrence: 3 }, fast: true },
  { rule: { name: 'mid-multipart: part 1 uploaded, part 2 not', match: step.uploadPart(2) }, large: true, fast: true },
  { rule: { name: 'multipart completed, its answer lost', match: step.completeMultipart, when: 'after' }, large: true },
  { rule: { name: 'object uploaded, its answer lost', match: step.dataWrite, occurrence: 3, when: 'after' } },
  { rule: { name: 'after upload, before the checkpoint', match: step.checkpoint, occurrence: 3 }, fast: true },
  { rule: { name: 'checkpoint written, its answer lost', match: step.checkpoint, occurrence: 3, when: 'after' } },
  { rule: { name: 'after the checkpoints, before the manifest', match: step.manifest, occurrence: 2 }, fast: true },
  { rule: { name: 'after the manifest, before _SUCCESS', match: step.success, occurrence: 2 }, fast: true },
  { rule: { name: 'after _SUCCESS, before the window record', match: step.windowComplete, occurrence: 2 } },
  { rule: { name: 'after the window, before the job state moves on', match: step.jobAdvance, occurrence: 2 } },
];

describe('crash points: ots2oss run killed at each step of a window, then rerun', () => {
  // The fast form reads the large (9 MB) case back as jsonl, the quickest to parse.
  const formats: Array<Format | undefined> = LONG ? ['csv', 'jsonl', 'parquet'] : [undefined];
  for (const chosen of formats) {
    for (const { rule, large, fast } of STEPS) {
      if (!LONG && !fast) continue;
      const format = chosen ?? (large ? 'jsonl' : 'csv');
      it(`${format}: ${rule.name}`, async () => {
        await crashCase(format, rule, { large });
      });
    }
  }

  // The default job's lines come from the wire's bytes, not rows: the same steps over that path.
  for (const format of LONG ? (['csv', 'jsonl'] as const) : [undefined]) {
    for (const { rule, large, fast } of STEPS) {
      if (!LONG && !(fast && large)) continue;
      const chosen = format ?? 'jsonl';
      it(`${chosen}, lines from the wire: ${rule.name}`, async () => {
        await crashCase(chosen, rule, { large, wire: true });
      });
    }
  }

  it('csv, lines from the wire, with a header and gzip: after upload, before the checkpoint', async () => {
    await crashCase('csv', { name: 'csv wire header gzip: after upload, before the checkpoint', match: step.checkpoint, occurrence: 3 }, { wire: true, header: true, gzip: true });
  });

  // sink.compress gzip: members of .gz objects and GZIP Parquet pages survive a crash and a rerun alike.
  for (const format of LONG ? (['csv', 'jsonl', 'parquet'] as const) : (['csv'] as const)) {
    it(`${format}, gzip: after upload, before the checkpoint`, async () => {
      await crashCase(format, { name: `${format} gzip: after upload, before the checkpoint`, match: step.checkpoint, occurrence: 3 }, { gzip: true });
    });
  }

  it('csv: killed while the run lingers for a caught-up shard (window.lingerSeconds)', async () => {
    const m = Math.floor(Date.now() / MINUTE) * MINUTE;
    const t0 = m - 3 * MINUTE;
    const w = await startWorld({ startMs: t0 });
    try {
      for (let i = 0; i < 3; i++) await w.write({ from: t0 + i * MINUTE, to: t0 + (i + 1) * MINUTE, rows: 30, seed: 41 + i });
      // Nothing follows the third window (it ends at m): its shards are caught up, and a lag passing about
      // 15 s from now makes the run wait inside its linger budget. It is killed waiting. (The CLI is
      // bundled first, so the child reaches the window within those seconds.)
      await bundleCli();
      const lag = Math.ceil((Date.now() - m) / 1000) + 15;
      const config = writeJobFile(w.dir, w.jobWith({ window: { safetyLagSeconds: lag, lingerSeconds: 60 } }), 'job-linger.json');
      const env = credentialsEnv(w.pipeline.emulators.info);
      const run = await startCli(['run', '--config', config, '--json', '--verbose'], { env });
      await run.waitForStderr(/waiting for a caught-up shard/);
      const killed = await run.kill();
      count('crashPoints');
      assert.equal(killed.signal, 'SIGKILL');
      assert.doesNotMatch(killed.stderr, /run finished/, 'killed during the wait, not after the run');
      await w.expireLease();
      // The same job again, up to the third window: it waits out what is left of the lag, then exports.
      const done = (await w.store.getJob(w.job.name))?.lastCompleteWindowEnd ?? t0;
      const rerun = await runCli(config, { env, args: ['--max-windows', String((m - done) / MINUTE)] });
      assert.equal(rerun.code, 0, rerun.stderr.slice(-3000));
      assert.equal(rerun.summary?.windows.at(-1)?.end, new Date(m).toISOString(), 'the rerun exported the window the kill interrupted');
      assertExactlyOnce(await verifyExport(w, { through: m }), 90);
    } finally {
      await w.close();
    }
  });

  /**
   * Kills the run at random requests: the n-th, held before or after it lands. A random request may be
   * the run's last (its lease release, or the final state once it landed): then nothing is left to
   * redo, and exactly-once is all there is to check.
   */
  async function randomCrashPoints(label: string, seed: number, points: number, formatOf: (i: number) => Format, options: CaseOptions = {}): Promise<void> {
    const random = seededRandom(seed);
    let range = 60;
    for (let i = 0; i < points; i++) {
      const n = 1 + Math.floor(random() * range);
      const when = random() < 0.5 ? 'before' : 'after';
      const rule: HoldRule = { name: `${label} #${i} (seed ${seed}): request ${n}, ${when}`, match: step.any, occurrence: n, when };
      range = Math.max(20, await crashCase(formatOf(i), rule, { ...options, seed: seed + i, redo: false }));
    }
  }
  const everyFormat = (i: number): Format => (['csv', 'jsonl', 'parquet'] as const)[i % 3]!;

  it('random crash points: the n-th request of a run, held before or after it lands', async () => {
    await randomCrashPoints('random', Number(process.env.FAULTS_SEED ?? 20261126), LONG ? 24 : 2, LONG ? everyFormat : () => 'jsonl');
  });

  it('random crash points, lines from the wire (no sequence info)', async () => {
    await randomCrashPoints('wire', Number(process.env.FAULTS_SEED ?? 20261128), LONG ? 8 : 1, (i) => (i % 2 ? 'jsonl' : 'csv'), { wire: true });
  });

  it('random crash points over a stream answering in steps and short or empty pages', async () => {
    await randomCrashPoints('paged', Number(process.env.FAULTS_SEED ?? 20261127), LONG ? 12 : 1, everyFormat, { paged: true });
  });
});
