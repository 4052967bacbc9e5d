import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobStatus } from '../../runtime/cli/commands/status.ts';
import { windowId } from '../../runtime/core/window.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { createDataTable } from '../../runtime/local/provision.ts';
import { runCli, startFixture, writeEnvironment, type Fixture } from './harness.ts';

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

describe('ots2oss status: health, and what to do next', () => {
  let fx: Fixture;
  before(async () => {
    // Six one-minute windows ending 5 minutes ago or earlier: a run that exports one leaves the job minutes behind.
    fx = await startFixture({ windows: 6, rows: 30 });
  });
  after(() => fx.close());

  const status = async (args: string[]) => {
    const [json, text] = await Promise.all([runCli(['status', ...args, '--json']), runCli(['status', ...args])]);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(text.code, 0, text.stderr);
    return { job: parseStatus(json.stdout)[0]!, text: text.stdout };
  };

  it('a job trailing by more than the alarm\'s threshold is behind, and says how to catch up', async () => {
    const ran = await runCli(['run', '--config', fx.jobPath, '--max-windows', '1']);
    assert.equal(ran.code, 0, ran.stderr);

    // A minute's schedule and run: a healthy job trails by under 4 minutes, so the alarm may fire above it.
    const env = writeEnvironment(fx, { schedule: '@every 1m', function: { timeoutSeconds: 60 }, alarm: { maxLagMinutes: 4 } });
    const behind = await status(['--config', env]);
    assert.equal(behind.job.health, 'behind');
    assert.ok(behind.job.lagSeconds! > 240, `lag ${behind.job.lagSeconds}`);
    assert.deepEqual([behind.job.maxLagSeconds, behind.job.maxLagFrom], [240, 'alarm.maxLagMinutes']);
    assert.match(behind.text, /health +BEHIND: lag \d+ min, behind above 4 min \(alarm\.maxLagMinutes\)/);
    assert.match(behind.text, new RegExp(`next +\`ots2oss run --config ${env.replaceAll('.', '\\.')} --job orders\` catches up now`));

    // Without one stated, the alarm's default (twice what a healthy job reaches: 23 min with @every 5m).
    const defaulted = await status(['--config', writeEnvironment(fx)]);
    assert.deepEqual([defaulted.job.health, defaulted.job.maxLagSeconds, defaulted.job.maxLagFrom], ['ok', 23 * 60, 'the alarm\'s default']);
    assert.match(defaulted.text, /health +ok: lag \d+ min; behind above 23 min \(the alarm's default\)/);
    assert.doesNotMatch(defaulted.text, /next/);

    // A native job knows no alarm: --max-lag judges, or the line says how to.
    assert.match((await status(['--config', fx.jobPath, '--max-lag', '2'])).text, /health +BEHIND: lag \d+ min, behind above 2 min \(--max-lag\)/);
    const native = await status(['--config', fx.jobPath]);
    assert.equal(native.job.health, 'ok');
    assert.match(native.text, /health +ok: lag \d+ min; give --max-lag MIN to judge the lag/);
  });

  it('a stream the operator\'s keys may not describe is a check left undone, not a failing job', async () => {
    // The job ran (the test above); the function reads the stream with its own role.
    const before = await status(['--config', fx.jobPath]);
    assert.equal(before.job.health, 'ok');
    fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', errorRate: 1, code: 'OTSNoPermissionAccess' });
    try {
      const { job, text } = await status(['--config', fx.jobPath]);
      assert.equal(job.health, 'ok');
      assert.equal(job.streamError, undefined);
      assert.equal(job.next, undefined);
      assert.match(job.streamUnchecked ?? '', /^access key \S+ from .* may not call DescribeStream on table orders .*OTSNoPermissionAccess.*\(the function's role, which the stack makes, has it\)$/);
      assert.match(text, /health +ok: lag \d+ min/);
      assert.match(text, /stream check +unavailable: access key \S+ from .* may not call DescribeStream/);
      assert.doesNotMatch(text, /FAILING|next/);
    } finally {
      fx.emulators.tablestore.faults.clear();
    }
  });

  it('after a reset, a job with exported windows has no checkpoints, not "never run"', async () => {
    const reset = await runCli(['reset', '--config', fx.jobPath, '--yes']);
    assert.equal(reset.code, 0, reset.stderr);
    const { job, text } = await status(['--config', fx.jobPath]);
    assert.equal(job.health, 'no-checkpoints');
    assert.ok(job.windows.some((w) => w.state === 'complete'));
    assert.doesNotMatch(text, /never run/);
    assert.match(text, /state +no checkpoints \(reset, or only explicit runs and backfills so far\)/);
    assert.match(text, /next +the next run starts from window\.startFrom \(earliest\), as after a reset: `ots2oss run --config \S+`/);
  });

  it('a table whose stream is off is failing, with the fix, though the run that failed recorded nothing', async () => {
    await createDataTable(fx.local.tables, 'nostream', { primaryKey: [{ name: 'id', type: 'STRING' }], timeToLive: -1, maxVersion: 1 });
    const path = join(fx.dir, 'nostream.json');
    writeFileSync(path, JSON.stringify({ ...fx.job, name: 'nostream', source: { ...fx.job.source, table: 'nostream' } }));
    const ran = await runCli(['run', '--config', path]);
    assert.equal(ran.code, 1, ran.stdout + ran.stderr);

    const { job, text } = await status(['--config', path]);
    assert.equal(job.health, 'failing');
    assert.match(job.streamError ?? '', /Tablestore Stream is not enabled on .*\/nostream.*`npx ots2oss enable-stream --instance \S+ --table nostream --endpoint http:/);
    assert.match(text, /health +FAILING: the stream cannot be exported now/);
    assert.match(text, /stream check +Tablestore Stream is not enabled/);
    assert.match(text, /next +fix what the stream check says, then `ots2oss run --config \S+nostream\.json`/);
  });

  it('a table that is gone is failing, naming source.table', async () => {
    const path = join(fx.dir, 'gone.json');
    writeFileSync(path, JSON.stringify({ ...fx.job, name: 'gone', source: { ...fx.job.source, table: 'gone' } }));
    const { job, text } = await status(['--config', path]);
    assert.equal(job.health, 'failing');
    assert.equal(job.streamUnchecked, undefined);
    assert.match(job.streamError ?? '', /^source\.table: table "gone" does not exist in instance \S+ .*; correct source\.table/);
    assert.match(text, /health +FAILING: the stream cannot be exported now/);
    assert.match(text, /next +fix what the stream check says, then `ots2oss run --config \S+gone\.json`/);
  });
});
