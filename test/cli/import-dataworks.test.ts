import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCAL_ACCESS_KEY_ID, LOCAL_ACCESS_KEY_SECRET } from '../../emulators/index.ts';
import { fixedRangeNote } from '../../runtime/cli/commands/import-dataworks.ts';
import { fromDataWorks } from '../../runtime/config/dataworks/index.ts';
import { windowId } from '../../runtime/core/window.ts';
import { environmentJobSchema, loadEnvironment } from '../../stacks/config.ts';
import { cliEnv, ROOT, runCli, startFixture, type Fixture } from './harness.ts';

const FIXTURES = join(ROOT, 'test/fixtures/dataworks');
const STEPS_JOB = join(FIXTURES, 'otsstream-to-oss.json');
const DATAX_JOB = join(FIXTURES, 'datax-otsstreamreader.json');
const SECRETS = ['example-secret', 'LTAI-example-id'];

describe('ots2oss import-dataworks', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ots2oss-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes --time-zone by name (an IANA zone becomes sink.timeZone); refuses it beside --utc-offset, and either option when it names no zone', async () => {
    const berlin = await runCli(['import-dataworks', STEPS_JOB, '--time-zone', 'Europe/Berlin']);
    assert.equal(berlin.code, 0, berlin.stderr);
    assert.equal(environmentJobSchema.parse(JSON.parse(berlin.stdout)).sink.timeZone, 'Europe/Berlin');
    const both = await runCli(['import-dataworks', STEPS_JOB, '--time-zone', 'Europe/Berlin', '--utc-offset', '60']);
    assert.equal(both.code, 2, both.stderr);
    assert.match(both.stderr, /--utc-offset or --time-zone, not both/);
    const unknown = await runCli(['import-dataworks', STEPS_JOB, '--time-zone', 'Europe/Berlinn']);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /--time-zone Europe\/Berlinn: give "UTC", an offset/);
    const far = await runCli(['import-dataworks', STEPS_JOB, '--utc-offset', '5000']);
    assert.equal(far.code, 2, far.stderr);
    assert.match(far.stderr, /--utc-offset 5000: give whole minutes between -720 and 840/);
  });

  it('prints an environment job entry for a code-editor job, with a report, and no AccessKey', async () => {
    const result = await runCli(['import-dataworks', STEPS_JOB]);
    assert.equal(result.code, 0, result.stderr);
    const entry = environmentJobSchema.parse(JSON.parse(result.stdout));
    assert.equal(entry.name, 'orders');
    assert.deepEqual([entry.source.instance, entry.source.table, entry.source.statusTable], ['shop', 'orders', 'TableStoreStreamReaderStatusTable']);
    assert.equal(entry.source.createStatusTable, false);
    assert.equal(entry.sink.endpoint, 'https://oss-cn-hangzhou.aliyuncs.com', 'the script\'s http://oss-cn-hangzhou.aliyuncs.com, made https');
    // DataWorks wrote ots/orders/<date>/part__<uuid>: the objects go into that folder, and the report says "part" was dropped.
    assert.equal(entry.sink.object, 'ots/orders/{date}');
    assert.match(result.stderr, /^ {2}- sink\.object: the file-name prefix "part" is dropped, so the objects land in the folder DataWorks wrote into/m);
    assert.deepEqual([entry.sink.bucket, entry.sink.fileFormat, entry.sink.writeMode, entry.speed.concurrency], ['shop-export', 'csv', 'truncate', 2]);
    for (const secret of SECRETS) assert.ok(!(result.stdout + result.stderr).includes(secret), `${secret} leaked`);
    assert.match(result.stderr, /warning: AccessKey fields steps\[0\]\.parameter\.accessId, steps\[0\]\.parameter\.accessKey were dropped/);
    // Listed as dropped, where nothing claims they went anywhere; the job name option is the one this command takes.
    const ignored = result.stderr.slice(result.stderr.search(/^ignored \(\d+\):/m), result.stderr.indexOf('\nnotes:'));
    assert.match(ignored, /steps\[0\]\.parameter\.accessId +dropped, not in the converted job: ots2oss takes credentials from the environment/);
    assert.match(ignored, /steps\[0\]\.parameter\.accessKey +dropped, not in the converted job/);
    assert.doesNotMatch(result.stderr, /connection/);
    assert.match(result.stderr, /\(job name\) +name "orders", derived from the table name; pass --name to choose another/);
    assert.match(result.stderr, /^mapped \(\d+\):/m);
    assert.match(result.stderr, /steps\[1\]\.parameter\.object +scheduling parameters become window placeholders/);
    assert.match(result.stderr, /^ignored \(\d+\):/m);
    assert.match(result.stderr, /steps\[0\]\.parameter\.startTimeString +a scheduling parameter/);
    assert.match(result.stderr, /schedule @every 5m: the job script does not carry DataWorks' schedule/);
    // ${bizdate} -> {date} is not the same date for every schedule: said in the notes, not only on the field.
    assert.match(result.stderr.slice(result.stderr.indexOf('\nnotes:')), /^ {2}- sink\.object: \$\{bizdate\} is the scheduled date minus one day/m);
  });

  it('adds a DataX job to an environment file with --write, checked with the file\'s other jobs', async () => {
    const envPath = join(dir, 'dev.json');
    copyFileSync(join(ROOT, 'environments/dev.json'), envPath);
    const args = ['import-dataworks', DATAX_JOB, '--env', envPath, '--write', '--schedule', '@every 10m'];
    const result = await runCli(args);
    assert.equal(result.code, 0, result.stderr);
    const env = loadEnvironment(envPath);
    assert.deepEqual(env.jobs.map((j) => j.name), ['orders', 'order-items']);
    const job = env.jobs[1]!;
    assert.equal(job.schedule, '@every 10m');
    assert.equal(job.reader.mode, 'single_version_and_update_only');
    assert.equal(job.sink.fieldDelimiter, '\u0001');
    assert.equal(job.source.endpoint, 'https://shop.cn-shanghai.ots.aliyuncs.com', 'another region\'s endpoint is kept');
    for (const secret of SECRETS) assert.ok(!readFileSync(envPath, 'utf8').includes(secret), `${secret} written`);
    assert.match(result.stdout, /source\.endpoint is in cn-shanghai but the environment is in cn-hangzhou/);
    assert.match(result.stdout, /one fixed range, \[2026-11-25, 2026-11-26\)/);
    assert.match(result.stdout, /job\.setting\.errorLimit\.percentage +ots2oss limits bad records by count/);
    assert.match(result.stdout, /added job "order-items" to /);

    const again = await runCli(args);
    assert.equal(again.code, 3);
    assert.match(again.stderr, /jobs: already has a job named "order-items"; import it under another name with --name NAME/);
  });

  it('offers a backfill of the script\'s fixed range only as a condition on what the stream holds, and none for a range no stream holds', async () => {
    const job = JSON.parse(readFileSync(DATAX_JOB, 'utf8')) as { job: { content: Array<{ reader: { parameter: Record<string, unknown> } }> } };
    const withDate = (date: string) => {
      job.job.content[0]!.reader.parameter.date = date;
      const path = join(dir, `datax-${date}.json`);
      writeFileSync(path, JSON.stringify(job));
      return path;
    };
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const [recent, old] = await Promise.all([
      runCli(['import-dataworks', withDate(yesterday.replaceAll('-', ''))]),
      runCli(['import-dataworks', withDate('20200101')]),
    ]);
    assert.equal(recent.code, 0, recent.stderr);
    assert.match(recent.stderr, /only if the stream still holds it: a stream keeps records for its expiration \(source\.streamExpirationHours 24 h here, set at deploy; at most 168 h\) and none from before it was enabled/);
    assert.match(recent.stderr, new RegExp(`If it does: ots2oss backfill --config ENV_FILE --job order-items --from ${yesterday} --to `));
    assert.equal(old.code, 0, old.stderr);
    assert.match(old.stderr, /one fixed range, \[2020-01-01, 2020-01-02\); the environment job runs continuously\. That range is more than 168 h back, longer than any stream keeps records: ots2oss cannot export it/);
    assert.doesNotMatch(old.stderr, /ots2oss backfill/);
  });

  it('words the fixed range\'s backfill by how old the range is', () => {
    const t = fromDataWorks(JSON.parse(readFileSync(DATAX_JOB, 'utf8')));
    const note = (now: string, expirationHours = 24) => fixedRangeNote(t, { envPath: 'environments/dev.json', expirationHours, nowMs: Date.parse(now) }) ?? '';
    const command = 'If it does: ots2oss backfill --config environments/dev.json --job order-items --from 2026-11-25 --to 2026-11-26';
    // [2026-11-25, 2026-11-26): within the expiration the stack sets, older than it, partly and wholly past 168 h.
    const within = note('2026-11-26T06:00:00Z', 48);
    assert.ok(within.endsWith(`(source.streamExpirationHours 48 h here, set at deploy; at most 168 h) and none from before it was enabled, and backfill refuses a range it does not hold whole. ${command}`), within);
    assert.ok(note('2026-11-27T12:00:00Z').includes(`It is older than 24 h: held only if the stream's expiration is longer now, and not once a deploy sets 24 h, so export it first. ${command}`));
    assert.match(note('2026-12-02T12:00:00Z'), /That range begins more than 168 h back, longer than any stream keeps records: ots2oss cannot export it from the stream/);
    assert.match(note('2026-12-03T00:10:00Z'), /That range is more than 168 h back/);
    for (const now of ['2026-12-02T12:00:00Z', '2026-12-03T00:10:00Z']) assert.doesNotMatch(note(now), /backfill/, now);
    assert.equal(fixedRangeNote(fromDataWorks(JSON.parse(readFileSync(STEPS_JOB, 'utf8'))), { expirationHours: 24, nowMs: 0 }), undefined, 'no fixed range, no note');
  });

  it('names the DataWorks field at fault (exit 3) and rejects bad usage (exit 2)', async () => {
    const job = JSON.parse(readFileSync(STEPS_JOB, 'utf8')) as { steps: Array<{ parameter: Record<string, unknown> }> };
    delete job.steps[0]!.parameter.instanceName;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(job));
    const [invalid, none, write] = await Promise.all([
      runCli(['import-dataworks', bad]),
      runCli(['import-dataworks']),
      runCli(['import-dataworks', STEPS_JOB, '--write']),
    ]);
    assert.equal(invalid.code, 3);
    assert.match(invalid.stderr, /steps\[0\]\.parameter\.instanceName: required/);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give exactly one DataWorks job file/);
    assert.equal(write.code, 2);
    assert.match(write.stderr, /--write needs --env FILE/);
  });
});

describe('a DataWorks job script as --config of the operator commands', () => {
  let fx: Fixture;
  let jobPath: string;
  before(async () => {
    // The names of the documentation-shaped job; 5-minute windows, as a job without a fixed range gets.
    fx = await startFixture({
      windows: 2, rows: 30, sizeMinutes: 5,
      job: {
        name: 'orders',
        source: {
          instance: 'shop', createInstance: {}, table: 'orders', statusTable: 'TableStoreStreamReaderStatusTable',
          createTable: { primaryKey: [{ name: 'shop_id', type: 'STRING' }, { name: 'order_id', type: 'INTEGER' }] },
        },
        sink: { bucket: 'shop-export', createBucket: {}, object: 'ots/orders/{date}', fileFormat: 'csv' },
      },
    });
    const job = JSON.parse(readFileSync(STEPS_JOB, 'utf8')) as { steps: Array<{ parameter: Record<string, unknown> }> };
    const [reader, writer] = job.steps as [{ parameter: Record<string, unknown> }, { parameter: Record<string, unknown> }];
    Object.assign(reader.parameter, { endpoint: fx.emulators.info.tablestore, accessId: LOCAL_ACCESS_KEY_ID, accessKey: LOCAL_ACCESS_KEY_SECRET });
    writer.parameter.endpoint = fx.emulators.info.oss;
    jobPath = join(fx.dir, 'dataworks-job.json');
    writeFileSync(jobPath, JSON.stringify(job));
  });
  after(() => fx.close());

  it('backfills and verifies with the keys the script holds, and no ALIBABA_CLOUD_* variables', async () => {
    const env = cliEnv();
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    const from = windowId(fx.windows[0]!);
    const to = windowId({ start: fx.windows.at(-1)!.end, end: 0 });
    const backfill = await runCli(['backfill', '--config', jobPath, '--from', from, '--to', to], { env });
    assert.equal(backfill.code, 0, backfill.stderr);
    assert.match(backfill.stdout, /backfill .* of job orders: 2\/2 windows done; exported 2 .*: 30 records/);
    assert.match(backfill.stderr, /^note: steps\[0\]\.parameter\.startTimeString: ignored/m);
    const verify = await runCli(['verify', '--config', jobPath, '--from', from, '--to', to], { env });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /2 window\(s\) match their manifests/);
  });
});
