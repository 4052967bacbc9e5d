import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import TableStore from 'tablestore';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { conditions } from '../../runtime/tablestore/client.ts';
import { windowId } from '../../runtime/core/window.ts';
import { runCli, startCli, startFixture, type Fixture } from './harness.ts';

const HOUR = 3_600_000;

describe('a day on the command line: run --date, verify --window', () => {
  let fx: Fixture;
  let jobPath: string;
  before(async () => {
    // The stream exists since before the days asked for (their midnight, in UTC and at UTC+8): it holds them whole.
    fx = await startFixture({ windows: 2, rows: 20, sizeMinutes: 60, stream: { ageMs: 48 * HOUR, expirationHours: 96 } });
    jobPath = join(fx.dir, 'shanghai.json');
    writeFileSync(jobPath, JSON.stringify({ ...fx.job, sink: { ...fx.job.sink, timeZone: '+08:00' } }));
  });
  after(() => fx.close());

  /** The day (yyyyMMdd) holding `ms` at `offsetHours`, and its midnight there. */
  const dayAt = (ms: number, offsetHours: number) => {
    const local = new Date(ms + offsetHours * HOUR);
    const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offsetHours * HOUR;
    return { date: local.toISOString().slice(0, 10).replaceAll('-', ''), midnight };
  };
  const run = async (args: string[]) => {
    const result = await runCli(['run', '--config', jobPath, '--json', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as RunSummary;
  };

  it('reads the day in the job\'s sink.timeZone, the day its {date} prefixes name', async () => {
    const last = fx.windows.at(-1)!;
    const { date, midnight } = dayAt(last.start, 8);
    const count = (last.end - midnight) / HOUR;
    const summary = await run(['--date', date, '--max-windows', String(count)]);
    assert.equal(summary.windows[0]!.start, new Date(midnight).toISOString());
    assert.equal(summary.windows.length, count);
    assert.equal(summary.stoppedBecause, 'max-windows');
    assert.ok(summary.records > 0, 'the day\'s windows up to the workload\'s last hold its records');
  });

  it('takes the day as yyyy-MM-dd too, the form --from, --to and --window take', async () => {
    const { date, midnight } = dayAt(fx.windows.at(-1)!.start, 8);
    const dashed = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`;
    const summary = await run(['--date', dashed, '--max-windows', '1']);
    assert.deepEqual(summary.windows.map((w) => w.start), [new Date(midnight).toISOString()]);
  });

  it('refuses a --date that is not a day as a usage error (exit 2), before reading the job', async () => {
    for (const bad of ['2026-11-31', '20261131', '2026-1-05', '26-11-2026', '2026/11/26', '']) {
      // A job file that does not exist: a usage error comes first.
      const result = await runCli(['run', '--config', join(fx.dir, 'absent.json'), '--date', bad]);
      assert.equal(result.code, 2, `${bad}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, new RegExp(`--date "${bad}": not a calendar day as yyyyMMdd or yyyy-MM-dd`), bad);
    }
  });

  it('says it stopped at --max-windows only when windows were left', async () => {
    const [first, second] = fx.windows;
    const summary = await run(['--start', String(first!.start), '--end', String(second!.end), '--max-windows', '2']);
    assert.equal(summary.windows.length, 2);
    assert.equal(summary.stoppedBecause, 'caught-up');
  });

  it('reads a day in the same zone for verify --window, or in --time-zone', async () => {
    const { date, midnight } = dayAt(fx.windows[0]!.start, 8);
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`;
    const checked = async (extra: string[]) => {
      const result = await runCli(['verify', '--config', jobPath, '--window', day, '--json', ...extra]);
      return (JSON.parse(result.stdout) as { windows: Array<{ windowId: string }> }).windows.map((w) => w.windowId);
    };
    const id = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
    assert.deepEqual(await checked([]), [id(midnight)]);
    assert.deepEqual(await checked(['--time-zone', 'UTC']), [id(midnight + 8 * HOUR)]);
  });

  it('reads it in --time-zone instead when given', async () => {
    const { date, midnight } = dayAt(fx.windows[0]!.start, 0);
    const summary = await run(['--date', date, '--time-zone', 'UTC', '--max-windows', '1']);
    assert.deepEqual(summary.windows.map((w) => w.start), [new Date(midnight).toISOString()]);
  });
});

describe('ots2oss run: what an explicit run exports, and how it stops', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 3, rows: 30 });
  });
  after(() => fx.close());

  /** A copy of the fixture's job with other settings, as a job file. */
  const jobFile = (name: string, changes: { sink?: Record<string, unknown> }) => {
    const path = join(fx.dir, `${name}.json`);
    writeFileSync(path, JSON.stringify({ ...fx.job, name, sink: { ...fx.job.sink, ...changes.sink } }));
    return path;
  };

  it('writes keys without "//" when sink.object ends in "/"', async () => {
    const path = jobFile('slash', { sink: { object: 'slash/{table}/' } });
    const [first, , last] = fx.windows;
    const result = await runCli(['run', '--config', path, '--start', String(first!.start), '--end', String(last!.end), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const keys = ((await fx.oss().listV2({ prefix: 'slash/', 'max-keys': '1000' })).objects ?? []).map((o) => o.name);
    assert.ok(keys.length > 0, 'the run wrote objects');
    assert.deepEqual(keys.filter((k) => k.includes('//')), []);
    assert.ok(keys.every((k) => k.startsWith('slash/orders/')), keys.join(', '));
  });

  it('refuses an unsupported sink.dateFormat before exporting, naming the field', async () => {
    const path = jobFile('hours12', { sink: { dateFormat: 'yyyy-MM-dd hh:mm:ss' } });
    for (const command of ['run', 'status']) {
      const result = await runCli([command, '--config', path]);
      assert.equal(result.code, 3, `${command}: ${result.stderr}`);
      assert.match(result.stderr, /sink\.dateFormat: "yyyy-MM-dd hh:mm:ss": letter 'h' at position 11 is not supported/);
    }
    const { store } = fx.adapters();
    assert.equal(await store.getJob('hours12'), undefined, 'no run started');
  });

  it('refuses a half-given range instead of running the due windows (exit 2)', async () => {
    // Its own job: a scheduled run would move checkpoints.
    const path = jobFile('halfrange', {});
    const [first] = fx.windows;
    const cases: Array<[string[], RegExp]> = [
      [['--end', String(first!.end)], /--start: required with --end \(or give --date yyyyMMdd for a whole day\)/],
      [['--start', String(first!.start)], /--end: required with --start/],
      [['--date', ''], /--date "": not a calendar day as yyyyMMdd or yyyy-MM-dd/],
      [['--date', '20261126', '--start', String(first!.start), '--end', String(first!.end)], /give --date or --start\/--end, not both/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['run', '--config', path, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
    assert.equal(await fx.adapters().store.getJob('halfrange'), undefined, 'no run started');
  });

  describe('fails when it exports less than it was asked for, naming the windows left and why', () => {
    const MINUTE = 60_000;
    const failed = async (args: string[]) => {
      const result = await runCli(['run', ...args, '--json']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const summary = JSON.parse(result.stdout) as RunSummary;
      assert.equal(summary.ok, false);
      return summary;
    };

    it('a day that has not begun', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const summary = await failed(['--config', jobFile('ahead', {}), '--date', tomorrow, '--time-zone', 'UTC']);
      assert.equal(summary.windows.length, 0);
      assert.match(summary.error?.message ?? '', new RegExp(`^1440 of 1440 window\\(s\\) asked for were not exported \\(${tomorrow}T0000Z \\.\\.\\. ${tomorrow}T2359Z\\): ` +
        `the stream has not passed the end of window ${tomorrow}T0000Z`));
    });

    it('a range that reaches past now', async () => {
      const end = Math.floor(Date.now() / MINUTE) * MINUTE + 3 * MINUTE;
      const summary = await failed(['--config', jobFile('spanning', {}), '--start', String(fx.windows[0]!.start), '--end', String(end)]);
      const asked = (end - fx.windows[0]!.start) / MINUTE;
      assert.ok(summary.windows.length >= fx.windows.length && summary.windows.length < asked, `${summary.windows.length} of ${asked}`);
      assert.match(summary.error?.message ?? '', new RegExp(`^${asked - summary.windows.length} of ${asked} window\\(s\\) asked for were not exported`));
      assert.equal(summary.stoppedBecause, 'behind');
    });

    it('the job\'s lease held by another run', async () => {
      const { store } = fx.adapters();
      const taken = await store.acquireLease('leased', 'a scheduled tick', 120_000, Date.now());
      assert.ok(taken.acquired);
      try {
        const [first, second] = fx.windows;
        const summary = await failed(['--config', jobFile('leased', {}), '--start', String(first!.start), '--end', String(second!.end)]);
        assert.equal(summary.stoppedBecause, 'lease-held');
        assert.match(summary.error?.message ?? '', /^2 of 2 window\(s\) asked for were not exported \(\d{8}T\d{4}Z, \d{8}T\d{4}Z\): another run of job leased holds its lease/);
      } finally {
        await store.releaseLease('leased', taken.lease);
      }
    });

    it('out of time; --timeout must leave room past the 15 s a run keeps to stop, as --help says', async () => {
      const [first, second] = fx.windows;
      const range = ['--start', String(first!.start), '--end', String(second!.end)];
      const tooShort = await runCli(['run', '--config', jobFile('hurried', {}), ...range, '--timeout', '14']);
      assert.equal(tooShort.code, 2, tooShort.stderr);
      assert.match(tooShort.stderr, /--timeout 14: a run keeps its last 15 s to abort uploads and release the lease; give more than 15/);
      fx.emulators.tablestore.faults.add({ operation: 'DescribeStream', latencyMs: 2_500 });
      try {
        const summary = await failed(['--config', jobFile('hurried', {}), ...range, '--timeout', '16']);
        assert.equal(summary.stoppedBecause, 'deadline');
        assert.match(summary.error?.message ?? '', /^2 of 2 window\(s\) asked for were not exported .*: the run ran out of time: --timeout 16 s, of which the last 15 s are kept to stop cleanly/);
      } finally {
        fx.emulators.tablestore.faults.clear();
      }
      const help = await runCli(['run', '--help']);
      assert.match(help.stdout, /--timeout SEC .*the last 15 s of it are kept to abort uploads and release the lease/);
    });
  });

  it('refuses a count or a timeout of none (exit 2)', async () => {
    const path = jobFile('counted', {});
    for (const args of [['--max-windows=-1'], ['--max-windows', '0'], ['--timeout', '0']]) {
      const result = await runCli(['run', '--config', path, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /--(max-windows|timeout) must be a whole number above 0, got -?\d+/);
    }
    assert.equal(await fx.adapters().store.getJob('counted'), undefined, 'no run started');
  });

  it('on SIGINT stops, releases the job\'s lease and exits 130; the next run redoes the window in hand', async () => {
    const path = jobFile('interrupted', {});
    const { store } = fx.adapters();
    fx.emulators.tablestore.faults.add({ operation: 'GetStreamRecord', latencyMs: 300 });
    try {
      const run = startCli(['run', '--config', path]);
      for (let held = false; !held;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const lease = await store.readLease('interrupted');
        held = lease !== undefined && lease.owner !== '' && lease.expiresAt > Date.now();
      }
      run.child.kill('SIGINT');
      const stopped = await run.done;
      assert.equal(stopped.code, 130, `${stopped.signal ?? ''} ${stopped.stderr}`);
      assert.match(stopped.stderr, /interrupted: stopped; the window in hand is exported again by the next run; the job's lease is released/);
      const lease = await store.readLease('interrupted');
      assert.ok(!lease || lease.owner === '' || lease.expiresAt <= Date.now(), `lease still held by ${lease?.owner}`);
    } finally {
      fx.emulators.tablestore.faults.clear();
    }
    const next = await runCli(['run', '--config', path, '--json']);
    assert.equal(next.code, 0, next.stderr);
    const summary = JSON.parse(next.stdout) as RunSummary;
    assert.notEqual(summary.stoppedBecause, 'lease-held');
    for (const w of fx.windows) assert.equal((await store.getWindow('interrupted', windowId(w)))?.state, 'complete', windowId(w));
  });

  it('on SIGINT mid-upload aborts the multipart upload it had open', async () => {
    const path = jobFile('uploading', {});
    // About 11 MB of changes in the first window: past the sink's 8 MiB part, so a multipart upload opens.
    await fx.writeAt(fx.windows[0]!.start + 2_000, async () => {
      for (let i = 0; i < 6; i++) {
        await fx.local.tables.putRow({
          tableName: fx.job.source.table, condition: conditions.ignore(),
          primaryKey: [{ shop_id: 'bulk' }, { order_id: TableStore.Long.fromNumber(i) }], attributeColumns: [{ note: 'x'.repeat(1_800_000) }],
        });
      }
    });
    const uploads = async () => ((await fx.oss().listUploads({ prefix: 'exports/' })).uploads ?? []).length;
    assert.equal(await uploads(), 0);
    // Each read waits: the upload stays open while the next one does.
    fx.emulators.tablestore.faults.add({ operation: 'GetStreamRecord', latencyMs: 600 });
    try {
      const run = startCli(['run', '--config', path]);
      const started = Date.now();
      while ((await uploads()) === 0) {
        assert.ok(Date.now() - started < 30_000, 'no multipart upload opened');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      run.child.kill('SIGINT');
      const stopped = await run.done;
      assert.equal(stopped.code, 130, `${stopped.signal ?? ''} ${stopped.stderr}`);
      assert.match(stopped.stderr, /the job's lease is released/);
    } finally {
      fx.emulators.tablestore.faults.clear();
    }
    assert.equal(await uploads(), 0, 'the open upload is aborted');
  });
});

