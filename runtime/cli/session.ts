import { connectJob, endpointsFor, type Endpoints, type JobAdapters } from '../export/connect.ts';
import { createRetrier, explainingFailures, REFUSED_CONNECTION_RETRIES, type Retrier } from '../export/retrier.ts';
import type { Credentials } from '../tablestore/stream-client.ts';
import { createLogger, silentLogger, type Logger } from '../util/logger.ts';
import { fixedZone, timeZoneOf, utcOffsetProblem, zoneOf, type TimeZone } from '../core/time-zone.ts';
import { intOption, positiveIntOption, stringOption, UsageError, type Options, type Values } from './command.ts';
import { requireCredentials } from './credentials.ts';
import { describeKeys, explainJobError } from './explain.ts';
import { loadJob, type LoadedJob } from './load-job.ts';

// What every job command does first: load the job, find credentials, build the adapters.

export const jobOptions: Options = {
  config: { type: 'string', short: 'c' },
  job: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  timeout: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  'utc-offset': { type: 'string' },
  'time-zone': { type: 'string' },
};

export const DEFAULT_TIMEOUT_SECONDS = 600;

/** The help of jobOptions; a command that reads --timeout its own way describes it instead. */
export function jobOptionsHelp(
  timeout = `      --timeout SEC   stop starting new work after this long (default ${DEFAULT_TIMEOUT_SECONDS})`,
): string {
  return [
    '  -c, --config FILE   a native job, a DataWorks OTSStream->OSS job script, or an environment file',
    '      --job NAME      the job to use from an environment file (needed if it has several)',
    '      --region ID     region for default endpoints (else ALIBABA_CLOUD_REGION or the file\'s)',
    '      --profile NAME  credentials from ~/.aliyun/config.json instead of ALIBABA_CLOUD_* variables',
    timeout,
    '  -v, --verbose       JSON-line logs on stderr',
    '      --utc-offset MIN the zone a DataWorks script ran in, minutes east of UTC (480 = UTC+8): its date and time',
    '                       strings are read in it, and it becomes sink.timeZone',
    '      --time-zone ZONE the same by name: "+08:00", or an IANA zone such as "Europe/Berlin" (daylight saving time)',
    '                       (either one also names the zone of a day given on the command line; else the job\'s sink.timeZone)',
  ].join('\n');
}

export const jobOptionsUsage = jobOptionsHelp();

export interface JobSession extends JobAdapters {
  loaded: LoadedJob;
  retry: Retrier;
  logger: Logger;
  deadline: number;
  credentials: Credentials;
  /** Where the adapters connect; commands that need another client (verify, backfill progress) use them. */
  endpoints: Endpoints;
  /** The zone a day on the command line is read in: --utc-offset/--time-zone, else the job's sink.timeZone. */
  dayZone: TimeZone;
  /** The failure in the job's terms (field, value, fix); `retry` applies it, calls made without it use this. */
  explain(error: unknown): unknown;
}

export function openJobSession(values: Values, defaults: { configPath?: string } = {}): JobSession {
  const configPath = stringOption(values, 'config') ?? defaults.configPath;
  if (!configPath) throw new UsageError('--config FILE is required: the job to run (see --help)');
  const { utcOffsetMinutes, timeZone, zone } = zoneOptions(values);
  const loaded = loadJob(configPath, stringOption(values, 'job'), { utcOffsetMinutes, timeZone });
  for (const note of loaded.notes) process.stderr.write(`note: ${note}\n`);
  const found = loaded.credentials
    ? { credentials: loaded.credentials, region: undefined, source: 'accessId and accessKey in the DataWorks job script' }
    : requireCredentials(process.env, stringOption(values, 'profile'));
  const region = stringOption(values, 'region') ?? process.env.ALIBABA_CLOUD_REGION ?? loaded.region ?? found.region;
  const logger = createLogger({
    level: values.verbose ? 'debug' : 'warn',
    write: (line) => process.stderr.write(line + '\n'),
  });
  const deadline = Date.now() + (positiveIntOption(values, 'timeout') ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const endpoints = endpointsFor(loaded.job, region);
  const explain = (error: unknown) => explainJobError(error, {
    loaded, endpoints, profile: stringOption(values, 'profile'), credentials: describeKeys(found.credentials.accessKeyId, found.source),
  });
  // Each retry is a log line: an operator sees them with -v; without it, the outcome only.
  const retry = explainingFailures(createRetrier({
    maxRetries: loaded.job.reader.maxRetries, logger: values.verbose ? logger : silentLogger, deadline, refusedConnectionRetries: REFUSED_CONNECTION_RETRIES,
  }), explain);
  const adapters = connectJob(loaded.job, endpoints, found.credentials, retry, logger);
  const dayZone = zone ?? zoneOf(loaded.job.sink.timeZone);
  return { ...adapters, loaded, retry, logger, deadline, credentials: found.credentials, endpoints, dayZone, explain };
}

export interface ZoneOptions {
  utcOffsetMinutes?: number;
  timeZone?: string;
  /** The zone either option names; undefined when neither is given. */
  zone?: TimeZone;
}

/** --utc-offset MIN or --time-zone ZONE (not both), checked here: the zone DataWorks dates and times are read in. */
export function zoneOptions(values: Values): ZoneOptions {
  const utcOffsetMinutes = intOption(values, 'utc-offset');
  const timeZone = stringOption(values, 'time-zone');
  if (utcOffsetMinutes !== undefined && timeZone !== undefined) throw new UsageError('give --utc-offset or --time-zone, not both');
  if (utcOffsetMinutes !== undefined) {
    const problem = utcOffsetProblem(utcOffsetMinutes);
    if (problem) throw new UsageError(`--utc-offset ${utcOffsetMinutes}: ${problem}`);
    return { utcOffsetMinutes, zone: fixedZone(utcOffsetMinutes) };
  }
  if (timeZone === undefined) return {};
  const zone = timeZoneOf(timeZone);
  if (!zone) throw new UsageError(`--time-zone ${timeZone}: give "UTC", an offset such as "+08:00" or an IANA zone such as "Europe/Berlin"`);
  return { timeZone, zone };
}
