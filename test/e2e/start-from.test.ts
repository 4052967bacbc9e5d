import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { startLocalPipeline, type LocalPipeline } from '../../runtime/local/pipeline.ts';
import type { LocalJob } from '../../runtime/local/provision.ts';
import { createLogger } from '../../runtime/util/logger.ts';
import { applyChange, E2E_BUCKET, e2eEnvironment, MINUTE, T0, windowIdAt } from '../support/e2e.ts';
import { BucketReader } from '../support/oss.ts';

// Where a job starts when its stream is older than the stream's expiration (1 hour here): a row a
// minute for three hours, so the first two hours have expired by the time the jobs run at 3:00:30.
// `earliest` starts at the oldest window the stream can still serve whole, also for a job whose first
// runs failed before it exported anything; a gap is an error only for a job that has exported before,
// or one told to start at a time the stream no longer holds. A window the stream holds only in part is
// not whole: with windows longer than the 10-minute margin, its start has truly expired.

const SIZE = 5;
const END = T0 + 180 * MINUTE + 30_000;
/** 3:00:30 less the hour the stream keeps, plus the 10-minute margin, is 2:10:30: the next 5-minute edge. */
const EARLIEST = T0 + 135 * MINUTE;
const JOBS = [
  { name: 'fresh' },
  { name: 'failed-first' },
  { name: 'lapsed' },
  { name: 'given', startFrom: new Date(T0 + 30 * MINUTE).toISOString() },
  // Long windows whose start falls into the window the stream holds only in part at 3:00:30 (2:00-2:30, 2:00-3:00).
  { name: 'half-held', size: 30 },
  { name: 'given-half-held', size: 60, startFrom: new Date(T0 + 120 * MINUTE).toISOString() },
];

let pipeline: LocalPipeline;
let oss: BucketReader;
const job = (name: string): LocalJob => pipeline.jobs.find((j) => j.job.name === name)!;

/** One tick, and the window its log says the job starts at, if that run set the start. */
async function tick(name: string): Promise<RunSummary & { firstWindow?: string }> {
  const starts: string[] = [];
  const logger = createLogger({
    write: (line) => {
      const entry = JSON.parse(line) as { message: string; firstWindow?: string };
      if (entry.message.startsWith('job starts')) starts.push(entry.firstWindow!);
    },
  });
  const summary = await pipeline.tick(job(name), { logger });
  assert.ok(starts.length <= 1);
  return { ...summary, firstWindow: starts[0] };
}

/** The `id` key of every row exported under the job's prefix. */
async function exportedIds(name: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const key of await oss.dataKeys(`exports/${name}/`)) {
    for (const line of (await oss.get(key)).toString('utf8').split('\n').filter(Boolean)) ids.add(String((JSON.parse(line) as { id: unknown }).id));
  }
  return ids;
}

const idsOf = (from: number, to: number) => new Set(Array.from({ length: to - from }, (_, i) => `k${from + i}`));

describe('e2e: where a job starts on a stream older than its expiration', () => {
  const early = new Map<string, RunSummary & { firstWindow?: string }>();

  before(async () => {
    const env = e2eEnvironment(JOBS.map(({ name, startFrom, size = SIZE }) => ({
      name, window: { sizeMinutes: size, ...(startFrom ? { startFrom } : {}) }, sink: { fileFormat: 'jsonl', header: false },
    })));
    for (const j of env.jobs) (j.source as { streamExpirationHours: number }).streamExpirationHours = 1;
    pipeline = await startLocalPipeline(env, { startMs: T0 });
    oss = new BucketReader(pipeline.emulators.info.oss, E2E_BUCKET, pipeline.emulators.info);
    for (let m = 0; m < 180; m++) {
      pipeline.clock.set(T0 + m * MINUTE);
      for (const { name } of JOBS) await applyChange(job(name), { kind: 'put', key: [`k${m}`, BigInt(m)], cells: [['v', `v${m}`]] });
      if (m === 66) {
        pipeline.clock.set(T0 + 66 * MINUTE + 30_000);
        // Its first run fails before any object is written: the job has a start but has exported nothing.
        pipeline.emulators.oss.faults.add({ operation: 'PutObject', errorRate: 1, code: 'AccessDenied', keyPrefix: 'exports/failed-first/' });
        early.set('failed-first', await tick('failed-first'));
        pipeline.emulators.oss.faults.clear();
        early.set('lapsed', await tick('lapsed'));
      }
      if (m === 160) {
        // At 2:40:30 the stream holds 30-minute windows whole from 2:00; this first run fails, exporting nothing.
        pipeline.clock.set(T0 + 160 * MINUTE + 30_000);
        pipeline.emulators.oss.faults.add({ operation: 'PutObject', errorRate: 1, code: 'AccessDenied', keyPrefix: 'exports/half-held/' });
        early.set('half-held', await tick('half-held'));
        pipeline.emulators.oss.faults.clear();
      }
    }
    pipeline.clock.set(END);
  });
  after(() => pipeline?.close());

  it('a new job starts at the oldest whole window the stream still holds, and says so', async () => {
    const summary = await tick('fresh');
    assert.ok(summary.ok, summary.error?.message);
    assert.equal(summary.firstWindow, windowIdAt(EARLIEST));
    assert.deepEqual(summary.windows.map((w) => w.id), Array.from({ length: 9 }, (_, i) => windowIdAt(EARLIEST + i * SIZE * MINUTE)));
    assert.deepEqual(await exportedIds('fresh'), idsOf(135, 180));
    const next = await tick('fresh');
    assert.ok(next.ok, next.error?.message);
    assert.equal(next.firstWindow, undefined, 'said once, on the run that set the start');
  });

  it('a job whose first runs failed before it exported moves its start past what expired since', async () => {
    const failed = early.get('failed-first')!;
    assert.equal(failed.ok, false, 'the first run failed');
    assert.equal(failed.firstWindow, windowIdAt(T0 + 20 * MINUTE), 'at 1:06:30 the stream could serve whole windows from 0:20');
    const summary = await tick('failed-first');
    assert.ok(summary.ok, summary.error?.message);
    assert.equal(summary.firstWindow, windowIdAt(EARLIEST));
    assert.equal(summary.windows[0]?.id, windowIdAt(EARLIEST));
    assert.deepEqual(await exportedIds('failed-first'), idsOf(135, 180));
  });

  it('a job that exported before and then missed the expiration fails, naming the gap', async () => {
    const first = early.get('lapsed')!;
    assert.ok(first.ok, first.error?.message);
    assert.deepEqual([first.firstWindow, first.lastCompleteWindow], [windowIdAt(T0 + 20 * MINUTE), windowIdAt(T0 + 60 * MINUTE)]);
    const summary = await tick('lapsed');
    assert.equal(summary.ok, false);
    assert.equal(summary.error?.name, 'WindowGapError');
    assert.match(summary.error!.message, /expired before they were exported/);
    assert.deepEqual(await exportedIds('lapsed'), idsOf(20, 65), 'nothing after the gap was exported');
  });

  it('a job told to start at a time the stream no longer holds fails, naming window.startFrom', async () => {
    const summary = await tick('given');
    assert.equal(summary.ok, false);
    assert.equal(summary.error?.name, 'WindowGapError');
    assert.match(summary.error!.message, /window\.startFrom/);
    assert.doesNotMatch(summary.error!.message, /expired before they were exported/, 'the job never exported');
    assert.deepEqual(await exportedIds('given'), new Set());
  });

  it('a job whose stored start lies in a window the stream holds only in part starts again at the next whole one', async () => {
    const failed = early.get('half-held')!;
    assert.equal(failed.ok, false, 'the first run failed');
    assert.equal(failed.firstWindow, windowIdAt(T0 + 120 * MINUTE));
    // At 3:00:30 the record of 2:00 has expired: a 2:00-2:30 window would lack it.
    const summary = await tick('half-held');
    assert.ok(summary.ok, summary.error?.message);
    assert.equal(summary.firstWindow, windowIdAt(T0 + 150 * MINUTE));
    assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(T0 + 150 * MINUTE)]);
    assert.deepEqual(await exportedIds('half-held'), idsOf(150, 180));
  });

  it('a job told to start in a window the stream holds only in part fails, naming window.startFrom', async () => {
    const summary = await tick('given-half-held');
    assert.equal(summary.ok, false, 'the 2:00-3:00 window lost its first record');
    assert.equal(summary.error?.name, 'WindowGapError');
    assert.match(summary.error!.message, /window\.startFrom/);
    assert.deepEqual(await exportedIds('given-half-held'), new Set());
  });
});
