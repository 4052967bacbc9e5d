import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { jobSchema } from '../../runtime/config/job.ts';
import { ConfigError } from '../../runtime/config/validation.ts';
import { jobConfigFor, loadEnvironment, loadEnvironments, parseEnvironment, prefixOf, type Environment, type EnvironmentJob } from '../../stacks/config.ts';
import { projectRoot } from './support/synth.ts';

type Json = Record<string, unknown>;

const job = (over: Json = {}): Json => ({
  name: 'orders',
  source: { instance: 'shop', table: 'orders' },
  sink: { bucket: 'shop-export', object: 'exports/{table}/dt={date}' },
  ...over,
});
const env = (over: Json = {}): Json => ({ region: 'cn-hangzhou', jobs: [job()], ...over });
const first = (e: Environment) => e.jobs[0] as EnvironmentJob;

/** The problems a config produces, as path -> message. */
function problems(input: unknown, name = 'test'): Map<string, string> {
  try {
    parseEnvironment(input, name);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return new Map(e.problems.map((p) => [p.slice(0, p.indexOf(': ')), p.slice(p.indexOf(': ') + 2)]));
  }
  return new Map();
}

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-env-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('environment files', () => {
  it('loads the example environments', () => {
    const envs = loadEnvironments(join(projectRoot, 'environments'));
    assert.deepEqual(envs.map((e) => e.name), ['dev', 'prod']);
    const [dev, prod] = envs as [Environment, Environment];
    assert.equal(dev.ephemeral, true);
    assert.deepEqual(dev.stateBackend, { type: 'local' });
    assert.deepEqual(first(dev).source.createTable?.primaryKey, [{ name: 'shop_id', type: 'STRING' }, { name: 'order_id', type: 'INTEGER' }]);
    assert.equal(first(dev).window.sizeMinutes, 1);
    assert.equal(prod.ephemeral, false);
    assert.deepEqual(prod.stateBackend, {
      type: 'oss', bucket: 'shop-terraform-state', prefix: 'ots2oss', key: 'terraform.tfstate',
      lockInstance: 'shoptfstate', lockTable: 'terraform_lock', bootstrap: true,
    });
    assert.ok(prod.jobs.every((j) => !j.source.createInstance && !j.source.createTable), 'prod adopts its instance and tables');
  });

  it('fills safe defaults', () => {
    const e = parseEnvironment(env(), 'test');
    assert.equal(e.ephemeral, false);
    assert.equal(e.namePrefix, '');
    assert.deepEqual(e.stateBackend, { type: 'local' });
    assert.deepEqual(e.logging, { retentionDays: 30 });
    const j = first(e);
    assert.equal(j.schedule, '@every 5m');
    assert.deepEqual(j.function, { memoryMB: 512, timeoutSeconds: 300 });
    assert.equal(j.source.statusTable, 'ots2oss_status');
    assert.equal(j.source.createStatusTable, true);
    assert.equal(j.source.streamExpirationHours, 24);
    assert.equal(j.sink.writeMode, 'truncate', 'runtime defaults apply too');
  });

  it('builds the runtime job with physical names and in-region endpoints', () => {
    const e = parseEnvironment(env({
      namePrefix: 't1-', nameSuffix: '-x',
      jobs: [job({
        source: { instance: 'shop', table: 'orders', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } },
        sink: { bucket: 'shop-export', createBucket: {}, object: '{instance}/{table}/dt={date}' },
      })],
    }), 'test');
    const runtime = jobConfigFor(e, first(e));
    assert.deepEqual(jobSchema.parse(runtime), runtime, 'what the function receives is a valid runtime job');
    assert.equal(runtime.source.instance, 't1-shop-x');
    assert.equal(runtime.source.endpoint, 'https://t1-shop-x.cn-hangzhou.ots.aliyuncs.com');
    assert.equal(runtime.sink.bucket, 't1-shop-export-x');
    assert.equal(runtime.sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com');
    assert.equal(prefixOf(e, first(e)), 't1-shop-x/orders/');
    assert.equal('createBucket' in runtime.sink, false, 'infrastructure fields stay out of the runtime job');
  });

  it('keeps adopted names and explicit endpoints as given', () => {
    const e = parseEnvironment(env({
      nameSuffix: '-x',
      jobs: [job({ source: { instance: 'shop', table: 'orders', endpoint: 'https://shop.cn-hangzhou.vpc.tablestore.aliyuncs.com' }, sink: { bucket: 'b-1x', endpoint: 'http://127.0.0.1:9000', object: 'e/{date}' } })],
    }), 'test');
    const runtime = jobConfigFor(e, first(e));
    assert.equal(runtime.source.instance, 'shop');
    assert.equal(runtime.source.endpoint, 'https://shop.cn-hangzhou.vpc.tablestore.aliyuncs.com');
    assert.equal(runtime.sink.bucket, 'b-1x');
    assert.equal(runtime.sink.endpoint, 'http://127.0.0.1:9000');
  });

  it('refuses plain http to any host but a local emulator, naming the field and the https URL to use', () => {
    const endpoints = (source: string, sink: string) => problems(env({
      jobs: [job({ source: { instance: 'shop', table: 'orders', endpoint: source }, sink: { bucket: 'shop-export', endpoint: sink, object: 'e/{date}' } })],
    }));
    const found = endpoints('http://shop.cn-shanghai.ots.aliyuncs.com', 'http://oss-cn-shanghai.aliyuncs.com:80/');
    assert.equal(found.get('jobs[0].source.endpoint'), 'http:// to shop.cn-shanghai.ots.aliyuncs.com carries the exported rows across the network unencrypted: use https://shop.cn-shanghai.ots.aliyuncs.com (Alibaba Cloud endpoints take https); plain http is for local emulators at 127.0.0.1 or localhost');
    // TLS to port 80 fails: the advice drops it, and says so; another port is kept.
    assert.equal(found.get('jobs[0].sink.endpoint'), 'http:// to oss-cn-shanghai.aliyuncs.com carries the exported rows across the network unencrypted: use https://oss-cn-shanghai.aliyuncs.com/ (Alibaba Cloud endpoints take https; port 80 dropped: it is http\'s, https takes 443); plain http is for local emulators at 127.0.0.1 or localhost');
    assert.match(endpoints('http://shop.cn-shanghai.ots.aliyuncs.com:8443', 'https://oss-cn-hangzhou.aliyuncs.com').get('jobs[0].source.endpoint') ?? '', / use https:\/\/shop\.cn-shanghai\.ots\.aliyuncs\.com:8443 \(Alibaba Cloud endpoints take https; port 8443 kept: check that the endpoint takes https there\)/);
    assert.match(endpoints('http://10.0.0.8:8080', 'https://oss-cn-hangzhou.aliyuncs.com').get('jobs[0].source.endpoint') ?? '', /^http:\/\/ to 10\.0\.0\.8 carries/);
    for (const [source, sink] of [['http://127.0.0.1:8800', 'http://localhost:9000'], ['https://shop.cn-hangzhou.ots.aliyuncs.com', 'https://oss-cn-hangzhou.aliyuncs.com']]) {
      assert.deepEqual([...endpoints(source!, sink!).keys()], [], `${source} ${sink}`);
    }
  });

  it('a job that is not an object is a ConfigError naming it, not a crash', () => {
    assert.match(problems({ region: 'cn-hangzhou', jobs: ['orders'] }).get('jobs[0]') ?? '', /expected object/);
  });

  it('names every bad field at once, with the rule it breaks', () => {
    const found = problems({
      region: 'Hangzhou',
      ephemeral: 'yes',
      stateBackend: { type: 's3' },
      jobs: [{
        name: 'Orders',
        source: { instance: '9shop', table: 'orders', streamExpirationHours: 500, createTable: { primaryKey: [], timeToLive: 60 } },
        window: { sizeMinutes: 7 },
        sink: { bucket: 'Shop_Export', fieldDelimiter: '||' },
        schedule: '*/5 * * * *',
        function: { memoryMB: 100, timeoutSeconds: 0 },
        retries: 3,
      }],
    });
    const expected: Record<string, RegExp> = {
      region: /region id such as cn-hangzhou/,
      ephemeral: /expected boolean/,
      'stateBackend.type': /"local" or "oss"/,
      'jobs[0].name': /job names are 2-40 lowercase/,
      'jobs[0].source.instance': /instance names are 3-16/,
      'jobs[0].source.streamExpirationHours': /1 to 168 hours/,
      'jobs[0].source.createTable.primaryKey': /1 to 4 primary key columns/,
      'jobs[0].source.createTable.timeToLive': /-1 \(never expire\) or at least 86400/,
      'jobs[0].window.sizeMinutes': /must divide a day/,
      'jobs[0].sink.bucket': /bucket names are 3-63 lowercase/,
      'jobs[0].sink.fieldDelimiter': /exactly one character/,
      'jobs[0].schedule': /6 fields, seconds first/,
      'jobs[0].function.memoryMB': /128|multiple of 64/,
      'jobs[0].function.timeoutSeconds': />=1/,
      'jobs[0]': /Unrecognized key: "retries"/,
    };
    assert.deepEqual([...found.keys()].sort(), Object.keys(expected).sort());
    for (const [path, message] of Object.entries(expected)) assert.match(found.get(path) ?? '', message, path);
  });

  const crossCases: [string, Json, string, RegExp][] = [
    ['duplicate job names', env({ jobs: [job(), job({ sink: { bucket: 'other-bucket', object: 'e/{date}' } })] }), 'jobs[1].name', /jobs\[0\] already uses the name "orders"/],
    ['a new instance without a table to create', env({ jobs: [job({ source: { instance: 'shop', table: 'orders', createInstance: {} } })] }), 'jobs[0].source.createTable', /new instance has no tables/],
    ['a new instance without a status table', env({ jobs: [job({ source: { instance: 'shop', table: 'o', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] }, createStatusTable: false } })] }), 'jobs[0].source.createStatusTable', /set createStatusTable to true/],
    ['the same instance created twice', env({ jobs: [
      job({ source: { instance: 'shop', table: 'a', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } } }),
      job({ name: 'b', source: { instance: 'shop', table: 'b', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } }, sink: { bucket: 'shop-export', object: 'b/{date}' } }),
    ] }), 'jobs[1].source.createInstance', /jobs\[0\] already creates instance "shop"/],
    ['one table read with two stream expirations', env({ jobs: [
      job(), job({ name: 'again', source: { instance: 'shop', table: 'orders', streamExpirationHours: 48 }, sink: { bucket: 'shop-export', object: 'again/{date}' } }),
    ] }), 'jobs[1].source.streamExpirationHours', /a table has one stream/],
    ['overlapping prefixes in one bucket', env({ jobs: [
      job({ sink: { bucket: 'shop-export', object: 'exports/{date}' } }),
      job({ name: 'b', source: { instance: 'shop', table: 'b' }, sink: { bucket: 'shop-export', object: 'exports/{table}/{date}' } }),
    ] }), 'jobs[1].sink.prefix', /overlaps jobs\[0\]'s prefix "exports\/"/],
    ['expiry on a bucket the stack does not create', env({ jobs: [job({ sink: { bucket: 'shop-export', object: 'e/{date}', expireAfterDays: 3 } })] }), 'jobs[0].sink.expireAfterDays', /only be set on a bucket this stack creates/],
    ['an object template with no fixed folder', env({ jobs: [job({ sink: { bucket: 'shop-export', object: '{date}/part' } })] }), 'jobs[0].sink.object', /must start with a fixed folder/],
    ['a prefix the objects do not start with', env({ jobs: [job({ sink: { bucket: 'shop-export', object: 'exports/{date}', prefix: 'other/' } })] }), 'jobs[0].sink.prefix', /does not start with the prefix "other\/"/],
    ['a kms key without KMS', env({ jobs: [job({ sink: { bucket: 'shop-export', object: 'e/{date}', createBucket: { kmsKeyId: 'k' } } })] }), 'jobs[0].sink.createBucket.kmsKeyId', /needs encryption "KMS"/],
    ['a created name the suffix makes too long', env({ nameSuffix: '-abcdefgh', jobs: [job({ source: { instance: 'shopping', table: 'o', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } } })] }), 'jobs[0].source.instance', /instance name is "shopping-abcdefgh".*shorten it/],
    ['a status table that is another job\'s data table', env({ jobs: [
      job(), job({ name: 'b', source: { instance: 'shop', table: 'b', statusTable: 'orders' }, sink: { bucket: 'shop-export', object: 'b/{date}' } }),
    ] }), 'jobs[1].source.statusTable', /data table another job exports/],
    ['the status table is the data table', env({ jobs: [job({ source: { instance: 'shop', table: 'orders', statusTable: 'orders' } })] }), 'jobs[0].source.statusTable', /must differ from source.table/],
    ['single-version mode without columns (a runtime rule)', env({ jobs: [job({ reader: { mode: 'single_version_and_update_only' } })] }), 'jobs[0].reader.column', /needs the list of columns/],
    ['an endpoint a shell could misread', env({ jobs: [job({ source: { instance: 'shop', table: 'orders', endpoint: 'https://x.com/;rm -rf' } })] }), 'jobs[0].source.endpoint', /plain URL with scheme and host only/],
    ['a linger the function timeout cannot hold', env({ jobs: [job({ window: { lingerSeconds: 60 }, function: { timeoutSeconds: 70 } })] }), 'jobs[0].window.lingerSeconds', /could never wait 60 s within function.timeoutSeconds 70/],
    ['an alert on a schedule that picks days, with no lag to fire at', env({ jobs: [job({ schedule: '0 0 4 ? * MON-FRI' })] }), 'jobs[0].alarm.maxLagMinutes', /fires on chosen days only.*set it \(in minutes\), or set alerts.enabled to false/],
    // 5-minute windows, 60 s lag, every 5 minutes, 300 s timeout: 960 s, so 16 minutes.
    ['an alert lag below what a healthy job reaches', env({ jobs: [job({ alarm: { maxLagMinutes: 15 } })] }), 'jobs[0].alarm.maxLagMinutes', /15 min is below the 16 min a healthy job can trail by.*set at least 16/],
    ['an action policy id SLS cannot hold', env({ alerts: { actionPolicyId: 'on call' } }), 'alerts.actionPolicyId', /SLS action policy id/],
    ['a repeat interval without a unit', env({ alerts: { repeatInterval: '60' } }), 'alerts.repeatInterval', /"30m", "1h" or "1d"/],
    ['a new instance named with a word Tablestore refuses', env({ jobs: [job({ source: { instance: 'payments', table: 'o', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } } })] }), 'jobs[0].source.instance', /"payments" contains "ay", which Tablestore refuses in instance names/],
    ['a state lock instance named with a word Tablestore refuses', env({ stateBackend: { type: 'oss', bucket: 'state-bucket', lockInstance: 'Admin-lock' } }), 'stateBackend.lockInstance', /contains "admin"/],
    ['an endpoint of another instance', env({ jobs: [job({ source: { instance: 'shop', table: 'orders', endpoint: 'https://shop2.cn-hangzhou.ots.aliyuncs.com' } })] }), 'jobs[0].source.endpoint', /address of instance "shop2" but the job reads "shop"/],
    ['an endpoint in another region for an instance the stack creates', env({ jobs: [job({ source: { instance: 'shop', table: 'o', endpoint: 'https://shop.cn-shanghai.ots.aliyuncs.com', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } } })] }), 'jobs[0].source.endpoint', /is in cn-shanghai, but the stack creates the instance in the environment's region, cn-hangzhou/],
    ['one instance read in two regions', env({ jobs: [
      job({ source: { instance: 'shop', table: 'orders', endpoint: 'https://shop.cn-beijing.ots.aliyuncs.com' } }),
      job({ name: 'b', source: { instance: 'shop', table: 'b' }, sink: { bucket: 'shop-export', object: 'b/{date}' } }),
    ] }), 'jobs[1].source.endpoint', /puts instance "shop" in cn-hangzhou, but jobs\[0\] reads it in cn-beijing/],
    ['an endpoint in another region for a bucket the stack creates', env({ jobs: [job({ sink: { bucket: 'shop-export', object: 'e/{date}', createBucket: {}, endpoint: 'https://oss-cn-beijing.aliyuncs.com' } })] }), 'jobs[0].sink.endpoint', /is in cn-beijing, but the stack creates the bucket in the environment's region, cn-hangzhou/],
    ['a job too large for the function\'s environment', env({ jobs: [job({ reader: { mode: 'single_version_and_update_only', column: Array.from({ length: 120 }, (_, i) => ({ name: `a_rather_long_column_name_${i}` })) } })] }), 'jobs[0]', /takes \d+ bytes in the function's environment \(OTS2OSS_JOB\), over FC's 4096/],
    ['a default log project name that is too long', env({ name: 'abcdefghijklmnopqrst', namePrefix: 'abcdefghij', nameSuffix: 'abcdefghij' }), 'logging.project', /set logging.project/],
  ];
  it('takes a stated alert lag on any schedule, and no alert settings once alerts are off', () => {
    assert.equal(problems(env({ jobs: [job({ schedule: '0 0 4 ? * MON-FRI', alarm: { maxLagMinutes: 4320 } })] })).size, 0);
    assert.equal(problems(env({ jobs: [job({ alarm: { maxLagMinutes: 16 } })] })).size, 0);
    assert.equal(problems(env({ alerts: { enabled: false }, jobs: [job({ schedule: '0 0 4 ? * MON-FRI' })] })).size, 0);
  });

  for (const [what, input, path, message] of crossCases) {
    it(`rejects ${what} at ${path}`, () => {
      const name = typeof input.name === 'string' ? input.name : 'test';
      const found = problems(input, name);
      assert.match(found.get(path) ?? `(nothing at ${path}; got ${JSON.stringify([...found])})`, message);
    });
  }

  it('accepts an existing instance in another region, and endpoints that agree with what the stack creates', () => {
    assert.equal(problems(env({ jobs: [job({ source: { instance: 'Shop', table: 'orders', endpoint: 'https://shop.cn-shanghai.ots.aliyuncs.com' } })] })).size, 0);
    assert.equal(problems(env({ jobs: [job({ source: { instance: 'shop', table: 'o', endpoint: 'https://shop.cn-hangzhou.vpc.tablestore.aliyuncs.com', createInstance: {}, createTable: { primaryKey: [{ name: 'id', type: 'STRING' }] } }, sink: { bucket: 'shop-export', object: 'e/{date}', createBucket: {}, endpoint: 'https://oss-cn-hangzhou-internal.aliyuncs.com' } })] })).size, 0);
    assert.equal(problems(env({ stateBackend: { type: 'oss', bucket: 'state-bucket', lockInstance: 'Admin-lock', bootstrap: false } })).size, 0, 'an instance that exists already has a name Tablestore took');
  });

  it('limits jobs whose template ends in a table folder to that folder, so two of them do not overlap', () => {
    const twoTables = env({ jobs: [
      job({ sink: { bucket: 'shop-export', object: 'slash/{table}/' } }),
      job({ name: 'inventory', source: { instance: 'shop', table: 'inventory' }, sink: { bucket: 'shop-export', object: 'slash/{table}' } }),
    ] });
    assert.deepEqual(problems(twoTables), new Map());
    const parsed = parseEnvironment(twoTables, 'test');
    assert.deepEqual(parsed.jobs.map((j) => prefixOf(parsed, j)), ['slash/orders/', 'slash/inventory/']);
  });

  it('accepts the same table and status table shared by two jobs with different prefixes', () => {
    assert.deepEqual(problems(env({ jobs: [job(), job({ name: 'copy', sink: { bucket: 'shop-export', object: 'copy/{date}' } })] })), new Map());
  });

  it('reads files: invalid JSON, a name that does not match the file, and a good file', () => {
    const dir = tempDir({
      'broken.json': '{ "region": ',
      'named.json': JSON.stringify(env({ name: 'other' })),
      'good.json': JSON.stringify(env()),
    });
    assert.throws(() => loadEnvironment(join(dir, 'broken.json')), /broken\.json is invalid:\n {2}- is not valid JSON/);
    assert.throws(() => loadEnvironment(join(dir, 'named.json')), /name: is "other" but the file is named "named\.json"/);
    assert.throws(() => loadEnvironment(join(dir, 'missing.json')), /missing\.json is invalid:\n {2}- cannot be read/);
    assert.equal(loadEnvironment(join(dir, 'good.json')).name, 'good');
  });

  it('lists the problems of every bad file in a directory, and a state bucket bootstrapped twice', () => {
    const bad = tempDir({ 'a.json': JSON.stringify(env({ region: 'x' })), 'b.json': JSON.stringify(env({ jobs: [] })), 'c.json': JSON.stringify(env()) });
    assert.throws(() => loadEnvironments(bad), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems, ['a.json: region: must be a region id such as cn-hangzhou', 'b.json: jobs: list at least one export job']);
      return true;
    });
    const state = { type: 'oss', bucket: 'tf-state', lockInstance: 'tflock' };
    const twice = tempDir({ 'a.json': JSON.stringify(env({ stateBackend: state })), 'b.json': JSON.stringify(env({ stateBackend: state })) });
    assert.throws(() => loadEnvironments(twice), /b\.json: stateBackend\.bootstrap: a\.json already bootstraps bucket "tf-state"/);
    assert.throws(() => loadEnvironments(tempDir({})), /holds no <name>\.json environment file/);
  });

  it('a broken environment makes synthesis fail with each bad field named, and no stack trace', () => {
    const dir = tempDir({ 'dev.json': JSON.stringify(env({ region: 'nowhere', jobs: [job({ name: 'Bad Name', schedule: 'hourly' })] })) });
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'stacks', 'main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, OTS2OSS_ENVIRONMENTS: dir },
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /dev\.json: region: must be a region id/);
    assert.match(run.stderr, /dev\.json: jobs\[0\]\.name: job names are 2-40/);
    assert.match(run.stderr, /dev\.json: jobs\[0\]\.schedule: a cron schedule has 6 fields, seconds first .*got 1/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
