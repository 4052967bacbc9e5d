import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { jobSchema } from '../../runtime/config/job.ts';
import { loadEnvironments } from '../../stacks/config.ts';
import type { FunctionBundle } from '../../stacks/bundle.ts';
import { jobConfigFor, type Environment } from '../../stacks/config.ts';
import { block, only, projectRoot, resources, synthEnvironments, type Synthesized, type TfBlock, type TfDoc } from './support/synth.ts';

const TYPES_CREATING_EVERYTHING = [
  'alicloud_fcv3_function', 'alicloud_fcv3_trigger', 'alicloud_log_alert', 'alicloud_log_project', 'alicloud_log_store', 'alicloud_log_store_index', 'alicloud_oss_bucket',
  'alicloud_oss_bucket_acl', 'alicloud_oss_bucket_public_access_block', 'alicloud_oss_bucket_server_side_encryption',
  'alicloud_ots_instance', 'alicloud_ots_table', 'alicloud_ram_policy', 'alicloud_ram_role', 'alicloud_ram_role_policy_attachment', 'terraform_data',
];
const count = (doc: TfDoc, type: string) => resources(doc, type).length;
const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[A-Za-z0-9_-]+\\.${attr}\\}$`);

describe('export stacks for the example environments', () => {
  let envs: Map<string, Environment>;
  let stacks: Map<string, Synthesized>;
  let bundle: FunctionBundle;
  let cleanup = () => {};
  const doc = (name: string) => (stacks.get(name) as Synthesized).doc;

  before(async () => {
    const loaded = loadEnvironments(join(projectRoot, 'environments'));
    envs = new Map(loaded.map((e) => [e.name, e]));
    const dev = envs.get('dev') as Environment;
    // dev once more with alerts off.
    const quiet: Environment = { ...dev, name: 'quiet', alerts: { ...dev.alerts, enabled: false } };
    // prod's orders job reading its existing instance in another region than the function's.
    const prod = envs.get('prod') as Environment;
    const orders = prod.jobs[0]!;
    const remote: Environment = {
      ...prod, name: 'remote', stateBackend: { type: 'local' },
      jobs: [{ ...orders, source: { ...orders.source, endpoint: 'https://shopprod.cn-beijing.ots.aliyuncs.com' } }],
    };
    const synth = await synthEnvironments([...loaded, quiet, remote]);
    ({ stacks, bundle, cleanup } = synth);
  });
  after(() => cleanup());

  describe('dev: ephemeral, creates everything', () => {
    it('declares exactly the resources of one job, each once', () => {
      const d = doc('dev');
      assert.deepEqual(Object.keys(d.resource ?? {}).sort(), TYPES_CREATING_EVERYTHING);
      assert.equal(count(d, 'alicloud_ots_table'), 2, 'data table and status table');
      for (const type of TYPES_CREATING_EVERYTHING.filter((t) => t !== 'alicloud_ots_table')) assert.equal(count(d, type), 1, type);
      assert.deepEqual(d.provider?.alicloud, [{ region: 'cn-hangzhou' }]);
      assert.deepEqual(Object.keys(d.data ?? {}), ['alicloud_caller_identity']);
    });

    it('creates the instance and the data table with its primary key, TTL and versions', () => {
      const d = doc('dev');
      const instance = only(d, 'alicloud_ots_instance');
      assert.equal(instance.name, 'shop-dev', 'name carries the environment suffix');
      assert.equal(instance.instance_type, 'HighPerformance');
      const table = only(d, 'alicloud_ots_table', (t) => t.table_name === 'orders');
      assert.match(String(table.instance_name), ref('alicloud_ots_instance', 'name'));
      assert.deepEqual(table.primary_key, [{ name: 'shop_id', type: 'String' }, { name: 'order_id', type: 'Integer' }]);
      assert.equal(table.time_to_live, -1);
      assert.equal(table.max_version, 1);
    });

    it('creates the DataWorks-compatible status table', () => {
      const status = only(doc('dev'), 'alicloud_ots_table', (t) => t.table_name === 'ots2oss_status');
      assert.deepEqual(status.primary_key, ['StreamId', 'StatusType', 'StatusValue'].map((name) => ({ name, type: 'String' })));
      assert.match(String(status.instance_name), ref('alicloud_ots_instance', 'name'));
    });

    it('enables the stream with the project command, after the table exists, credentials never on the command line', () => {
      const data = only(doc('dev'), 'terraform_data');
      const exec = block((data.provisioner as TfBlock[])[0]?.['local-exec']);
      const command = String(exec.command);
      assert.match(command, /^npx --no ots2oss enable-stream --endpoint https:\/\/shop-dev\.cn-hangzhou\.ots\.aliyuncs\.com --instance \$\{alicloud_ots_instance\.[^}]+\.name\} --table \$\{alicloud_ots_table\.[^}]+\.table_name\} --expiration-hours 24$/);
      assert.deepEqual(command.split(' ').filter((w) => w.startsWith('--')), ['--no', '--endpoint', '--instance', '--table', '--expiration-hours'], 'no credential flags');
      assert.equal(exec.environment, undefined, 'credentials come from the inherited environment only');
      const triggers = data.triggers_replace as Record<string, string>;
      assert.equal(triggers.expirationHours, '24');
      assert.match(triggers.table ?? '', ref('alicloud_ots_table', 'table_name'));
      assert.match(triggers.instance ?? '', ref('alicloud_ots_instance', 'name'));
    });

    it('creates a private, encrypted bucket that an ephemeral destroy can empty, with expiry on the prefix', () => {
      const d = doc('dev');
      const bucket = only(d, 'alicloud_oss_bucket');
      assert.equal(bucket.bucket, 'ots2oss-orders-dev');
      assert.equal(bucket.force_destroy, true);
      assert.equal(bucket.acl, undefined, 'the deprecated acl argument is not used');
      assert.deepEqual(bucket.lifecycle_rule, [
        { id: 'abort-incomplete-uploads', enabled: true, abort_multipart_upload: [{ days: 2 }] },
        { id: 'expire-exports-orders-', prefix: 'exports/orders/', enabled: true, expiration: [{ days: 7 }] },
      ]);
      assert.deepEqual(bucket.lifecycle, { ignore_changes: ['server_side_encryption_rule'] }, 'the encryption resource owns the rule');
      const bucketRef = ref('alicloud_oss_bucket', 'bucket');
      const acl = only(d, 'alicloud_oss_bucket_acl');
      assert.equal(acl.acl, 'private');
      assert.match(String(acl.bucket), bucketRef);
      const pab = only(d, 'alicloud_oss_bucket_public_access_block');
      assert.equal(pab.block_public_access, true);
      assert.match(String(pab.bucket), bucketRef);
      const sse = only(d, 'alicloud_oss_bucket_server_side_encryption');
      assert.equal(sse.sse_algorithm, 'AES256');
      assert.match(String(sse.bucket), bucketRef);
    });

    it('runs the bundled runtime on FC 3.0 with the job in its environment, memory and timeout from config', () => {
      const d = doc('dev');
      const env = envs.get('dev') as Environment;
      const fn = only(d, 'alicloud_fcv3_function');
      assert.equal(fn.function_name, 'ots2oss-dev-orders-dev');
      assert.equal(fn.runtime, 'nodejs20');
      assert.equal(fn.handler, 'index.handler');
      assert.equal(fn.memory_size, 512);
      assert.equal(fn.timeout, 120);
      assert.match(String(fn.role), ref('alicloud_ram_role', 'arn'));
      const job = jobSchema.parse(JSON.parse(String((fn.environment_variables as Record<string, string>).OTS2OSS_JOB)));
      assert.deepEqual(job, jobConfigFor(env, env.jobs[0] as Environment['jobs'][number]));
      assert.equal(job.source.endpoint, 'https://shop-dev.cn-hangzhou.ots.aliyuncs.com');
      assert.equal(job.sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com');
      assert.equal(job.sink.bucket, 'ots2oss-orders-dev');
      assert.deepEqual(Object.keys(fn.environment_variables as object), ['OTS2OSS_JOB'], 'no other variables, so no secrets');
      const log = block(fn.log_config);
      assert.match(String(log.project), ref('alicloud_log_project', 'project_name'));
      assert.match(String(log.logstore), ref('alicloud_log_store', 'logstore_name'));
      assert.equal(log.log_begin_rule, 'None', 'each JSON line is an entry of its own');
      const dependsOn = fn.depends_on as string[];
      assert.equal(dependsOn.length, 1);
      assert.match(dependsOn[0] ?? '', /^alicloud_ram_role_policy_attachment\./, 'the role holds its grants before the function exists');
    });

    it('ships the bundle as a zip asset read with filebase64', () => {
      const { doc: d, dir } = stacks.get('dev') as Synthesized;
      const code = block(only(d, 'alicloud_fcv3_function').code);
      const m = /^\$\{filebase64\("(assets\/[^"]+\.zip)"\)\}$/.exec(String(code.zip_file));
      assert.ok(m, `zip_file reads an asset: ${code.zip_file}`);
      const zip = join(dir, m[1] as string);
      assert.ok(existsSync(zip), 'the asset is written next to cdk.tf.json');
      assert.equal(readFileSync(zip).length, bundle.bytes);
      assert.ok((m[1] as string).includes(bundle.sha256), 'the asset path changes with the code');
    });

    it('schedules the function with a timer trigger that starts once the stream, the status table and the private, encrypted bucket are there', () => {
      const trigger = only(doc('dev'), 'alicloud_fcv3_trigger');
      assert.equal(trigger.trigger_type, 'timer');
      assert.equal(trigger.qualifier, 'LATEST');
      assert.match(String(trigger.function_name), ref('alicloud_fcv3_function', 'function_name'));
      assert.deepEqual(JSON.parse(String(trigger.trigger_config)), { cronExpression: '@every 1m', enable: true, payload: '{}' });
      assert.deepEqual((trigger.depends_on as string[]).map((d) => d.split('.')[0]).sort(), [
        'alicloud_oss_bucket', 'alicloud_oss_bucket_acl', 'alicloud_oss_bucket_public_access_block', 'alicloud_oss_bucket_server_side_encryption',
        'alicloud_ots_table', 'terraform_data',
      ]);
      const status = Object.entries(doc('dev').resource?.alicloud_ots_table ?? {}).find(([, t]) => (t as TfBlock).table_name === 'ots2oss_status')?.[0];
      assert.ok((trigger.depends_on as string[]).includes(`alicloud_ots_table.${status}`), 'the status table, not the data table');
    });

    it('keeps RAM policy versions from running out as grants change', () => {
      assert.equal(only(doc('dev'), 'alicloud_ram_policy').rotate_strategy, 'DeleteOldestNonDefaultVersionWhenLimitExceeded');
    });

    it('replaces the stream step with the table or instance it enables, as bare addresses Terraform accepts', () => {
      const d = doc('dev');
      const triggers = (only(d, 'terraform_data').lifecycle as { replace_triggered_by: string[] }).replace_triggered_by;
      const declared = Object.entries(d.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
      const dataTable = Object.entries(d.resource?.alicloud_ots_table ?? {}).find(([, t]) => (t as TfBlock).table_name === 'orders')?.[0];
      assert.deepEqual(triggers.slice().sort(), [declared.find((a) => a.startsWith('alicloud_ots_instance.')), `alicloud_ots_table.${dataTable}`].sort());
    });

    it('keeps logs in an SLS project unique to the account, with the configured retention', () => {
      const d = doc('dev');
      const project = only(d, 'alicloud_log_project');
      assert.equal(project.project_name, 'ots2oss-dev-dev-${data.alicloud_caller_identity.caller.account_id}');
      const store = only(d, 'alicloud_log_store');
      assert.equal(store.logstore_name, 'functions');
      assert.equal(store.retention_period, 7);
      assert.match(String(store.project_name), ref('alicloud_log_project', 'project_name'));
    });

    it('indexes the logs: the JSON lines under message with typed keys, full text, and what FC adds', () => {
      const index = only(doc('dev'), 'alicloud_log_store_index');
      assert.match(String(index.project), ref('alicloud_log_project', 'project_name'));
      assert.match(String(index.logstore), ref('alicloud_log_store', 'logstore_name'));
      const tokens = ', \'";=()[]{}?@&<>/:\n\t\r';
      assert.deepEqual(index.full_text, { case_sensitive: false, include_chinese: false, token: tokens });
      const fields = index.field_search as TfBlock[];
      const message = fields.find((f) => f.name === 'message') as TfBlock;
      assert.equal(message.type, 'json');
      assert.equal(message.enable_analytics, true);
      assert.equal(message.token, tokens, 'the provider sends an unset token as none');
      const keys = Object.fromEntries((message.json_keys as TfBlock[]).map((k) => [k.name, k.type]));
      for (const key of ['lagSeconds', 'records', 'rows', 'bytes', 'objects', 'windows', 'retries', 'durationMs']) assert.equal(keys[key], 'long', key);
      for (const key of ['message', 'job', 'level', 'stoppedBecause', 'error.message', 'window', 'shard']) assert.equal(keys[key], 'text', key);
      assert.deepEqual(fields.filter((f) => f !== message).map((f) => [f.name, f.type]), ['functionName', 'qualifier', 'instanceID', 'errorType', 'hasFunctionError'].map((n) => [n, 'text']));
    });

    it('alerts on the job\'s lag, failed runs and runs that never finish, from the window, safety lag, schedule and timeout', () => {
      const alert = only(doc('dev'), 'alicloud_log_alert');
      assert.equal(alert.alert_name, 'ots2oss-dev-orders-dev');
      assert.equal(alert.version, '2.0');
      assert.equal(alert.type, 'default');
      assert.match(String(alert.project_name), ref('alicloud_log_project', 'project_name'));
      const [query, ...more] = alert.query_list as TfBlock[];
      assert.equal(more.length, 0);
      assert.match(String(query!.store), ref('alicloud_log_store', 'logstore_name'));
      assert.equal(query!.store_type, 'log');
      assert.equal(query!.region, 'cn-hangzhou');
      assert.equal(query!.query, 'message.message: "run finished" | select max("message.lagSeconds") as lag, ' +
        'sum(case when "message.stoppedBecause" = \'error\' then 1 else 0 end) as failed, count(1) as runs from log where "message.job" = \'orders\'');
      // A 1-minute window, 30 s of safety lag, a timer every minute and a 120 s timeout: a healthy job
      // trails by up to 270 s; the alert fires at twice that. Each check reads 15 minutes of logs.
      assert.equal(query!.start, '-15m');
      assert.equal(query!.end, 'now');
      assert.deepEqual((alert.severity_configurations as TfBlock[]).map((c) => [c.severity, (c.eval_condition as Record<string, string>).condition]),
        [[8, 'runs == 0'], [8, 'lag > 540'], [6, 'failed > 0']]);
      assert.equal(alert.no_data_fire, true);
      assert.equal(alert.send_resolved, true);
      assert.deepEqual(alert.schedule, { type: 'FixedRate', interval: '5m', run_immediately: true });
      assert.deepEqual(alert.policy_configuration, { alert_policy_id: 'sls.builtin.dynamic', repeat_interval: '1h' });
      const desc = (alert.annotations as TfBlock[]).find((a) => a.key === 'desc');
      assert.match(String(desc?.value), /^lag \$\$\{lag\} s \(alarm above 540\)/, 'SLS fills in ${lag}; Terraform must leave it');
    });

    it('declares no alert once alerts are off, and keeps the index', () => {
      assert.equal(count(doc('quiet'), 'alicloud_log_alert'), 0);
      assert.equal(count(doc('quiet'), 'alicloud_log_store_index'), 1);
    });

    it('trusts only Function Compute and force-deletes RAM objects on destroy (ephemeral)', () => {
      const d = doc('dev');
      const role = only(d, 'alicloud_ram_role');
      assert.equal(role.role_name, 'ots2oss-dev-orders-dev');
      assert.deepEqual(JSON.parse(String(role.assume_role_policy_document)), {
        Version: '1',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
      });
      assert.equal(role.force, true);
      assert.equal(only(d, 'alicloud_ram_policy').force, true);
      const attachment = only(d, 'alicloud_ram_role_policy_attachment');
      assert.equal(attachment.policy_type, 'Custom');
      assert.match(String(attachment.role_name), ref('alicloud_ram_role', 'role_name'));
      assert.match(String(attachment.policy_name), ref('alicloud_ram_policy', 'policy_name'));
    });

    it('tags what it creates and keeps state locally by default', () => {
      const d = doc('dev');
      for (const type of ['alicloud_ots_instance', 'alicloud_oss_bucket', 'alicloud_ram_role', 'alicloud_fcv3_function', 'alicloud_log_project']) {
        assert.deepEqual(only(d, type).tags, { team: 'data', 'managed-by': 'ots2oss', 'ots2oss-environment': 'dev' }, type);
      }
      assert.deepEqual(d.terraform?.backend, { local: { path: join(projectRoot, 'terraform.dev.tfstate') } });
    });

    it('outputs what a user needs per job', () => {
      const jobs = output(doc('dev'), 'jobs') as Record<string, Record<string, string>>;
      assert.deepEqual(Object.keys(jobs), ['orders']);
      const { function: fn, alert, ...rest } = jobs.orders as Record<string, string>;
      assert.match(fn ?? '', ref('alicloud_fcv3_function', 'function_name'));
      assert.match(alert ?? '', ref('alicloud_log_alert', 'alert_name'));
      assert.deepEqual(rest, {
        instance: 'shop-dev', table: 'orders', statusTable: 'ots2oss_status', bucket: 'ots2oss-orders-dev', prefix: 'exports/orders/', schedule: '@every 1m',
        alertsAtLagSeconds: '540',
      });
      const quiet = output(doc('quiet'), 'jobs') as Record<string, Record<string, string>>;
      assert.equal(quiet.orders?.alert, undefined, 'no alert, none named');
      assert.match(String(output(doc('dev'), 'log_project')), ref('alicloud_log_project', 'project_name'));
    });
  });

  describe('an existing instance in another region than the function', () => {
    it('is granted and has its stream enabled in the region its endpoint names', () => {
      const d = doc('remote');
      const exec = block((only(d, 'terraform_data').provisioner as TfBlock[])[0]?.['local-exec']);
      assert.match(String(exec.command), /--endpoint https:\/\/shopprod\.cn-beijing\.ots\.aliyuncs\.com --instance shopprod /);
      const policy = JSON.parse(String(only(d, 'alicloud_ram_policy').policy_document)) as { Statement: Array<{ Resource: string[] }> };
      const otsArns = policy.Statement.flatMap((st) => st.Resource).filter((r) => r.startsWith('acs:ots:'));
      assert.equal(otsArns.length, 2);
      for (const arn of otsArns) assert.match(arn, /^acs:ots:cn-beijing:/);
      assert.equal(jobSchema.parse(JSON.parse(String((only(d, 'alicloud_fcv3_function').environment_variables as Record<string, string>).OTS2OSS_JOB))).source.endpoint,
        'https://shopprod.cn-beijing.ots.aliyuncs.com');
      assert.deepEqual(d.provider?.alicloud, [{ region: 'cn-shanghai' }], 'the function stays in the environment\'s region');
    });
  });

  describe('prod: adopts an existing instance and tables, OSS state', () => {
    it('creates no instance and no data table, only the shared status table, once for both jobs', () => {
      const d = doc('prod');
      assert.equal(count(d, 'alicloud_ots_instance'), 0);
      const tables = resources(d, 'alicloud_ots_table');
      assert.deepEqual(tables.map((t) => t.table_name), ['ots2oss_status']);
      assert.equal(tables[0]?.instance_name, 'shopprod', 'an adopted instance is named literally');
    });

    it('enables the stream on each adopted table with its own expiration', () => {
      const commands = resources(doc('prod'), 'terraform_data').map((r) => String(block((r.provisioner as TfBlock[])[0]?.['local-exec']).command)).sort();
      assert.deepEqual(commands, [
        'npx --no ots2oss enable-stream --endpoint https://shopprod.cn-shanghai.ots.aliyuncs.com --instance shopprod --table inventory --expiration-hours 168',
        'npx --no ots2oss enable-stream --endpoint https://shopprod.cn-shanghai.ots.aliyuncs.com --instance shopprod --table orders --expiration-hours 72',
      ]);
    });

    it('writes to the existing bucket untouched, and creates the archive bucket with KMS and a year of retention, never force-destroyed', () => {
      const d = doc('prod');
      const bucket = only(d, 'alicloud_oss_bucket');
      assert.equal(bucket.bucket, 'shop-inventory-archive');
      assert.equal(bucket.force_destroy, false);
      assert.deepEqual(bucket.lifecycle_rule, [
        { id: 'abort-incomplete-uploads', enabled: true, abort_multipart_upload: [{ days: 2 }] },
        { id: 'expire-inventory-', prefix: 'inventory/', enabled: true, expiration: [{ days: 365 }] },
      ]);
      assert.equal(only(d, 'alicloud_oss_bucket_server_side_encryption').sse_algorithm, 'KMS');
      assert.equal(resources(d, 'alicloud_oss_bucket_acl').length, 1, 'the adopted bucket gets no ACL change');
    });

    it('gives each job its own role, policy, function and trigger', () => {
      const d = doc('prod');
      const fns = resources(d, 'alicloud_fcv3_function');
      assert.deepEqual(fns.map((f) => f.function_name).sort(), ['ots2oss-prod-inventory', 'ots2oss-prod-orders']);
      assert.deepEqual(fns.map((f) => [f.memory_size, f.timeout]).sort(), [[1024, 600], [512, 300]]);
      assert.deepEqual(resources(d, 'alicloud_ram_role').map((r) => [r.role_name, r.force]).sort(), [['ots2oss-prod-inventory', false], ['ots2oss-prod-orders', false]]);
      assert.deepEqual(resources(d, 'alicloud_fcv3_trigger').map((t) => JSON.parse(String(t.trigger_config)).cronExpression).sort(), ['0 */5 * * * *', '@every 15m']);
      assert.equal(count(d, 'alicloud_log_project'), 1, 'one log project per environment');
    });

    it('gives each job its own alert, with thresholds from its window and schedule, notifying through the action policy', () => {
      const alerts = resources(doc('prod'), 'alicloud_log_alert');
      const byName = new Map(alerts.map((a) => [a.alert_name, a]));
      const summary = (name: string) => {
        const a = byName.get(name) as TfBlock;
        const lag = (a.severity_configurations as TfBlock[]).map((c) => (c.eval_condition as Record<string, string>).condition).find((c) => c.startsWith('lag'));
        return [lag, (a.query_list as TfBlock[])[0]?.start, a.policy_configuration];
      };
      const policy = { alert_policy_id: 'sls.builtin.dynamic', action_policy_id: 'shop-data-oncall', repeat_interval: '30m' };
      // orders: 15-minute windows, 60 s lag, cron every 5 minutes, 600 s timeout: 1,860 s healthy.
      assert.deepEqual(summary('ots2oss-prod-orders'), ['lag > 3720', '-20m', policy]);
      // inventory: 60-minute windows, the default 60 s lag, every 15 minutes, the default 300 s timeout.
      assert.deepEqual(summary('ots2oss-prod-inventory'), ['lag > 9720', '-25m', policy]);
    });

    it('stores state in OSS with a Tablestore lock, under a per-environment prefix', () => {
      assert.deepEqual(doc('prod').terraform?.backend, {
        oss: {
          bucket: 'shop-terraform-state',
          prefix: 'ots2oss/prod',
          key: 'terraform.tfstate',
          region: 'cn-shanghai',
          encrypt: true,
          acl: 'private',
          tablestore_endpoint: 'https://shoptfstate.cn-shanghai.ots.aliyuncs.com',
          tablestore_table: 'terraform_lock',
        },
      });
    });

    it('bootstraps the state bucket (versioned, private, encrypted) and the LockID table in prod-state', () => {
      const d = doc('prod-state');
      const bucket = only(d, 'alicloud_oss_bucket');
      assert.equal(bucket.bucket, 'shop-terraform-state');
      assert.equal(bucket.force_destroy, false);
      assert.deepEqual(block(bucket.versioning), { status: 'Enabled' });
      assert.equal(only(d, 'alicloud_oss_bucket_acl').acl, 'private');
      assert.equal(only(d, 'alicloud_oss_bucket_public_access_block').block_public_access, true);
      assert.equal(only(d, 'alicloud_oss_bucket_server_side_encryption').sse_algorithm, 'AES256');
      assert.equal(only(d, 'alicloud_ots_instance').name, 'shoptfstate');
      const lock = only(d, 'alicloud_ots_table');
      assert.equal(lock.table_name, 'terraform_lock');
      assert.deepEqual(lock.primary_key, [{ name: 'LockID', type: 'String' }]);
      assert.deepEqual(d.terraform?.backend, { local: { path: join(projectRoot, 'terraform.prod-state.tfstate') } });
    });
  });
});

function output(doc: TfDoc, name: string): unknown {
  const output = doc.output?.[name];
  assert.ok(output, `output ${name}`);
  return output.value;
}
