import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, disableStream, MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { enableStream } from '../../runtime/tablestore/stream-admin.ts';

// Failures that must stop the job loudly: a table without its stream, and stream records trimmed
// before they were exported. Nothing is skipped: the job keeps failing, with the error in its state.

let e2e: E2E;
const JOBS = ['no-stream', 'rebuilt', 'trimmed'];

async function writeRows(job: string, fromMs: number, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    e2e.pipeline.clock.set(Math.max(e2e.pipeline.clock.now(), fromMs + i * 1000));
    await applyChange(e2e.job(job), { kind: 'put', key: [`k${i}`, BigInt(i)], cells: [['s', `${tag}${i}`]] });
  }
}

describe('e2e: failures are loud and never skip data', () => {
  before(async () => {
    e2e = await startE2E(JOBS.map((name) => ({ name })));
  });
  after(() => e2e?.close());

  it('a table whose stream is disabled gives a clear error naming the fix', async () => {
    const job = 'no-stream';
    await disableStream(e2e.job(job));
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
    const summary = await e2e.tick(job);
    assert.equal(summary.ok, false);
    assert.equal(summary.stoppedBecause, 'error');
    const { instance, table } = e2e.job(job).job.source;
    assert.match(summary.error!.message, new RegExp(`Stream is not enabled on ${instance}/${table}`));
    assert.match(summary.error!.message, /ots2oss enable-stream --instance e2e --table no_stream/);
    assert.deepEqual(await e2e.oss.keys(`exports/${job}/`), [], 'nothing written');
  });

  it('a stream disabled and enabled again after exports fails instead of silently starting over', async () => {
    const job = 'rebuilt';
    await writeRows(job, T0 + MINUTE + 12_000, 5, 'a');
    e2e.pipeline.clock.set(T0 + 2 * MINUTE + 11_000);
    const first = await e2e.tick(job);
    assert.ok(first.ok, first.error?.message);
    assert.equal(first.records, 5);
    await disableStream(e2e.job(job));
    await enableStream(e2e.job(job).tables, e2e.job(job).job.source.table, 24);
    await writeRows(job, T0 + 2 * MINUTE + 12_000, 3, 'b');
    e2e.pipeline.clock.set(T0 + 3 * MINUTE + 11_000);
    const second = await e2e.tick(job);
    assert.equal(second.ok, false);
    assert.match(second.error!.message, /stream changed from .* to .*disabled and re-enabled/);
    const state = await e2e.jobState(job);
    assert.ok(state?.lastError?.includes('stream changed'));
    assert.equal(state?.lastCompleteWindowId, windowIdAt(T0 + MINUTE));
  });

  it('records trimmed past the checkpoint fail the run, record lastError, and keep failing', async () => {
    const job = 'trimmed';
    const { table, instance } = e2e.job(job).job.source;
    await writeRows(job, T0 + 3 * MINUTE + 12_000, 6, 'w1-');
    e2e.pipeline.clock.set(T0 + 4 * MINUTE + 11_000);
    const first = await e2e.tick(job);
    assert.ok(first.ok, first.error?.message);
    // A new job starts at the stream's creation (T0) when that is less than an hour back.
    assert.deepEqual(first.windows.map((w) => [w.id, w.records]), [0, 1, 2, 3].map((m) => [windowIdAt(T0 + m * MINUTE), m === 3 ? 6 : 0]));

    // The next window's records expire before the job reads them.
    await writeRows(job, T0 + 4 * MINUTE + 12_000, 6, 'w2-');
    const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
    e2e.pipeline.emulators.tablestore.trimBefore(table, log.at(-1)!.sequence.timestampMicros, instance);
    e2e.pipeline.clock.set(T0 + 5 * MINUTE + 11_000);
    for (let attempt = 0; attempt < 2; attempt++) {
      const summary = await e2e.tick(job);
      assert.equal(summary.ok, false, `attempt ${attempt} fails`);
      assert.equal(summary.stoppedBecause, 'error');
      assert.deepEqual(summary.windows, [], 'no window is reported done');
      assert.match(summary.error!.message, /OTSTrimmedDataAccess|trimmed/i);
      const state = await e2e.jobState(job);
      assert.ok(state?.lastError && /OTSTrimmedDataAccess|trimmed/i.test(state.lastError), `lastError recorded: ${state?.lastError}`);
      assert.equal(state?.lastCompleteWindowId, windowIdAt(T0 + 3 * MINUTE), 'progress stays before the gap');
      assert.equal(await e2e.oss.exists(`${prefixAt(job, T0 + 4 * MINUTE)}/_ots2oss/${windowIdAt(T0 + 4 * MINUTE)}/manifest.json`), false);
      // Later windows are not exported past the gap either.
      await writeRows(job, e2e.pipeline.clock.now() + 1000, 1, `later${attempt}-`);
      e2e.pipeline.clock.advance(MINUTE);
    }
    const manifests = (await e2e.oss.keys(`exports/${job}/`)).filter((k) => k.endsWith('manifest.json'));
    assert.deepEqual(manifests, [0, 1, 2, 3].map((m) => `${prefixAt(job, T0 + m * MINUTE)}/_ots2oss/${windowIdAt(T0 + m * MINUTE)}/manifest.json`), 'only the windows of the first run');
  });
});
