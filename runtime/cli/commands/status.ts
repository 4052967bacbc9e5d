import { readFileSync } from 'node:fs';
import { alarmThresholds } from '../../../stacks/alarm.ts';
import { StreamNotEnabledError } from '../../export/source.ts';
import type { Lease } from '../../export/status-store.ts';
import { TablestoreAccessError } from '../../tablestore/errors.ts';
import { backfillLogFor, runningOn, type BackfillProgress } from '../backfill-log.ts';
import { EXIT, intOption, positiveIntOption, requiredOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { formatBytes } from '../report.ts';
import type { LoadedJob } from '../load-job.ts';
import { jobOptions, jobOptionsUsage, openJobSession } from '../session.ts';
import { formatTable } from '../table.ts';

// What the status table says about each job: how far it got, how far behind now, each shard's
// checkpoint, who holds the lease, the last error, recent windows and backfills. Reads only.

export interface JobStatus {
  job: string;
  source: { instance: string; table: string; statusTable: string };
  sink: { bucket: string; object: string; format: string };
  windowMinutes: number;
  now: string;
  /**
   * never-run: no rows at all; no-checkpoints: windows were exported (before a reset, or by explicit runs and
   * backfills) but scheduled runs keep no place yet; failing: the last run ended in an error, or the stream
   * cannot be read now; behind: lagSeconds is above maxLagSeconds.
   */
  health: 'never-run' | 'no-checkpoints' | 'ok' | 'behind' | 'failing';
  /** Why the table's stream cannot be exported now (it is off, the table is missing...), found by describing it. */
  streamError?: string;
  /**
   * Why the stream could not be described (these keys may not, or the call failed): it says nothing of the
   * job, whose function reads with its own role, so health does not count it.
   */
  streamUnchecked?: string;
  /** Lag above which the job is behind: --max-lag, else the alarm's threshold of an environment file's job. */
  maxLagSeconds?: number;
  maxLagFrom?: string;
  /** What to do next, when the job is not ok. */
  next?: string;
  streamId?: string;
  firstWindowStart?: string;
  lastCompleteWindow?: string;
  lastCompleteWindowEnd?: string;
  /** Seconds from the end of the last complete window to now. */
  lagSeconds?: number;
  lastRunAt?: string;
  lastError?: { message: string; at?: string };
  /** owner and expiresAt only while someone holds it (a released lease keeps its fence). */
  lease?: { held: boolean; owner?: string; expiresAt?: string; fence: number };
  shards: Array<{ shardId: string; window: string; windowEnd: string; records: number; rows: number; rejected: number; objects: number; ended: boolean; updatedAt: string }>;
  windows: Array<{ id: string; state: string; records: number; rows: number; objects: number; bytes: number; rejected: number; attempts: number; startedAt: string; completedAt?: string }>;
  backfills: Array<{ id: string; windows: number; done: number; finished: boolean; interruptions: number; updatedAt: string; runningOn?: string }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The jobs `--config` holds: all of an environment file's unless --job picks one. */
function jobNames(path: string, chosen: string | undefined): Array<string | undefined> {
  if (chosen) return [chosen];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [undefined]; // openJobSession reports what is wrong with the file
  }
  const jobs = (json as { jobs?: unknown }).jobs;
  if (!Array.isArray(jobs)) return [undefined];
  const names = jobs.map((j) => (j as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
  return names.length ? names : [undefined];
}

function leaseStatus(lease: Lease, now: number): NonNullable<JobStatus['lease']> {
  const held = lease.owner !== '' && lease.expiresAt > now;
  return held ? { held, owner: lease.owner, expiresAt: iso(lease.expiresAt), fence: lease.fence } : { held, fence: lease.fence };
}

function backfillRow(p: BackfillProgress, now: number): JobStatus['backfills'][number] {
  const size = (p.to - p.from) / p.windows;
  const on = runningOn(p, now);
  return {
    id: p.id, windows: p.windows, done: Math.round((p.doneUntil - p.from) / size), finished: p.finishedAt !== undefined,
    interruptions: p.interruptions, updatedAt: iso(p.updatedAt), ...(on ? { runningOn: on } : {}),
  };
}

export async function readJobStatus(values: Values, name: string | undefined, recent: number): Promise<JobStatus> {
  const session = openJobSession({ ...values, job: name });
  const { job } = session.loaded;
  const now = Date.now();
  const read = <T>(what: string, fn: () => Promise<T>) => session.retry(what, fn);
  const [state, lease, shards, windows, backfills, stream] = await Promise.all([
    read('read job', () => session.store.getJob(job.name)),
    read('read lease', () => session.store.readLease(job.name)),
    read('read checkpoints', () => session.store.getShards(job.name)),
    read('read windows', () => session.store.listWindows(job.name, recent)),
    read('read backfills', () => backfillLogFor(job, session.endpoints.tablestore, session.credentials).list(job.name, 5)),
    // What the next run finds: a stream that is off or a table that is gone fails it before it records anything.
    read('describe stream', () => session.source.describe()).then(
      (d) => ({ streamId: d.streamId }),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        return failsTheJob(error) ? { error: message } : { unchecked: message };
      },
    ),
  ]);
  const lagSeconds = state?.lastCompleteWindowEnd !== undefined ? Math.round((now - state.lastCompleteWindowEnd) / 1000) : undefined;
  const threshold = maxLag(values, session.loaded);
  const streamError = 'error' in stream ? stream.error
    : 'streamId' in stream && state && stream.streamId !== state.streamId ? `the table's stream is now ${stream.streamId}, not ${state.streamId}: it was disabled and re-enabled, and the next run fails`
    : undefined;
  const health: JobStatus['health'] = streamError || state?.lastError ? 'failing'
    : !state ? (windows.length ? 'no-checkpoints' : 'never-run')
    : threshold && lagSeconds !== undefined && lagSeconds > threshold.seconds ? 'behind' : 'ok';
  return {
    job: job.name,
    source: { instance: job.source.instance, table: job.source.table, statusTable: job.source.statusTable },
    sink: { bucket: job.sink.bucket, object: job.sink.object, format: job.sink.fileFormat },
    windowMinutes: job.window.sizeMinutes,
    now: iso(now),
    health,
    ...(streamError ? { streamError } : {}),
    ...('unchecked' in stream ? { streamUnchecked: stream.unchecked } : {}),
    ...(threshold ? { maxLagSeconds: threshold.seconds, maxLagFrom: threshold.from } : {}),
    ...nextStep(health, values, session.loaded, streamError !== undefined),
    streamId: state?.streamId,
    firstWindowStart: state ? iso(state.firstWindowStart) : undefined,
    lastCompleteWindow: state?.lastCompleteWindowId,
    lastCompleteWindowEnd: state?.lastCompleteWindowEnd !== undefined ? iso(state.lastCompleteWindowEnd) : undefined,
    lagSeconds,
    lastRunAt: state?.lastRunAt !== undefined ? iso(state.lastRunAt) : undefined,
    lastError: state?.lastError ? { message: state.lastError, at: state.lastErrorAt !== undefined ? iso(state.lastErrorAt) : undefined } : undefined,
    lease: lease ? leaseStatus(lease, now) : undefined,
    shards: shards.map((c) => ({
      shardId: c.shardId, window: c.windowId, windowEnd: iso(c.windowEnd), records: c.records, rows: c.rows, rejected: c.rejected,
      objects: c.objects.length, ended: c.ended, updatedAt: iso(c.updatedAt),
    })),
    windows: windows.map((w) => ({
      id: w.windowId, state: w.state, records: w.records, rows: w.rows, objects: w.objects, bytes: w.bytes, rejected: w.rejected,
      attempts: w.attempts, startedAt: iso(w.startedAt), completedAt: w.completedAt !== undefined ? iso(w.completedAt) : undefined,
    })),
    backfills: backfills.map((b) => backfillRow(b, now)),
  };
}

/** What the stream says fails the next run too, whatever keys it runs with: a stream that is off, a table that is gone. */
function failsTheJob(error: unknown): boolean {
  return error instanceof StreamNotEnabledError || (error instanceof TablestoreAccessError && error.field === 'source.table');
}

/** --max-lag, else the lag the alarm of an environment file's job fires at (stated, or derived as the stack does). */
function maxLag(values: Values, loaded: LoadedJob): { seconds: number; from: string } | undefined {
  const minutes = positiveIntOption(values, 'max-lag');
  if (minutes !== undefined) return { seconds: minutes * 60, from: '--max-lag' };
  if (!loaded.entry) return undefined;
  const thresholds = alarmThresholds(loaded.entry);
  if ('problem' in thresholds) return undefined;
  return { seconds: thresholds.maxLagSeconds, from: loaded.entry.alarm.maxLagMinutes !== undefined ? 'alarm.maxLagMinutes' : 'the alarm\'s default' };
}

function nextStep(health: JobStatus['health'], values: Values, loaded: LoadedJob, streamFails: boolean): { next?: string } {
  const config = `--config ${stringOption(values, 'config')}${loaded.shape === 'environment' ? ` --job ${loaded.job.name}` : ''}`;
  const run = `\`ots2oss run ${config}\``;
  const startFrom = `window.startFrom (${loaded.job.window.startFrom})`;
  switch (health) {
    case 'ok':
      return {};
    case 'never-run':
      return { next: `${run} exports the due windows from ${startFrom}; deployed, the function does so on its schedule` };
    case 'no-checkpoints':
      return { next: `the next run starts from ${startFrom}, as after a reset: ${run}` };
    case 'behind':
      return { next: `${run} catches up now (--max-windows N for a few at a time); check that the function runs on its schedule and that its runs finish within function.timeoutSeconds (its logs)` };
    case 'failing':
      return { next: streamFails
        ? `fix what the stream check says, then ${run}`
        : `fix what the last error says, then ${run} (the function tries again on its next tick)` };
  }
}

function healthText(s: JobStatus): string {
  const lag = s.lagSeconds !== undefined ? `lag ${lagText(s.lagSeconds)}` : undefined;
  const limit = s.maxLagSeconds !== undefined ? `behind above ${lagText(s.maxLagSeconds)} (${s.maxLagFrom})` : 'give --max-lag MIN to judge the lag';
  switch (s.health) {
    case 'failing':
      return `FAILING: ${s.streamError ? 'the stream cannot be exported now' : `the last run failed${s.lastError?.at ? ` at ${seconds(s.lastError.at)}` : ''}`}`;
    case 'behind':
      return `BEHIND: ${lag}, ${limit}`;
    case 'ok':
      return `ok${lag ? `: ${lag}; ${limit}` : ''}`;
    case 'never-run':
      return 'never run';
    case 'no-checkpoints':
      return 'no checkpoints';
  }
}

function lagText(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const seconds = (text: string | undefined) => (text ? text.replace(/\.\d{3}Z$/, 'Z') : undefined);

export function formatJobStatus(s: JobStatus): string {
  const lines = [
    `job ${s.job}: ${s.source.instance}/${s.source.table} -> oss://${s.sink.bucket}/${s.sink.object} (${s.sink.format}, ${s.windowMinutes}-minute windows)`,
  ];
  const field = (label: string, value: string) => lines.push(`  ${label.padEnd(22)}${value}`);
  field('health', healthText(s));
  if (s.streamError) field('stream check', s.streamError);
  else if (s.streamUnchecked) field('stream check', `unavailable: ${s.streamUnchecked}`);
  if (s.next) field('next', s.next);
  if (!s.firstWindowStart && !s.windows.length) {
    field('state', `no rows for this job in status table ${s.source.statusTable}`);
  } else if (!s.firstWindowStart) {
    field('state', 'no checkpoints (reset, or only explicit runs and backfills so far); the windows below were exported');
  } else {
    field('last complete window', s.lastCompleteWindow
      ? `${s.lastCompleteWindow} (ended ${seconds(s.lastCompleteWindowEnd)}), lag ${lagText(s.lagSeconds ?? 0)}`
      : `none yet (the job starts at ${seconds(s.firstWindowStart)})`);
    field('last run', `${seconds(s.lastRunAt) ?? '-'}, ${s.lastError ? 'FAILED' : 'ok'}`);
    if (s.lastError) field('last error', `${s.lastError.message}${s.lastError.at ? ` (at ${seconds(s.lastError.at)})` : ''}`);
    field('stream', s.streamId ?? '-');
  }
  const lease = s.lease;
  field('lease', !lease ? 'never taken'
    : lease.held ? `held by ${lease.owner} until ${seconds(lease.expiresAt)} (fence ${lease.fence})`
    : `free (fence ${lease.fence})`);
  if (s.shards.length) {
    lines.push(`  shards (${s.shards.length})`);
    lines.push(formatTable(['SHARD', 'WINDOW', 'RECORDS', 'ROWS', 'OBJECTS', 'ENDED', 'UPDATED'],
      s.shards.map((c) => [c.shardId, c.window, c.records, c.rows, c.objects, c.ended ? 'yes' : 'no', seconds(c.updatedAt)]), '    '));
  }
  if (s.windows.length) {
    lines.push(`  recent windows (${s.windows.length}, newest first)`);
    lines.push(formatTable(['WINDOW', 'STATE', 'RECORDS', 'ROWS', 'OBJECTS', 'BYTES', 'ATTEMPTS', 'COMPLETED'],
      s.windows.map((w) => [w.id, w.state, w.records, w.rows, w.objects, formatBytes(w.bytes), w.attempts, seconds(w.completedAt)]), '    '));
  }
  if (s.backfills.length) {
    lines.push('  backfills');
    lines.push(formatTable(['RANGE', 'DONE', 'STATE', 'INTERRUPTIONS', 'UPDATED'],
      s.backfills.map((b) => [b.id, `${b.done}/${b.windows}`, b.finished ? 'finished' : b.runningOn ? `running on ${b.runningOn}` : 'unfinished', b.interruptions, seconds(b.updatedAt)]), '    '));
  }
  return lines.join('\n');
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'show each job\'s progress: last complete window, lag, shard checkpoints, lease, errors',
  usage: [
    'Usage: ots2oss status --config FILE [--job NAME] [--windows N] [--json]',
    '',
    'Reads the status table and describes the table\'s stream (nothing is changed): per job, its health (ok,',
    'behind, failing) and what to do next, the last complete window and how far it trails now, the last run and',
    'its error, the lease and its holder, each shard\'s checkpoint, the most recent windows (records, rows,',
    'objects, attempts) and backfills. With an environment file and no --job, every job in it.',
    '',
    jobOptionsUsage,
    '      --windows N     recent windows to list (default 10)',
    '      --max-lag MIN   a lag above this is "behind" (default: the alarm\'s threshold, for a job of an environment file)',
    '      --json          {"jobs": [...]} on stdout for scripts (lagSeconds, lease.held, shards, windows, ...)',
    '',
    'Exit codes: 0 reported (whatever each job\'s health; see "health" in --json), 1 the status table could not',
    'be read, 2 usage, 3 configuration.',
  ].join('\n'),
  options: { ...jobOptions, windows: { type: 'string' }, 'max-lag': { type: 'string' }, json: { type: 'boolean' } },
  async run(values) {
    const path = requiredOption(values, 'config', 'the job, DataWorks job or environment file to report on (see --help)');
    const recent = intOption(values, 'windows') ?? 10;
    if (recent < 1 || recent > 1000) throw new UsageError('--windows must be between 1 and 1000');
    positiveIntOption(values, 'max-lag');
    const statuses: JobStatus[] = [];
    for (const name of jobNames(path, stringOption(values, 'job'))) statuses.push(await readJobStatus(values, name, recent));
    console.log(values.json ? JSON.stringify({ jobs: statuses }, null, 2) : statuses.map(formatJobStatus).join('\n\n'));
    return EXIT.ok;
  },
};
