import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobStatus } from '../../runtime/cli/commands/status.ts';
import { windowId } from '../../runtime/core/window.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { runCli, startFixture, type Fixture } from './harness.ts';

const parseStatus = (stdout: string) => (JSON.parse(stdout) as { jobs: JobStatus[] }).jobs;

describe('ots2oss status', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 3, rows: 40 });
  });
  after(() => fx.close());

  it('reports a job that never ran', async () => {
    const result = await runCli(['status', '--config', fx.jobPath, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const [job] = parseStatus(result.stdout);
    assert.equal(job?.job, 'orders');
    assert.equal(job?.health, 'never-run');
    assert.equal(job?.lease, undefined);
    assert.deepEqual(job?.shards, []);
    assert.deepEqual(job?.windows, []);
  });

  it('reports progress, lag, checkpoints, the lease holder and the last error after runs', async () => {
    const ran = await runCli(['run', '--config', fx.jobPath, '--json']);
    assert.equal(ran.code, 0, ran.stderr);
    const summary = JSON.parse(ran.stdout) as RunSummary;
    assert.ok(summary.lastCompleteWindow, 'the run completed windows');

    // A failing scheduled run records the job's last error (an explicit one does not): it runs as if two
    // minutes later, so a window is due and its read fails. Then someone else takes the lease.
    const { store } = fx.adapters();
    fx.emulators.tablestore.faults.add({ operation: 'GetStreamRecord', errorRate: 1, code: 'OTSParameterInvalid', count: 1 });
    const later = () => Date.now() + 120_000;
    const failed = await runExport({ job: fx.job, ...fx.adapters(), now: later, deadline: later() + 60_000 });
    assert.equal(failed.ok, false);
    fx.emulators.tablestore.faults.clear();
    const taken = await store.acquireLease(fx.job.name, 'operator-test', 120_000, Date.now());
    assert.equal(taken.acquired, true);

    const [json, text] = await Promise.all([
      runCli(['status', '--config', fx.jobPath, '--json', '--windows', '4']),
      runCli(['status', '--config', fx.jobPath]),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const [job] = parseStatus(json.stdout);
    assert.ok(job);
    assert.equal(job.health, 'failing');
    assert.match(job.lastError?.message ?? '', /OTSParameterInvalid/);
    assert.equal(job.lastCompleteWindow, summary.lastCompleteWindow);
    const end = Date.parse(job.lastCompleteWindowEnd!);
    assert.equal(windowId({ start: end - 60_000, end }), summary.lastCompleteWindow);
    const lag = (Date.parse(job.now) - end) / 1000;
    assert.ok(job.lagSeconds !== undefined && Math.abs(job.lagSeconds - lag) <= 1, `lag ${job.lagSeconds} vs ${lag}`);
    assert.ok(job.lagSeconds >= 30, 'a window is exported only once it is 30 s old');
    assert.deepEqual(job.lease && { owner: job.lease.owner, held: job.lease.held }, { owner: 'operator-test', held: true });

    const checkpoints = await store.getShards(fx.job.name);
    assert.ok(checkpoints.length >= 2);
    assert.deepEqual(job.shards.map((s) => [s.shardId, s.window, s.records, s.ended]).sort(),
      checkpoints.map((c) => [c.shardId, c.windowId, c.records, c.ended]).sort());
    for (const s of job.shards.filter((x) => !x.ended)) assert.equal(s.window, summary.lastCompleteWindow);

    assert.equal(job.windows.length, 4);
    const ids = job.windows.map((w) => w.id);
    assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
    const byId = new Map(summary.windows.map((w) => [w.id, w]));
    for (const w of job.windows.filter((x) => byId.has(x.id))) {
      assert.equal(w.state, 'complete');
      assert.deepEqual([w.records, w.rows, w.objects], [byId.get(w.id)!.records, byId.get(w.id)!.rows, byId.get(w.id)!.objects]);
    }

    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`last complete window +${summary.lastCompleteWindow} \\(ended .*\\), lag \\d+ s`));
    assert.match(text.stdout, /last run +\S+, FAILED/);
    assert.match(text.stdout, /last error +.*OTSParameterInvalid/);
    assert.match(text.stdout, /lease +held by operator-test until \S+Z \(fence \d+\)/);
    assert.match(text.stdout, /SHARD +WINDOW +RECORDS +ROWS +OBJECTS +ENDED +UPDATED/);
    assert.match(text.stdout, /WINDOW +STATE +RECORDS +ROWS +OBJECTS +BYTES +ATTEMPTS +COMPLETED/);
  });
});
