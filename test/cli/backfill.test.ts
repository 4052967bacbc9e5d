import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { windowId, windowPrefix, type TimeWindow } from '../../runtime/core/window.ts';
import { manifestKey } from '../../runtime/oss/sink.ts';
import { backfillLogFor } from '../../runtime/cli/backfill-log.ts';
import { runCli, startCli, startFixture, type Fixture } from './harness.ts';

describe('ots2oss backfill', () => {
  let fx: Fixture;
  const WINDOWS = 10;

  before(async () => {
    fx = await startFixture({ windows: WINDOWS, rows: 80 });
    // Each chunk describes the stream once: slow it so an interrupt lands mid-range.
    fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', latencyMs: 150 });
  });
  after(() => fx.close());

  const range = () => ['--from', windowId(fx.windows[0]!), '--to', windowId({ start: fx.windows.at(-1)!.end, end: 0 })];

  it('stops cleanly on SIGINT, resumes where it stopped, and ends with every window exported once', async () => {
    const first = startCli(['backfill', '--config', fx.jobPath, ...range()]);
    await first.waitForStderr(/^\[\s*1\/10\] /);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.match(stopped.stderr, /interrupt: (finishing \d{8}T\d{4}Z, then )?stopping \(Ctrl-C again stops at once\)/);
    assert.match(stopped.stdout, /interrupted: run the same command again to resume at/);
    const doneBefore = Number(/: (\d+)\/10 windows done/.exec(stopped.stdout)?.[1]);
    assert.ok(doneBefore >= 1 && doneBefore < WINDOWS, `interrupted after ${doneBefore} windows`);
    // Progress lines are one per window on a non-terminal stderr, each with an estimate.
    const lines = stopped.stderr.split('\n').filter((l) => /^\[\s*\d+\/10\]/.test(l));
    assert.equal(lines.length, doneBefore);
    assert.match(lines[0]!, /records -> \d+ rows, \d+ object\(s\), .* in \d+\.\ds {2}ETA \d+s/);

    const resumed = await runCli(['backfill', '--config', fx.jobPath, ...range(), '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`resuming, ${doneBefore} of 10 windows already exported, ${WINDOWS - doneBefore} to go`));
    const result = JSON.parse(resumed.stdout) as { ok: boolean; skipped: number; done: number; exported: Array<{ id: string; records: number }> };
    assert.equal(result.ok, true);
    assert.equal(result.skipped, doneBefore);
    assert.equal(result.done, WINDOWS);
    assert.deepEqual(result.exported.map((w) => w.id), fx.windows.slice(doneBefore).map((w) => windowId(w)));

    // Every window once: one attempt each, complete, with a manifest whose records are the stream's.
    const { store, sink } = fx.adapters();
    const log = fx.emulators.tablestore.changeLog(fx.job.source.table, fx.job.source.instance);
    for (const w of fx.windows) {
      const id = windowId(w);
      const record = await store.getWindow(fx.job.name, id);
      assert.equal(record?.state, 'complete', id);
      assert.equal(record?.attempts, 1, `${id} was exported ${record?.attempts} times`);
      const prefix = windowPrefix(fx.job, w);
      const manifest = JSON.parse((await sink.getText(manifestKey({ prefix, windowId: id })))!) as { records: number };
      const expected = log.filter((r) => {
        const ms = Math.floor(r.sequence.timestampMicros / 1000);
        return ms >= w.start && ms < w.end;
      }).length;
      assert.equal(manifest.records, expected, `${id}: records in the manifest vs the stream`);
    }
    assert.ok(log.length > 0);
    // A backfill leaves the job's own checkpoints alone.
    assert.deepEqual(await store.getShards(fx.job.name), []);

    const again = await runCli(['backfill', '--config', fx.jobPath, ...range()]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /finished at .*: nothing to do/);
  });

  it('--restart exports the range again', async () => {
    const args = ['backfill', '--config', fx.jobPath, '--from', windowId(fx.windows[0]!), '--to', windowId(fx.windows[2]!), '--restart', '--chunk', '2'];
    const result = await runCli(args);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2\/2 windows done; exported 2/);
    const { store } = fx.adapters();
    assert.equal((await store.getWindow(fx.job.name, windowId(fx.windows[0]!)))?.attempts, 2);
  });

  it('stops at once on a second SIGINT, releasing the lease, and the resume redoes the window in hand', async () => {
    fx.emulators.tablestore.faults.add({ operation: 'GetStreamRecord', latencyMs: 100 });
    try {
      const first = startCli(['backfill', '--config', fx.jobPath, ...range(), '--restart']);
      await first.waitForStderr(/^\[\s*1\/10\] /);
      // Well into the second window: each read of a shard takes 100 ms, describing the stream 150 ms.
      await new Promise((resolve) => setTimeout(resolve, 250));
      first.child.kill('SIGINT');
      await first.waitForStderr(/^interrupt: finishing \d{8}T\d{4}Z, then stopping/);
      first.child.kill('SIGINT');
      const stopped = await first.done;
      assert.equal(stopped.code, 130, stopped.stderr);
      assert.match(stopped.stderr, /stopped during \d{8}T\d{4}Z; it is exported again when the backfill resumes; the job's lease is released/);
      const lease = await fx.adapters().store.readLease(fx.job.name);
      assert.ok(!lease || lease.owner === '' || lease.expiresAt <= Date.now(), `lease still held by ${lease?.owner}`);
      fx.emulators.tablestore.faults.clear();

      const resumed = await runCli(['backfill', '--config', fx.jobPath, ...range()]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /resuming, \d+ of 10 windows already exported/);
      assert.doesNotMatch(resumed.stderr, /lease is held/);
      const { store } = fx.adapters();
      for (const w of fx.windows) assert.equal((await store.getWindow(fx.job.name, windowId(w)))?.state, 'complete', windowId(w));
    } finally {
      fx.emulators.tablestore.faults.clear();
      fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', latencyMs: 150 });
    }
  });

  it('refuses to start beside a running backfill over an overlapping range, and starts once it stops', async () => {
    // Slow chunks, so the first backfill is still running while the others look at it.
    fx.emulators.tablestore.faults.clear();
    fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', latencyMs: 800 });
    try {
      const first = startCli(['backfill', '--config', fx.jobPath, ...range(), '--restart']);
      await first.waitForStderr(/^\[\s*1\/10\] /);
      const overlapping = ['backfill', '--config', fx.jobPath, '--from', windowId(fx.windows[7]!), '--to', windowId(fx.windows[9]!)];
      const refused = await runCli(overlapping);
      assert.equal(refused.code, 1, refused.stderr);
      const firstId = `${windowId(fx.windows[0]!)}_${windowId({ start: fx.windows.at(-1)!.end, end: 0 })}`;
      assert.match(refused.stderr, new RegExp(`backfill ${firstId} of job orders overlaps this range and is running \\(backfill ${firstId} [^:]+:${first.child.pid},`));
      assert.match(refused.stderr, /If its process is gone, the range is free at \d{4}-.*Z, or pass --takeover/);
      assert.equal(refused.stdout, '');
      const status = await runCli(['status', '--config', fx.jobPath, '--json']);
      const [job] = (JSON.parse(status.stdout) as { jobs: Array<{ backfills: Array<{ id: string; runningOn?: string }> }> }).jobs;
      assert.match(job?.backfills.find((b) => b.id === firstId)?.runningOn ?? '', new RegExp(`:${first.child.pid}$`));

      first.child.kill('SIGINT');
      assert.equal((await first.done).code, 130);
      // A backfill that stopped frees its range at once.
      const after = await runCli(overlapping);
      assert.equal(after.code, 0, after.stderr);
    } finally {
      fx.emulators.tablestore.faults.clear();
      fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', latencyMs: 150 });
    }
  });

  it('takes over a range a dead backfill holds only with --takeover', async () => {
    const log = backfillLogFor(fx.job, fx.emulators.info.tablestore, fx.emulators.info);
    const [from, to] = [fx.windows[1]!, fx.windows[3]!];
    const id = `${windowId(from)}_${windowId(to)}`;
    // What a backfill killed mid-range leaves: its owner and a promise of news it will never send.
    await log.put(fx.job.name, {
      id, from: from.start, to: to.start, windows: 2, doneUntil: from.start, startedAt: Date.now() - 60_000,
      updatedAt: Date.now() - 30_000, interruptions: 0, owner: `backfill ${id} gone-host:1`, aliveUntil: Date.now() + 300_000,
    });
    const args = ['backfill', '--config', fx.jobPath, '--from', windowId(from), '--to', windowId(to)];
    const refused = await runCli([...args, '--json']);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /\(backfill \S+ gone-host:1, last news 3\ds ago\)/);
    const result = JSON.parse(refused.stdout) as { ok: boolean; error: string; runningElsewhere: string };
    assert.equal(result.ok, false);
    assert.equal(result.runningElsewhere, id);
    assert.match(result.error, /gone-host:1/);
    const taken = await runCli([...args, '--takeover', '--json']);
    assert.equal(taken.code, 0, taken.stderr);
    assert.equal((JSON.parse(taken.stdout) as { done: number }).done, 2);
    const saved = await log.get(fx.job.name, id);
    assert.ok(saved?.finishedAt !== undefined);
    assert.equal(saved?.aliveUntil, undefined);
    assert.match(saved?.owner ?? '', new RegExp(`^backfill ${id} `));
  });

  it('rejects ranges it cannot export completely, with exit 2', async () => {
    const size = fx.job.window.sizeMinutes * 60_000;
    const future = windowId({ start: Math.floor(Date.now() / size) * size + size, end: 0 });
    const cases: Array<[string[], RegExp]> = [
      [['--from', windowId(fx.windows[0]!), '--to', future], /--to: window .* is not over yet/],
      [['--from', '2020-01-01T00:00:00Z', '--to', '2020-01-01T00:05:00Z'], /--from: window 20200101T0000Z cannot be exported whole: the stream was enabled at .* and holds no change from before; start at \d{8}T\d{4}Z or later/],
      [['--from', windowId(fx.windows[0]!)], /--to is required/],
    ];
    await Promise.all(cases.map(async ([args, message]) => {
      const result = await runCli(['backfill', '--config', fx.jobPath, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }));
  });
});

describe('ots2oss backfill with sink.writeMode nonConflict', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 3, rows: 30, job: { sink: { bucket: 'ots2oss-cli', createBucket: {}, object: 'exports/{table}/dt={date}/hour={hour}', fileFormat: 'csv', writeMode: 'nonConflict' } } });
  });
  after(() => fx.close());

  it('fills only the windows missing from OSS and leaves the others as they are, listing them', async () => {
    const [w0, w1, w2] = fx.windows as [TimeWindow, TimeWindow, TimeWindow];
    const first = await fx.exportWindows([w0, w2]);
    assert.ok(first.ok, first.error?.message);
    const { store } = fx.adapters();
    const objectsOf = async (w: TimeWindow) => (await fx.oss().listV2({ prefix: `${windowPrefix(fx.job, w)}/${windowId(w)}_`, 'max-keys': '100' })).objects ?? [];
    const before = (await objectsOf(w0)).map((o) => `${o.name} ${o.etag} ${o.lastModified}`);
    assert.ok(before.length > 0);

    const result = await runCli(['backfill', '--config', fx.jobPath, '--from', windowId(w0), '--to', windowId({ start: w2.end, end: 0 }), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { ok: boolean; done: number; exported: Array<{ id: string }>; leftAsIs: Array<{ id: string; reason: string }> };
    assert.equal(out.ok, true);
    assert.equal(out.done, 3);
    assert.deepEqual(out.exported.map((w) => w.id), [windowId(w1)]);
    assert.deepEqual(out.leftAsIs.map((w) => w.id), [windowId(w0), windowId(w2)]);
    assert.match(out.leftAsIs[0]!.reason, /writeMode nonConflict: \d+ object\(s\) already exist for this window/);
    assert.match(result.stderr, new RegExp(`${windowId(w0)}: left as it is: writeMode nonConflict`));

    // The windows left alone keep their objects and their one attempt; the gap is now exported.
    assert.deepEqual((await objectsOf(w0)).map((o) => `${o.name} ${o.etag} ${o.lastModified}`), before);
    assert.equal((await store.getWindow(fx.job.name, windowId(w0)))?.attempts, 1);
    assert.equal((await store.getWindow(fx.job.name, windowId(w1)))?.state, 'complete');
    assert.ok((await objectsOf(w1)).length > 0);
  });
});

describe('ots2oss backfill over records the stream no longer holds', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 3, rows: 30 });
  });
  after(() => fx.close());

  it('fails with the trimmed-records advice and promises no resume a rerun cannot give', async () => {
    const [w0, w1, w2] = fx.windows as [TimeWindow, TimeWindow, TimeWindow];
    // Records before the second window are gone, though the stream's span (creation, expiration) still covers them.
    fx.emulators.tablestore.trimBefore(fx.job.source.table, w1.start * 1000, fx.job.source.instance);
    const range = ['--from', windowId(w0), '--to', windowId({ start: w2.end, end: 0 })];

    const text = await runCli(['backfill', '--config', fx.jobPath, ...range]);
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`failed: window ${windowId(w0)}: TrimmedRecordsError: job orders, shard \\S+, window ${windowId(w0)}: ` +
      'the stream no longer holds this window\'s records \\(OTSTrimmedDataAccess'));
    assert.match(text.stdout, /no rerun can export it from the stream/);
    assert.match(text.stdout, new RegExp(`no rerun gets past ${windowId(w0)}: the stream does not hold it`));
    assert.doesNotMatch(text.stdout, /run the same command again/);

    const json = await runCli(['backfill', '--config', fx.jobPath, ...range, '--json']);
    assert.equal(json.code, 1, json.stderr);
    const out = JSON.parse(json.stdout) as { ok: boolean; resumable: boolean; error: string };
    assert.deepEqual([out.ok, out.resumable], [false, false]);
    assert.match(out.error, /TrimmedRecordsError/);
  });

  it('asks for the fix before a rerun when a person must act first (here: OSS refuses)', async () => {
    const path = join(fx.dir, 'oss-down.json');
    writeFileSync(path, JSON.stringify({ ...fx.job, sink: { ...fx.job.sink, endpoint: 'http://127.0.0.1:1' } }));
    const w2 = fx.windows[2]!;
    const result = await runCli(['backfill', '--config', path, '--from', windowId(w2), '--to', windowId({ start: w2.end, end: 0 })]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /failed: window \S+: EndpointUnreachableError: sink\.endpoint http:\/\/127\.0\.0\.1:1: connection refused/);
    assert.match(result.stdout, new RegExp(`fix what the error says, then run the same command again to resume at ${windowId(w2)}`));
  });
});
