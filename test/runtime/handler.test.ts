import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import TableStore from 'tablestore';
import { startEmulators, type Emulators } from '../../emulators/index.ts';
import { jobSchema, type JobInput } from '../../runtime/config/job.ts';
import { parseOrThrow } from '../../runtime/config/validation.ts';
import { connectJob } from '../../runtime/export/connect.ts';
import { createRetrier } from '../../runtime/export/retrier.ts';
import { silentLogger } from '../../runtime/util/logger.ts';
import { handler } from '../../runtime/handler.ts';
import { createDataTable, createStatusTable } from '../../runtime/local/provision.ts';
import { SimClock } from '../../runtime/local/clock.ts';
import { conditions, createTablestoreClient } from '../../runtime/tablestore/client.ts';
import { enableStream } from '../../runtime/tablestore/stream-admin.ts';
import { alarmQuery } from '../../stacks/alarm.ts';
import { LOG_KEYS } from '../../stacks/log-keys.ts';

// The FC entry point, invoked as Function Compute would: a timer event as bytes and a context
// carrying STS-style credentials and the function's timeout.

/** The JSON lines the handler logs to stdout while `fn` runs. */
async function withLogs<T>(fn: () => Promise<T>): Promise<{ value: T; logs: Array<Record<string, unknown>> }> {
  const lines: string[] = [];
  const write = process.stdout.write;
  // The test runner reports on stdout too: its chunks pass through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"time"')) lines.push(chunk);
    else (write as (c: string | Uint8Array, ...r: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    return true;
  }) as typeof process.stdout.write;
  try {
    const value = await fn();
    return { value, logs: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    process.stdout.write = write;
  }
}

describe('FC handler', () => {
  let emulators: Emulators;
  let job: JobInput;
  /** The first invocation's lines: the only cold start. */
  let firstLogs: Array<Record<string, unknown>> = [];
  const context = () => ({
    requestId: 'req-1',
    credentials: { accessKeyId: emulators.info.accessKeyId, accessKeySecret: emulators.info.accessKeySecret, securityToken: 'sts-token' },
    function: { name: 'ots2oss-orders', timeout: 60 },
    region: 'cn-hangzhou',
  });
  /** The job's status rows, read with the exporter's own adapter. */
  const statusStore = () => connectJob(parseOrThrow(jobSchema, job, 'job'), { tablestore: emulators.info.tablestore, oss: emulators.info.oss },
    emulators.info, createRetrier({ maxRetries: 0, logger: silentLogger })).store;
  const timerEvent = Buffer.from(JSON.stringify({ triggerTime: '2026-11-26T10:00:00Z', triggerName: 'timer', payload: '{}' }));

  // Rows are committed ten minutes ago, so their windows are due by the real clock the handler reads.
  const recent = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  // The stream is enabled an hour before the day (in +08:00) holding them begins: a day asked for below is one it holds.
  const dayInShanghai = new Date(recent + 8 * 3_600_000);
  const clock = new SimClock(Date.UTC(dayInShanghai.getUTCFullYear(), dayInShanghai.getUTCMonth(), dayInShanghai.getUTCDate()) - 9 * 3_600_000);

  before(async () => {
    emulators = await startEmulators({ now: clock.now });
    const tables = createTablestoreClient({ endpoint: emulators.info.tablestore, instance: emulators.info.instance, credentials: emulators.info });
    await createDataTable(tables, 'orders', { primaryKey: [{ name: 'id', type: 'STRING' }], timeToLive: -1, maxVersion: 1 });
    await enableStream(tables, 'orders', 24);
    await createStatusTable(tables, 'ots2oss_status');
    emulators.oss.createBucket('exports');
    clock.set(recent);
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await tables.putRow({ tableName: 'orders', condition: conditions.ignore(), primaryKey: [{ id: `o${i}` }], attributeColumns: [{ qty: TableStore.Long.fromNumber(i) }] });
    }
    job = {
      name: 'orders',
      source: { endpoint: emulators.info.tablestore, instance: emulators.info.instance, table: 'orders' },
      window: { sizeMinutes: 1, safetyLagSeconds: 0, startFrom: 'earliest' },
      sink: { endpoint: emulators.info.oss, bucket: 'exports', object: 'orders/{date}', fileFormat: 'jsonl' },
    };
    process.env.OTS2OSS_JOB = JSON.stringify(job);
  });
  after(async () => {
    delete process.env.OTS2OSS_JOB;
    await emulators.close();
  });

  it('exports on a timer event with the context credentials and returns a summary', async () => {
    const first = await withLogs(() => handler(timerEvent, context()));
    firstLogs = first.logs;
    const summary = first.value;
    const cold = first.logs.filter((l) => l.message === 'cold start');
    assert.equal(cold.length, 1, 'the first invocation says what the cold start cost');
    assert.equal(cold[0]!.node, process.version);
    assert.ok(typeof cold[0]!.readyMs === 'number' && cold[0]!.readyMs > 0 && cold[0]!.readyMs < performance.now());
    assert.equal(summary.ok, true, summary.error?.message);
    assert.equal(summary.owner, 'req-1');
    assert.equal(summary.stoppedBecause, 'caught-up');
    assert.equal(summary.records, 5);
    assert.ok(summary.windows.length >= 9, `every minute since the first change is exported (${summary.windows.length})`);
    assert.ok(summary.lagSeconds !== undefined && summary.lagSeconds < 120);
    const again = await withLogs(() => handler(timerEvent, context()));
    assert.equal(again.value.records, 0, 'the next tick finds nothing new');
    assert.ok(!again.logs.some((l) => l.message === 'cold start'), 'a warm instance does not log a cold start');
  });

  it('logs what the stack\'s SLS index and alert read: every figure of a run, a failed run and a cold start, with its indexed type', async () => {
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-nowhere', sink: { ...job.sink, bucket: 'no-such-bucket' } });
    try {
      // A failed run throws, so FC counts a function error; its lines are logged first.
      const failedRun = await withLogs(() => handler(timerEvent, context()).then(() => undefined, (e: unknown) => e));
      assert.match(String(failedRun.value), /bucket "no-such-bucket" does not exist/);
      const lines = [...firstLogs, ...failedRun.logs].filter((l) => l.message === 'run finished' || l.message === 'cold start');
      assert.deepEqual(new Set(lines.map((l) => `${l.message} ${l.ok ?? ''}`)), new Set(['cold start ', 'run finished true', 'run finished false']));
      /** A line's values by key, nested objects as dotted keys, as SLS's JSON index reads them. */
      const flat = (line: Record<string, unknown>, prefix = ''): Array<[string, unknown]> => Object.entries(line).flatMap(([k, v]) =>
        v !== null && typeof v === 'object' ? flat(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]);
      const typeOf = (v: unknown) => (Number.isInteger(v) ? 'long' : typeof v === 'string' || typeof v === 'boolean' ? 'text' : `not indexable (${JSON.stringify(v)})`);
      for (const line of lines) {
        for (const [key, value] of flat(line)) assert.equal(typeOf(value), LOG_KEYS[key], `${line.message}: ${key} = ${JSON.stringify(value)}`);
      }
      const read = [...alarmQuery('orders').matchAll(/message\.([A-Za-z.]+)/g)].map((m) => m[1] as string);
      assert.deepEqual(new Set(read), new Set(['message', 'lagSeconds', 'stoppedBecause', 'job']));
      const finished = lines.find((l) => l.message === 'run finished' && l.ok === true)!;
      for (const key of read) assert.ok(key in finished, `the alert reads ${key}, which run finished carries`);
    } finally {
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });

  it('exports an explicit window asked for in the payload', async () => {
    const start = clock.now() - (clock.now() % 60_000);
    const payload = JSON.stringify({ startTimestampMillis: start, endTimestampMillis: start + 60_000 });
    const summary = await handler(Buffer.from(JSON.stringify({ triggerName: 'manual', payload })), context());
    assert.equal(summary.windows.length, 1);
    assert.equal(summary.records, 5);
  });

  it('reads a day asked for in the payload in the job\'s sink.timeZone, and stops after maxWindows', async () => {
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-by-day', window: { ...job.window, sizeMinutes: 60 }, sink: { ...job.sink, timeZone: '+08:00' } });
    try {
      const local = new Date(clock.now() + 8 * 3_600_000);
      const date = local.toISOString().slice(0, 10).replaceAll('-', '');
      const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3_600_000;
      const summary = await handler(Buffer.from(JSON.stringify({ triggerName: 'manual', payload: JSON.stringify({ date, maxWindows: 2 }) })), context());
      assert.equal(summary.ok, true, summary.error?.message);
      assert.deepEqual(summary.windows.map((w) => w.start), [new Date(midnight).toISOString(), new Date(midnight + 3_600_000).toISOString()]);
      assert.equal(summary.stoppedBecause, 'max-windows');
    } finally {
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });

  it('tells a failure no retry fixes in the job\'s terms: the field, its value, the fix', async () => {
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-typo', source: { ...job.source, table: 'ordres' } });
    try {
      const failed = await withLogs(() => handler(timerEvent, context()).then(() => undefined, (e: unknown) => e));
      assert.match(String(failed.value), /source\.table: table "ordres" does not exist in instance .*; correct source\.table \(or source\.instance\), or create the table/);
      const finished = failed.logs.find((l) => l.message === 'run finished');
      assert.match(String((finished?.error as { message?: string } | undefined)?.message), /source\.table: table "ordres"/, 'the run summary the alert reads says it too');
    } finally {
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });

  it('tells a call the function\'s role is denied as the stack\'s to grant', async () => {
    // A job that has never run starts each shard with GetShardIterator.
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-denied' });
    emulators.tablestore.faults.add({ operation: 'GetShardIterator', errorRate: 1, code: 'OTSNoPermissionAccess' });
    try {
      const failed = await withLogs(() => handler(timerEvent, context()).then(() => undefined, (e: unknown) => e));
      const message = String(failed.value);
      assert.match(message, /the function's role \(its STS credentials\) may not call GetShardIterator on table orders in instance \S+ \(Tablestore answered GetShardIterator: OTSNoPermissionAccess: .*\); redeploy the stack, whose policy grants the function's role the calls it makes, or grant ots:GetShardIterator on it to that role$/);
      assert.doesNotMatch(message, /has it/, 'the role it names is the one denied');
    } finally {
      emulators.tablestore.faults.clear();
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });

  it('rejects a malformed event, naming what to send', async () => {
    await assert.rejects(handler(Buffer.from('not json'), context()), /event: not JSON/);
    await assert.rejects(handler(Buffer.from(JSON.stringify({ payload: '{"date":"2026-11-26"}' })), context()), /date: date is yyyyMMdd/);
    await assert.rejects(handler(Buffer.from(JSON.stringify({ payload: '{"windows":3}' })), context()), /windows/);
  });

  it('refuses to run without role credentials or configuration', async () => {
    const { credentials: _c, ...noCreds } = context();
    await assert.rejects(handler(timerEvent, noCreds as never), /FC context is invalid[\s\S]*credentials/);
    process.env.OTS2OSS_JOB = '{"name": "orders",';
    await assert.rejects(handler(timerEvent, context()), /OTS2OSS_JOB is invalid:\n  - not JSON/);
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, sink: { ...job.sink, bucket: 'Bad_Bucket' } });
    await assert.rejects(handler(timerEvent, context()), /OTS2OSS_JOB is invalid:\n  - sink.bucket: OSS bucket names/);
    process.env.OTS2OSS_JOB = JSON.stringify(job);
  });

  it('refuses a payload that is not an object or names half a range, instead of running the due windows', async () => {
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-half-range' });
    try {
      const end = clock.now() - (clock.now() % 60_000);
      const cases: Array<[unknown, RegExp]> = [
        [{ endTimestampMillis: end }, /event payload is invalid:\n  - startTimestampMillis: required with endTimestampMillis \(or give date/],
        [{ payload: JSON.stringify({ startTimestampMillis: end - 60_000 }) }, /endTimestampMillis: required with startTimestampMillis/],
        [{ payload: '5' }, /event\.payload is invalid:\n  - \(root\): must be a JSON object/],
        [{ payload: 'null' }, /event\.payload is invalid:\n  - \(root\): must be a JSON object/],
        [{ payload: JSON.stringify({ date: '' }) }, /date: date is yyyyMMdd/],
        [{ date: '20261126', startTimestampMillis: end - 60_000, endTimestampMillis: end }, /date: give date or startTimestampMillis\/endTimestampMillis, not both/],
        [5, /event is invalid:\n  - \(root\): must be a JSON object/],
      ];
      for (const [event, message] of cases) {
        await assert.rejects(handler(Buffer.from(JSON.stringify(event)), context()), message, JSON.stringify(event));
      }
      assert.equal(await statusStore().getJob('orders-half-range'), undefined, 'no run started');
    } finally {
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });

  it('fails an explicit invocation that exports less than it asked for, naming the windows left', async () => {
    process.env.OTS2OSS_JOB = JSON.stringify({ ...job, name: 'orders-ahead' });
    try {
      const start = Date.now() - (Date.now() % 60_000) + 3_600_000;
      const payload = JSON.stringify({ startTimestampMillis: start, endTimestampMillis: start + 120_000 });
      await assert.rejects(handler(Buffer.from(JSON.stringify({ payload })), context()),
        /^Error: WindowsLeftError: 2 of 2 window\(s\) asked for were not exported \(\d{8}T\d{4}Z, \d{8}T\d{4}Z\): the stream has not passed the end of window/);
    } finally {
      process.env.OTS2OSS_JOB = JSON.stringify(job);
    }
  });
});

