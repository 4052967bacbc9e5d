import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { BUCKET_NAME, fieldDelimiterCheck, INSTANCE_NAME, jobSchema, RUN_RESERVE_MS, TABLE_NAME, type JobConfig, type JobInput } from '../runtime/config/job.ts';
import { httpsOf } from '../runtime/config/endpoints.ts';
import { ConfigError, describeIssues, issuePath } from '../runtime/config/validation.ts';
import {
  FC_ENVIRONMENT_BYTES, fixedPrefix, JOB_ENV_VAR, jobResourceName, ossInternalEndpoint, otsEndpoint, otsEndpointParts, physicalName,
  keysStart, regionOfEndpoint, reservedInstanceWord,
} from './naming.ts';
import { alarmThresholds } from './alarm.ts';
import { scheduleProblem } from './schedule.ts';

// An environment file (environments/<name>.json): where to deploy and which export jobs to run.
// Each job is the runtime job (runtime/config/job.ts) plus what the stacks must provision.
// Pure zod: the local demo reads the same files without loading cdktf.

const runtime = jobSchema.shape;

export const ENV_NAME = /^[a-z][a-z0-9-]{0,19}$/;
const COLUMN_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,254}$/;
const NAME_PART = /^[a-z0-9-]*$/;
/** Safe to pass to a shell unquoted: scheme, host, optional port. */
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;

const plainUrl = z
  .string()
  .regex(PLAIN_URL, 'must be a plain URL with scheme and host only, such as https://my-instance.cn-hangzhou.ots.aliyuncs.com');

/** The local emulators' hosts, the only ones a deployed job may reach over plain http. */
const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** An endpoint of a deployed job: over http to any other host, the exported rows would cross the network unencrypted. */
const endpointUrl = plainUrl.superRefine((url, ctx) => {
  const host = /^http:\/\/([^/:]+)/.exec(url)?.[1];
  if (host === undefined || LOOPBACK_HOST.test(host)) return;
  const secure = httpsOf(url);
  const port = secure.port === undefined ? '' : `; ${secure.port}`;
  ctx.addIssue({
    code: 'custom',
    message: `http:// to ${host} carries the exported rows across the network unencrypted: use ${secure.url} (Alibaba Cloud endpoints take https${port}); plain http is for local emulators at 127.0.0.1 or localhost`,
  });
});

export const primaryKeyColumnSchema = z.strictObject({
  name: z.string().regex(COLUMN_NAME, 'column names are letters, digits or underscores and do not start with a digit'),
  type: z.enum(['STRING', 'INTEGER', 'BINARY'], { message: 'primary key types are STRING, INTEGER or BINARY' }),
});

export const createTableSchema = z.strictObject({
  primaryKey: z
    .array(primaryKeyColumnSchema)
    .min(1, 'a table needs 1 to 4 primary key columns')
    .max(4, 'a table has at most 4 primary key columns')
    .refine((cols) => new Set(cols.map((c) => c.name)).size === cols.length, 'primary key column names must be unique'),
  /** Seconds a row version lives; -1 keeps data forever. */
  timeToLive: z
    .int()
    .refine((n) => n === -1 || n >= 86400, 'must be -1 (never expire) or at least 86400 seconds (one day)')
    .default(-1),
  maxVersion: z.int().min(1).max(1000).default(1),
});

export const createInstanceSchema = z.strictObject({
  type: z.enum(['HighPerformance', 'Capacity']).default('HighPerformance'),
  description: z.string().max(256).optional(),
});

const sourceSchema = runtime.source.extend({
  endpoint: endpointUrl.optional(),
  /** Present: the stack creates the instance; absent: it must exist already. */
  createInstance: createInstanceSchema.optional(),
  /** Present: the stack creates the data table; absent: it must exist already. */
  createTable: createTableSchema.optional(),
  createStatusTable: z.boolean().default(true),
  /** How long Tablestore keeps stream records; a job must run within this to lose nothing. */
  streamExpirationHours: z.int().min(1, 'must be 1 to 168 hours').max(168, 'must be 1 to 168 hours').default(24),
});

export const createBucketSchema = z
  .strictObject({
    encryption: z.enum(['AES256', 'KMS']).default('AES256'),
    /** A KMS key id; without it OSS uses its managed key. */
    kmsKeyId: z.string().min(1).optional(),
  })
  .refine((b) => b.encryption === 'KMS' || b.kmsKeyId === undefined, { message: 'kmsKeyId needs encryption "KMS"', path: ['kmsKeyId'] });

const sinkSchema = runtime.sink.extend({
  endpoint: endpointUrl.optional(),
  /** The key prefix the function may touch; defaults to the fixed start of `object`. */
  prefix: z.string().min(1).refine((p) => !p.startsWith('/'), 'must not start with "/"').optional(),
  /** Present: the stack creates the bucket; absent: it must exist already. */
  createBucket: createBucketSchema.optional(),
  /** Delete exported objects under the prefix after this many days (a lifecycle rule; created buckets only). */
  expireAfterDays: z.int().min(1).max(36500).optional(),
});

export const functionSchema = z
  .strictObject({
    memoryMB: z.int().min(128).max(32768).refine((n) => n % 64 === 0, 'must be a multiple of 64').default(512),
    timeoutSeconds: z.int().min(1).max(86400).default(300),
  })
  .default({ memoryMB: 512, timeoutSeconds: 300 });

export const scheduleSchema = z.string().superRefine((s, ctx) => {
  const problem = scheduleProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const environmentJobSchema = z.strictObject({
  name: runtime.name,
  source: sourceSchema,
  window: runtime.window,
  reader: runtime.reader,
  sink: sinkSchema,
  speed: runtime.speed,
  /** FC timer: "@every 5m" or six-field cron, seconds first. */
  schedule: scheduleSchema.default('@every 5m'),
  function: functionSchema,
  alarm: z
    .strictObject({
      /** The lag that fires the job's alert; by default twice what a healthy job can reach. */
      maxLagMinutes: z.int().min(1).max(10_080).optional(),
    })
    .default({}),
}).check(fieldDelimiterCheck);

export const stateBackendSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('local'),
      /** State file path relative to the project root; default terraform.<env>.tfstate. */
      path: z.string().min(1).optional(),
    }),
    z.strictObject({
      type: z.literal('oss'),
      bucket: z.string().regex(BUCKET_NAME, 'OSS bucket names are 3-63 lowercase letters, digits or hyphens'),
      prefix: z.string().min(1).default('ots2oss'),
      key: z.string().min(1).default('terraform.tfstate'),
      /** Region of the state bucket and lock instance; defaults to the environment's. */
      region: z.string().optional(),
      lockInstance: z.string().regex(INSTANCE_NAME, 'Tablestore instance names are 3-16 letters, digits or hyphens, start with a letter'),
      lockTable: z.string().regex(TABLE_NAME, 'table names are letters, digits or underscores').default('terraform_lock'),
      /** Synthesize a `<env>-state` stack that creates the bucket, instance and lock table. */
      bootstrap: z.boolean().default(true),
    }),
  ], { message: 'type must be "local" or "oss"' })
  .default({ type: 'local' });

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

const environmentShape = z.strictObject({
  /** The stack name; must match the file name (environments/<name>.json). */
  name: z.string().regex(ENV_NAME, 'environment names are 1-20 lowercase letters, digits or hyphens, starting with a letter'),
  region: z.string().regex(REGION, 'must be a region id such as cn-hangzhou'),
  /** Test environments: buckets are emptied on destroy and RAM objects force-deleted. */
  ephemeral: z.boolean().default(false),
  namePrefix: z.string().max(10).regex(NAME_PART, 'only lowercase letters, digits and hyphens').default(''),
  nameSuffix: z.string().max(10).regex(NAME_PART, 'only lowercase letters, digits and hyphens').default(''),
  tags: z.record(z.string().min(1).max(128), z.string().max(128)).default({}),
  logging: z
    .strictObject({
      /** SLS project name (global per region); default <prefix>ots2oss-<env><suffix>-<account id>. */
      project: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'SLS project names are 3-63 lowercase letters, digits or hyphens').optional(),
      retentionDays: z.int().min(1).max(3650).default(30),
    })
    .default({ retentionDays: 30 }),
  alerts: z
    .strictObject({
      /** An SLS alert rule per job on its lag, failed runs and runs that never finish. */
      enabled: z.boolean().default(true),
      /** The SLS action policy that sends notifications; without one, alerts show in the alert center only. */
      actionPolicyId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'an SLS action policy id: letters, digits, "_", "-" or "."').optional(),
      repeatInterval: z.string().regex(/^[1-9]\d*[mhd]$/, 'a duration such as "30m", "1h" or "1d"').default('1h'),
    })
    .default({ enabled: true, repeatInterval: '1h' }),
  stateBackend: stateBackendSchema,
  jobs: z.array(environmentJobSchema).min(1, 'list at least one export job'),
});

export type Environment = z.output<typeof environmentShape>;
export type EnvironmentJob = Environment['jobs'][number];
export type PrimaryKeyColumn = z.output<typeof primaryKeyColumnSchema>;

/** Instance name the job reads: created ones carry the environment's prefix/suffix. */
export function instanceNameOf(env: Environment, job: EnvironmentJob): string {
  return job.source.createInstance ? physicalName(env, job.source.instance) : job.source.instance;
}

/**
 * Region of the instance the job reads: the one its Alibaba Cloud endpoint names (an existing instance
 * may be in another region than the function), else the environment's.
 */
export function instanceRegionOf(env: Environment, job: EnvironmentJob): string {
  return (job.source.endpoint && otsEndpointParts(job.source.endpoint)?.region) || env.region;
}

/** Bucket name the job writes: created ones carry the environment's prefix/suffix. */
export function bucketNameOf(env: Environment, job: EnvironmentJob): string {
  return job.sink.createBucket ? physicalName(env, job.sink.bucket) : job.sink.bucket;
}

/** The key prefix the job's function is granted: configured, or the fixed start of its object template. */
export function prefixOf(env: Environment, job: EnvironmentJob): string {
  return job.sink.prefix ?? fixedPrefix(job.sink.object, { instance: instanceNameOf(env, job), table: job.source.table, job: job.name });
}

/** The runtime job input, before the runtime schema checks it. */
function runtimeJobInput(env: Environment, job: EnvironmentJob): JobInput {
  const instance = instanceNameOf(env, job);
  const { prefix: _prefix, createBucket: _create, expireAfterDays: _expire, ...sink } = job.sink;
  return {
    name: job.name,
    source: {
      endpoint: job.source.endpoint ?? otsEndpoint(instance, env.region),
      instance,
      table: job.source.table,
      statusTable: job.source.statusTable,
    },
    window: job.window,
    reader: job.reader,
    sink: { ...sink, bucket: bucketNameOf(env, job), endpoint: job.sink.endpoint ?? ossInternalEndpoint(env.region) },
    speed: job.speed,
  };
}

/** The runtime job for the function's OTS2OSS_JOB variable: physical names, endpoints, no secrets. */
export function jobConfigFor(env: Environment, job: EnvironmentJob): JobConfig {
  return jobSchema.parse(runtimeJobInput(env, job));
}

type Issue = { path: (string | number)[]; message: string };

/** Rules that span fields or jobs, each reported at the field to change. */
function crossFieldIssues(env: Environment): Issue[] {
  const issues: Issue[] = [];
  const at = (i: number, ...path: string[]) => ['jobs', i, ...path];
  const firstBy = new Map<string, number>();
  const seen = (key: string, i: number): number | undefined => {
    const first = firstBy.get(key);
    if (first === undefined) firstBy.set(key, i);
    return first;
  };

  env.jobs.forEach((job, i) => {
    const instance = instanceNameOf(env, job);
    const bucket = bucketNameOf(env, job);

    const dup = seen(`job:${job.name}`, i);
    if (dup !== undefined) issues.push({ path: at(i, 'name'), message: `jobs[${dup}] already uses the name "${job.name}"` });

    if (job.source.createInstance && !INSTANCE_NAME.test(instance)) {
      issues.push({ path: at(i, 'source', 'instance'), message: `with the environment's namePrefix/nameSuffix the instance name is "${instance}": Tablestore instance names are 3-16 letters, digits or hyphens, start with a letter; shorten it` });
    }
    if (job.sink.createBucket && !BUCKET_NAME.test(bucket)) {
      issues.push({ path: at(i, 'sink', 'bucket'), message: `with the environment's namePrefix/nameSuffix the bucket name is "${bucket}": OSS bucket names are 3-63 lowercase letters, digits or hyphens; shorten it` });
    }
    const fnName = jobResourceName(env, job.name);
    if (fnName.length > 64) {
      issues.push({ path: at(i, 'name'), message: `the function and role name "${fnName}" is longer than 64 characters; shorten the job or environment name or the prefix/suffix` });
    }

    const reserved = job.source.createInstance ? reservedInstanceWord(instance) : undefined;
    if (reserved) {
      issues.push({ path: at(i, 'source', 'instance'), message: `the new instance's name "${instance}" contains "${reserved}", which Tablestore refuses in instance names (ali, ay, ots, taobao, admin, in any case): choose another` });
    }
    const addressed = job.source.endpoint ? otsEndpointParts(job.source.endpoint) : undefined;
    if (addressed && addressed.instance !== instance.toLowerCase()) {
      issues.push({ path: at(i, 'source', 'endpoint'), message: `is the address of instance "${addressed.instance}" but the job reads "${instance}": give that instance's endpoint, or leave endpoint out` });
    } else if (addressed && job.source.createInstance && addressed.region !== env.region) {
      issues.push({ path: at(i, 'source', 'endpoint'), message: `is in ${addressed.region}, but the stack creates the instance in the environment's region, ${env.region}: leave endpoint out, or create the instance from an environment in ${addressed.region}` });
    }
    // The stack declares one instance per name: its grants and stream step take one region.
    const regionFirst = env.jobs.findIndex((other) => instanceNameOf(env, other) === instance);
    const [region, firstRegion] = [instanceRegionOf(env, job), instanceRegionOf(env, env.jobs[regionFirst]!)];
    if (regionFirst < i && firstRegion !== region) {
      issues.push({ path: at(i, 'source', 'endpoint'), message: `puts instance "${instance}" in ${region}, but jobs[${regionFirst}] reads it in ${firstRegion}: give both jobs the same endpoint region` });
    }
    const bucketRegion = regionOfEndpoint(job.sink.endpoint);
    if (bucketRegion && job.sink.createBucket && bucketRegion !== env.region) {
      issues.push({ path: at(i, 'sink', 'endpoint'), message: `is in ${bucketRegion}, but the stack creates the bucket in the environment's region, ${env.region}: leave endpoint out, or create the bucket from an environment in ${bucketRegion}` });
    }

    if (job.source.createInstance && !job.source.createTable) {
      issues.push({ path: at(i, 'source', 'createTable'), message: 'a new instance has no tables: give createTable (primaryKey, timeToLive, maxVersion) to create the data table' });
    }
    if (job.source.createInstance && !job.source.createStatusTable) {
      issues.push({ path: at(i, 'source', 'createStatusTable'), message: 'a new instance has no status table: set createStatusTable to true' });
    }
    const instanceFirst = job.source.createInstance ? seen(`instance:${instance}`, i) : undefined;
    if (instanceFirst !== undefined) {
      issues.push({ path: at(i, 'source', 'createInstance'), message: `jobs[${instanceFirst}] already creates instance "${instance}": remove createInstance here` });
    }
    const tableKey = `${instance}/${job.source.table}`;
    const tableFirst = job.source.createTable ? seen(`table:${tableKey}`, i) : undefined;
    if (tableFirst !== undefined) {
      issues.push({ path: at(i, 'source', 'createTable'), message: `jobs[${tableFirst}] already creates table "${tableKey}": remove createTable here` });
    }
    const streamFirst = seen(`stream:${tableKey}`, i);
    if (streamFirst !== undefined && env.jobs[streamFirst]?.source.streamExpirationHours !== job.source.streamExpirationHours) {
      issues.push({ path: at(i, 'source', 'streamExpirationHours'), message: `jobs[${streamFirst}] reads the same table with a different streamExpirationHours; a table has one stream: make them equal` });
    }
    const statusFirst = seen(`status:${instance}/${job.source.statusTable}`, i);
    if (statusFirst !== undefined && env.jobs[statusFirst]?.source.createStatusTable !== job.source.createStatusTable) {
      issues.push({ path: at(i, 'source', 'createStatusTable'), message: `jobs[${statusFirst}] shares status table "${job.source.statusTable}" but disagrees on createStatusTable: make them equal` });
    }
    if (env.jobs.some((other, k) => k !== i && instanceNameOf(env, other) === instance && other.source.table === job.source.statusTable)) {
      issues.push({ path: at(i, 'source', 'statusTable'), message: 'is a data table another job exports: checkpoints need a table of their own' });
    }

    const reserve = RUN_RESERVE_MS / 1000;
    if (job.window.lingerSeconds > 0 && job.window.lingerSeconds + reserve >= job.function.timeoutSeconds) {
      issues.push({ path: at(i, 'window', 'lingerSeconds'), message: `a run could never wait ${job.window.lingerSeconds} s within function.timeoutSeconds ${job.function.timeoutSeconds} (a run keeps ${reserve} s back): lower it or raise the timeout` });
    }

    // A broken schedule is reported on its own; its gaps mean nothing.
    const thresholds = env.alerts.enabled && !scheduleProblem(job.schedule) ? alarmThresholds(job) : undefined;
    if (thresholds && 'problem' in thresholds) issues.push({ path: at(i, 'alarm', 'maxLagMinutes'), message: thresholds.problem });

    const bucketFirst = job.sink.createBucket ? seen(`bucket:${bucket}`, i) : undefined;
    if (bucketFirst !== undefined) {
      issues.push({ path: at(i, 'sink', 'createBucket'), message: `jobs[${bucketFirst}] already creates bucket "${bucket}": remove createBucket here` });
    }
    const createdElsewhere = env.jobs.some((other) => other.sink.createBucket && bucketNameOf(env, other) === bucket);
    if (job.sink.expireAfterDays !== undefined && !createdElsewhere) {
      issues.push({ path: at(i, 'sink', 'expireAfterDays'), message: 'lifecycle rules can only be set on a bucket this stack creates: add createBucket or remove expireAfterDays' });
    }

    const prefix = prefixOf(env, job);
    const keys = keysStart(job.sink.object, { instance, table: job.source.table, job: job.name });
    if (!prefix) {
      issues.push({ path: at(i, 'sink', 'object'), message: 'must start with a fixed folder such as "exports/{table}/..." so the function can be limited to it (or set sink.prefix)' });
    } else if (!keys.startsWith(prefix)) {
      issues.push({ path: at(i, 'sink', 'prefix'), message: `objects are written under "${keys}", which does not start with the prefix "${prefix}"` });
    }
    env.jobs.slice(0, i).forEach((other, j) => {
      const otherPrefix = prefixOf(env, other);
      if (prefix && otherPrefix && bucketNameOf(env, other) === bucket && (prefix.startsWith(otherPrefix) || otherPrefix.startsWith(prefix))) {
        issues.push({ path: at(i, 'sink', 'prefix'), message: `overlaps jobs[${j}]'s prefix "${otherPrefix}" in bucket "${bucket}": a truncate would delete the other job's objects` });
      }
    });
  });

  const state = env.stateBackend;
  const lockReserved = state.type === 'oss' && state.bootstrap ? reservedInstanceWord(state.lockInstance) : undefined;
  if (lockReserved) {
    issues.push({ path: ['stateBackend', 'lockInstance'], message: `the bootstrap creates this instance, and its name contains "${lockReserved}", which Tablestore refuses in instance names (ali, ay, ots, taobao, admin, in any case): choose another` });
  }

  if (env.logging.project === undefined) {
    const base = physicalName(env, `ots2oss-${env.name}`);
    if (base.length + 17 > 63) {
      issues.push({ path: ['logging', 'project'], message: `the default SLS project name "${base}-<account id>" would exceed 63 characters: set logging.project` });
    }
  }
  return issues;
}

/** Every runtime rule (runtime/config/job.ts) the job would break once built, at the job's own paths. */
function runtimeIssues(env: Environment): Issue[] {
  return env.jobs.flatMap((job, i) => {
    const result = jobSchema.safeParse(runtimeJobInput(env, job));
    if (result.success) {
      const bytes = Buffer.byteLength(JOB_ENV_VAR + JSON.stringify(result.data));
      if (bytes <= FC_ENVIRONMENT_BYTES) return [];
      return [{ path: ['jobs', i], message: `takes ${bytes} bytes in the function's environment (${JOB_ENV_VAR}), over FC's ${FC_ENVIRONMENT_BYTES} for all variables: list fewer reader.column entries, or shorter names` }];
    }
    return result.error.issues.map((issue) => ({ path: ['jobs', i, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message }));
  });
}

export const environmentSchema = environmentShape.superRefine((env, ctx) => {
  const reported = new Set(ctx.issues.map((issue) => issuePath(issue.path ?? [])));
  for (const issue of [...crossFieldIssues(env), ...runtimeIssues(env)]) {
    const path = issuePath(issue.path);
    if (reported.has(path)) continue;
    reported.add(path);
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

/** Problems in file order: environment fields first, then job by job (the sort is stable). */
function byJob(problems: string[]): string[] {
  const jobIndex = (p: string) => Number(/^jobs\[(\d+)\]/.exec(p)?.[1] ?? -1);
  return [...problems].sort((a, b) => jobIndex(a) - jobIndex(b));
}

/** Parses an environment; `name` defaults to the one given (the file name). */
export function parseEnvironment(input: unknown, name: string, source = `environment "${name}"`): Environment {
  const withName = input && typeof input === 'object' && !Array.isArray(input) ? { name, ...input } : input;
  const result = environmentSchema.safeParse(withName);
  if (!result.success) throw new ConfigError(source, byJob(describeIssues(result.error)));
  if (result.data.name !== name) {
    throw new ConfigError(source, [`name: is "${result.data.name}" but the file is named "${name}.json": the stack name comes from the file name, so make them equal or drop "name"`]);
  }
  return result.data;
}

/** Reads and validates environments/<name>.json; throws a ConfigError listing every bad field. */
export function loadEnvironment(path: string): Environment {
  const name = basename(path, extname(path));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot be read: ${e instanceof Error ? e.message : String(e)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, [`is not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  return parseEnvironment(json, name, path);
}

/** Every environments/*.json, validated; one ConfigError lists the problems of all bad files. */
export function loadEnvironments(dir: string): Environment[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new ConfigError(dir, ['holds no <name>.json environment file']);
  const envs: Environment[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      envs.push(loadEnvironment(join(dir, file)));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems.map((p) => `${file}: ${p}`));
    }
  }
  if (problems.length) throw new ConfigError(dir, problems);
  const bootstrapped = new Map<string, string>();
  for (const env of envs) {
    const state = env.stateBackend;
    if (state.type !== 'oss' || !state.bootstrap) continue;
    const other = bootstrapped.get(state.bucket);
    if (other) problems.push(`${env.name}.json: stateBackend.bootstrap: ${other}.json already bootstraps bucket "${state.bucket}"; set bootstrap to false here`);
    bootstrapped.set(state.bucket, env.name);
  }
  if (problems.length) throw new ConfigError(dir, problems);
  return envs;
}
