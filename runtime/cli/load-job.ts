import { readFileSync } from 'node:fs';
import { fromDataWorks } from '../config/dataworks/index.ts';
import { ossEndpoint } from '../config/endpoints.ts';
import { jobSchema, type JobConfig } from '../config/job.ts';
import { ConfigError, parseOrThrow } from '../config/validation.ts';
import type { Credentials } from '../tablestore/stream-client.ts';
import { jobConfigFor, loadEnvironment, type EnvironmentJob } from '../../stacks/config.ts';

// `--config` takes any of three shapes: a native job, a DataWorks OTSStream->OSS job script,
// or an environment file of the stacks (pick the job with --job).

export interface LoadedJob {
  job: JobConfig;
  shape: 'native' | 'dataworks' | 'environment';
  region?: string;
  /** Keys found in a DataWorks job; used for this run only, never written anywhere. */
  credentials?: Credentials;
  explicitWindow?: { startTimestampMillis?: number; endTimestampMillis?: number; date?: string };
  /** An environment file's entry: what the stack provisions beside the job (stream expiration, alarm...). */
  entry?: EnvironmentJob;
  notes: string[];
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadJob(path: string, jobName?: string, options: { utcOffsetMinutes?: number; timeZone?: string } = {}): LoadedJob {
  const json = readJson(path);
  if (!isObject(json)) throw new ConfigError(path, ['(root): expected a JSON object']);
  if ('steps' in json || 'job' in json) {
    const converted = fromDataWorks(json, { jobName, ...options, optionNames: { jobName: '--job', zone: '--utc-offset or --time-zone' } });
    const { accessKeyId, accessKeySecret, endpoint: _endpoint } = converted.connection;
    return {
      job: converted.job,
      shape: 'dataworks',
      credentials: accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : undefined,
      explicitWindow: converted.explicitWindow,
      notes: [...converted.report.filter((r) => r.status !== 'mapped').map((r) => `${r.field}: ${r.status}: ${r.note}`), ...converted.notes],
    };
  }
  if ('jobs' in json) {
    const env = loadEnvironment(path);
    const names = env.jobs.map((j) => j.name);
    const chosen = jobName ?? (names.length === 1 ? names[0] : undefined);
    const entry = env.jobs.find((j) => j.name === chosen);
    if (!entry) {
      throw new ConfigError(path, [`--job: choose one of ${names.join(', ')}${jobName ? ` (no job named "${jobName}")` : ''}`]);
    }
    const job = jobConfigFor(env, entry);
    // The stack gives the function OSS's internal endpoint, which answers only inside Alibaba Cloud; the
    // CLI runs anywhere, so it takes the public one unless the entry names an endpoint.
    const sink = entry.sink.endpoint ? job.sink : { ...job.sink, endpoint: ossEndpoint(env.region) };
    return { job: { ...job, sink }, shape: 'environment', region: env.region, entry, notes: [] };
  }
  return { job: parseOrThrow(jobSchema, json, path), shape: 'native', notes: [] };
}
