import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAlicloudCallerIdentity } from '../.gen/providers/alicloud/data-alicloud-caller-identity/index.ts';
import { AlicloudProvider } from '../.gen/providers/alicloud/provider/index.ts';
import { alarmThresholds } from './alarm.ts';
import type { FunctionBundle } from './bundle.ts';
import { bucketNameOf, instanceNameOf, instanceRegionOf, jobConfigFor, prefixOf, type Environment, type EnvironmentJob } from './config.ts';
import { PrivateBucket } from './constructs/bucket.ts';
import { ExportJob } from './constructs/export-job.ts';
import { FunctionLogs } from './constructs/function-logs.ts';
import { JobAlarm } from './constructs/job-alarm.ts';
import { useStateBackend } from './constructs/state-backend.ts';
import { TableStream } from './constructs/table-stream.ts';
import { STATUS_TABLE_KEY, TablestoreInstance, TablestoreTable } from './constructs/tablestore.ts';
import { jobResourceName, otsEndpointParts, physicalName } from './naming.ts';

export interface ExportStackProps {
  env: Environment;
  bundle: FunctionBundle;
  /** Local state files are kept relative to it. */
  projectRoot: string;
}

/** Tags every resource of an environment carries, so its resources are easy to find and bill. */
export function environmentTags(env: Environment): Record<string, string> {
  return { ...env.tags, 'managed-by': 'ots2oss', 'ots2oss-environment': env.name };
}

/** Declares each shared thing once: the first call for a key builds it, later calls get the same one. */
function once<T>(build: (key: string) => T): (key: string) => T {
  const built = new Map<string, T>();
  return (key) => {
    if (!built.has(key)) built.set(key, build(key));
    return built.get(key) as T;
  };
}

/**
 * One environment: its export jobs and everything they run on. Instances, tables, buckets and
 * streams shared by several jobs are declared once; each job gets its own role and function.
 */
export class ExportStack extends TerraformStack {
  readonly jobs = new Map<string, ExportJob>();
  readonly alarms = new Map<string, JobAlarm>();

  constructor(scope: Construct, props: ExportStackProps) {
    const { env, bundle } = props;
    super(scope, env.name);
    new AlicloudProvider(this, 'alicloud', { region: env.region });
    useStateBackend(this, env, props.projectRoot);
    const account = new DataAlicloudCallerIdentity(this, 'caller').accountId;
    const tags = environmentTags(env);
    const instanceOf = (j: EnvironmentJob) => instanceNameOf(env, j);
    const tableKeyOf = (j: EnvironmentJob) => `${instanceOf(j)}/${j.source.table}`;
    const statusKeyOf = (j: EnvironmentJob) => `${instanceOf(j)}/${j.source.statusTable}`;
    /** The jobs naming a thing; config validation ensures they agree and at most one creates it. */
    const jobsWith = (keyOf: (j: EnvironmentJob) => string, key: string) => env.jobs.filter((j) => keyOf(j) === key);

    const logs = new FunctionLogs(this, 'logs', {
      projectName: env.logging.project ?? `${physicalName(env, `ots2oss-${env.name}`)}-${account}`,
      region: env.region,
      account,
      retentionDays: env.logging.retentionDays,
      tags,
    });
    const instance = once((name) => {
      const users = jobsWith(instanceOf, name);
      const create = users.find((j) => j.source.createInstance)?.source.createInstance;
      // The jobs agree on the region (checked). The deploy step reaches an Alibaba Cloud instance at its
      // public address there; any other endpoint (an emulator, a proxy) is used as given.
      const region = instanceRegionOf(env, users[0]!);
      const configured = users.find((j) => j.source.endpoint)?.source.endpoint;
      const endpoint = configured && !otsEndpointParts(configured) ? configured : undefined;
      return new TablestoreInstance(this, `instance-${name}`, { name, region, endpoint, account, create, tags });
    });
    const table = once((key) => {
      const users = jobsWith(tableKeyOf, key);
      const first = users[0] as EnvironmentJob;
      const create = users.find((j) => j.source.createTable)?.source.createTable;
      return new TablestoreTable(this, `table-${key}`, { instance: instance(instanceOf(first)), name: first.source.table, create });
    });
    const statusTable = once((key) => {
      const first = jobsWith(statusKeyOf, key)[0] as EnvironmentJob;
      const create = first.source.createStatusTable ? { primaryKey: [...STATUS_TABLE_KEY] } : undefined;
      return new TablestoreTable(this, `status-table-${key}`, { instance: instance(instanceOf(first)), name: first.source.statusTable, create });
    });
    const stream = once((key) => {
      const first = jobsWith(tableKeyOf, key)[0] as EnvironmentJob;
      return new TableStream(this, `stream-${key}`, { table: table(key), expirationHours: first.source.streamExpirationHours });
    });
    const bucket = once((name) => {
      const create = jobsWith((j) => bucketNameOf(env, j), name).find((j) => j.sink.createBucket)?.sink.createBucket;
      return new PrivateBucket(this, `bucket-${name}`, {
        name,
        region: env.region,
        account,
        create: create && { encryption: create.encryption, kmsKeyId: create.kmsKeyId, forceDestroy: env.ephemeral, tags },
      });
    });

    const outputs: Record<string, Record<string, string>> = {};
    for (const job of env.jobs) {
      const runtimeJob = jobConfigFor(env, job);
      const prefix = prefixOf(env, job);
      const target = bucket(runtimeJob.sink.bucket);
      if (job.sink.expireAfterDays !== undefined) target.expireObjects(prefix, job.sink.expireAfterDays);
      const exportJob = new ExportJob(this, `job-${job.name}`, {
        name: jobResourceName(env, job.name),
        job: runtimeJob,
        table: table(tableKeyOf(job)),
        stream: stream(tableKeyOf(job)),
        statusTable: statusTable(statusKeyOf(job)),
        bucket: target,
        prefix,
        logs,
        bundle,
        schedule: job.schedule,
        memoryMB: job.function.memoryMB,
        timeoutSeconds: job.function.timeoutSeconds,
        ephemeral: env.ephemeral,
        tags,
      });
      this.jobs.set(job.name, exportJob);
      const thresholds = env.alerts.enabled ? alarmThresholds(job) : undefined;
      if (thresholds && 'problem' in thresholds) throw new Error(`jobs ${job.name}: alarm.maxLagMinutes: ${thresholds.problem}`);
      const alarm = thresholds && new JobAlarm(this, `alarm-${job.name}`, {
        name: jobResourceName(env, job.name), job: job.name, logs, region: env.region, thresholds,
        actionPolicyId: env.alerts.actionPolicyId, repeatInterval: env.alerts.repeatInterval,
      });
      if (alarm) this.alarms.set(job.name, alarm);
      outputs[job.name] = {
        ...(alarm ? { alert: alarm.alert.alertName, alertsAtLagSeconds: String(thresholds.maxLagSeconds) } : {}),
        function: exportJob.exporter.function.functionName,
        instance: runtimeJob.source.instance,
        table: runtimeJob.source.table,
        statusTable: runtimeJob.source.statusTable,
        bucket: runtimeJob.sink.bucket,
        prefix,
        schedule: job.schedule,
      };
    }
    new TerraformOutput(this, 'jobs', { value: outputs, description: 'Per export job: function, source table, status table, bucket and prefix' });
    new TerraformOutput(this, 'log_project', { value: logs.projectName, description: 'SLS project holding the functions\' logs (logstore "functions")' });
    new TerraformOutput(this, 'region', { value: env.region });
  }
}
