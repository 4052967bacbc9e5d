import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fromDataWorks, type DataWorksTranslation, type ReportEntry } from '../../config/dataworks/index.ts';
import type { JobConfig } from '../../config/job.ts';
import { firstWindowNotHeld, streamSpan } from '../../core/stream-span.ts';
import { explicitWindows, type TimeWindow } from '../../core/window.ts';
import { ConfigError } from '../../config/validation.ts';
import { loadEnvironment, parseEnvironment, type EnvironmentJob } from '../../../stacks/config.ts';
import { ossInternalEndpoint, otsEndpoint, regionOfEndpoint } from '../../../stacks/naming.ts';
import { EXIT, stringOption, UsageError, type Command } from '../command.ts';
import { formatTable } from '../table.ts';
import { zoneOptions } from '../session.ts';

// Turns a DataWorks OTSStream -> OSS job script into a job entry of an environment file (what the
// stacks deploy), with a field-by-field report. AccessKeys in the script never reach the output.

const DEFAULT_SCHEDULE = '@every 5m';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot be read: ${(error as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

const host = (url: string) => new URL(url).host.toLowerCase();

export interface EntryOptions {
  /** The environment's region; endpoints that are its defaults are left out. */
  region?: string;
  schedule: string;
  /** The status table came from the DataWorks job, so it exists already. */
  statusTableExists: boolean;
}

/** The environment-file job entry for a converted job, and what the conversion decided. */
export function environmentEntry(job: JobConfig, options: EntryOptions): { entry: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const { region } = options;
  const source: Record<string, unknown> = { instance: job.source.instance, table: job.source.table, statusTable: job.source.statusTable };
  if (job.source.endpoint && region && host(job.source.endpoint) === host(otsEndpoint(job.source.instance, region))) {
    notes.push(`source.endpoint left out: it is the default for ${region}`);
  } else if (job.source.endpoint) {
    source.endpoint = job.source.endpoint;
  }
  if (options.statusTableExists) {
    source.createStatusTable = false;
    notes.push(`source.createStatusTable false: the DataWorks status table ${job.source.statusTable} exists; ots2oss keeps its own rows in it (StreamId "ots2oss:${job.name}")`);
  }
  notes.push('source.streamExpirationHours 24 (the default): the stack sets the stream\'s expiration at deploy; set the table\'s current value to keep it');
  const { endpoint: sinkEndpoint, ...sink } = job.sink;
  const sinkEntry: Record<string, unknown> = { ...sink };
  const ossRegion = regionOfEndpoint(sinkEndpoint);
  if (sinkEndpoint && region && ossRegion === region) {
    notes.push(`sink.endpoint left out: the function writes through ${ossInternalEndpoint(region)}, inside the region`);
  } else if (sinkEndpoint) {
    sinkEntry.endpoint = sinkEndpoint;
    if (ossRegion && !region) notes.push(`sink.endpoint kept; inside ${ossRegion} the function can use ${ossInternalEndpoint(ossRegion)} instead (import with --env to decide it)`);
  }
  for (const [what, url] of [['source.endpoint', job.source.endpoint], ['sink.endpoint', sinkEndpoint]] as const) {
    const other = regionOfEndpoint(url);
    if (region && other && other !== region) notes.push(`${what} is in ${other} but the environment is in ${region}: the endpoint is kept and the function runs in ${region}`);
  }
  if (job.window.startFrom === 'earliest') {
    notes.push('window.startFrom "earliest": the first run starts at the oldest window the stream still holds whole (records within about 10 minutes of expiring are left out), which DataWorks may have exported already; set an ISO time (the end of DataWorks\' last run) to continue without overlap');
  }
  notes.push(`schedule ${options.schedule}: the job script does not carry DataWorks' schedule; each run exports every window that is due`);
  return {
    entry: { name: job.name, source, window: job.window, reader: job.reader, sink: sinkEntry, speed: job.speed, schedule: options.schedule },
    notes,
  };
}

export function formatReport(report: ReportEntry[]): string {
  const lines: string[] = [];
  for (const status of ['mapped', 'ignored', 'unsupported'] as const) {
    const entries = report.filter((r) => r.status === status);
    if (!entries.length) continue;
    lines.push(`${status} (${entries.length}):`);
    lines.push(formatTable(['FIELD', 'NOTE'], entries.map((e) => [e.field, e.note])));
  }
  return lines.join('\n');
}

/** The longest a stream keeps records (Tablestore's limit): a range older than this is surely gone. */
const MAX_EXPIRATION_HOURS = 168;

export interface RangeNoteOptions {
  envPath?: string;
  /** The entry's source.streamExpirationHours: what the stack sets the stream's expiration to. */
  expirationHours: number;
  nowMs: number;
}

/**
 * What to do with the one range a DataWorks job exported. A backfill reads it from the stream, which
 * holds only its expiration's worth and nothing from before it was enabled: offered only as a condition,
 * and not at all for a range no stream can still hold.
 */
export function fixedRangeNote(t: Pick<DataWorksTranslation, 'explicitWindow' | 'job'>, options: RangeNoteOptions): string | undefined {
  const w = t.explicitWindow;
  if (!w) return undefined;
  const size = t.job.window.sizeMinutes;
  const windows = explicitWindows(w, size);
  const [startMs, endMs] = [(windows[0] as TimeWindow).start, (windows.at(-1) as TimeWindow).end];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const [from, to] = w.date ? [day(startMs), day(endMs)] : [new Date(startMs).toISOString(), new Date(endMs).toISOString()];
  const range = `the DataWorks job exports one fixed range, [${from}, ${to}); the environment job runs continuously`;
  const longest = streamSpan({ expirationHours: MAX_EXPIRATION_HOURS }, options.nowMs);
  if (firstWindowNotHeld(windows, longest, size)) {
    return `${range}. That range ${endMs <= longest.oldestAvailableMs ? 'is' : 'begins'} more than ${MAX_EXPIRATION_HOURS} h back, ` +
      'longer than any stream keeps records: ots2oss cannot export it from the stream (what DataWorks wrote of it stays in OSS)';
  }
  const pastDeployed = firstWindowNotHeld(windows, streamSpan({ expirationHours: options.expirationHours }, options.nowMs), size)
    ? ` It is older than ${options.expirationHours} h: held only if the stream's expiration is longer now, and not once a deploy sets ${options.expirationHours} h, so export it first.`
    : '';
  return `${range}. It can be exported once from the stream only if the stream still holds it: a stream keeps records for its ` +
    `expiration (source.streamExpirationHours ${options.expirationHours} h here, set at deploy; at most ${MAX_EXPIRATION_HOURS} h) ` +
    `and none from before it was enabled, and backfill refuses a range it does not hold whole.${pastDeployed} If it does: ` +
    `ots2oss backfill --config ${options.envPath ?? 'ENV_FILE'} --job ${t.job.name} --from ${from} --to ${to}`;
}

/** Validates the entry as the stacks will, naming its fields; returns the environment with it added, and the entry parsed. */
function withEntry(envPath: string | undefined, raw: Record<string, unknown> | undefined, entry: Record<string, unknown>, region: string | undefined): { env: Record<string, unknown>; job: EnvironmentJob } {
  const jobs = Array.isArray(raw?.jobs) ? (raw.jobs as unknown[]) : [];
  if (jobs.some((j) => (j as { name?: unknown }).name === entry.name)) {
    throw new ConfigError(envPath ?? 'environment', [`jobs: already has a job named "${String(entry.name)}"; import it under another name with --name NAME`]);
  }
  const env = raw ? { ...raw, jobs: [...jobs, entry] } : { region: region ?? 'cn-hangzhou', jobs: [entry] };
  const name = envPath ? basename(envPath, extname(envPath)) : 'imported';
  const parsed = parseEnvironment(env, name, envPath ? `${envPath} with the imported job` : 'the imported job entry');
  return { env, job: parsed.jobs.at(-1) as EnvironmentJob };
}

export const importDataWorksCommand: Command = {
  name: 'import-dataworks',
  summary: 'turn a DataWorks OTSStream->OSS job script into an environment file job',
  usage: [
    'Usage: ots2oss import-dataworks JOB.json [--env FILE [--write]] [--name NAME] [--schedule EXPR] [--utc-offset MIN | --time-zone ZONE]',
    '',
    'Reads a DataWorks batch-sync job (code editor "steps", version 1.0 "configuration", or DataX "job.content")',
    'and prints the job entry for an environment file on stdout, with a report on stderr of each field:',
    'mapped (and to what), ignored, or unsupported. AccessKeys in the script are dropped, never written.',
    '',
    '  --env FILE        the environment file the job goes into: its region decides default endpoints, and',
    '                    the entry is checked together with the file\'s other jobs',
    '  --write           add the entry to --env FILE (refused if a job of that name exists)',
    '  --name NAME       the job name (default: from the table name)',
    '  --schedule EXPR   FC timer of the job (default "@every 5m")',
    '  --utc-offset MIN  the zone DataWorks ran in, minutes east of UTC (e.g. 480): its date/time strings are',
    '                    read in it, and it becomes sink.timeZone (prefixes as DataWorks wrote them)',
    '  --time-zone ZONE  the same by name: "+08:00", or an IANA zone such as "Europe/Berlin" (daylight saving time)',
    '',
    'Exit codes: 0 converted, 2 usage, 3 the job script or environment file is invalid (each field named).',
  ].join('\n'),
  options: {
    env: { type: 'string' },
    write: { type: 'boolean' },
    name: { type: 'string' },
    schedule: { type: 'string' },
    'utc-offset': { type: 'string' },
    'time-zone': { type: 'string' },
  },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError(`give exactly one DataWorks job file (JOB.json), got ${positionals.length}; see --help`);
    const envPath = stringOption(values, 'env');
    if (values.write && !envPath) throw new UsageError('--write needs --env FILE: the environment file to add the job to');
    const source = positionals[0]!;
    const { utcOffsetMinutes, timeZone } = zoneOptions(values);
    const translation = fromDataWorks(readJson(source), { jobName: stringOption(values, 'name'), optionNames: { jobName: '--name', zone: '--utc-offset or --time-zone' }, utcOffsetMinutes, timeZone });
    const env = envPath ? loadEnvironment(envPath) : undefined;
    const raw = envPath ? (readJson(envPath) as Record<string, unknown>) : undefined;
    const region = env?.region ?? regionOfEndpoint(translation.job.source.endpoint) ?? regionOfEndpoint(translation.job.sink.endpoint);
    const { entry, notes } = environmentEntry(translation.job, {
      region: env?.region,
      schedule: stringOption(values, 'schedule') ?? DEFAULT_SCHEDULE,
      statusTableExists: translation.report.some((r) => r.field.endsWith('.statusTable') && r.status === 'mapped'),
    });
    notes.push(...translation.notes);
    const { env: merged, job: parsed } = withEntry(envPath, raw, entry, region);
    const range = fixedRangeNote(translation, { envPath, expirationHours: parsed.source.streamExpirationHours, nowMs: Date.now() });
    if (range) notes.push(range);

    const err = (text: string) => process.stderr.write(text + '\n');
    const keys = translation.keyFields;
    if (keys.length) {
      err(`warning: AccessKey fields ${keys.join(', ')} were dropped and are not in the output. The deployed function uses its ` +
        'RAM role; the CLI uses ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET or --profile. Rotate a key that was kept in a job file.');
    }
    const report = `${formatReport(translation.report)}\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`;
    if (values.write && envPath) {
      writeFileSync(envPath, JSON.stringify(merged, null, 2) + '\n');
      console.log(`${report}\n\nadded job "${String(entry.name)}" to ${envPath}; review it, then deploy with the stacks`);
    } else {
      err(report);
      console.log(JSON.stringify(entry, null, 2));
    }
    return EXIT.ok;
  },
};
