import { readFileSync } from 'node:fs';
import type { Lease } from '../../export/status-store.ts';
import { backfillLogFor, runningOn, type BackfillProgress } from '../backfill-log.ts';
import { EXIT, intOption, requiredOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { formatBytes } from '../report.ts';
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
  /** never-run: no state yet; failing: the last run ended in an error. */
  health: 'never-run' | 'ok' | 'failing';
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
  const [state, lease, shards, windows, backfills] = await Promise.all([
    read('read job', () => session.store.getJob(job.name)),
    read('read lease', () => session.store.readLease(job.name)),
    read('read checkpoints', () => session.store.getShards(job.name)),
    read('read windows', () => session.store.listWindows(job.name, recent)),
    read('read backfills', () => backfillLogFor(job, session.endpoints.tablestore, session.credentials).list(job.name, 5)),
  ]);
  return {
    job: job.name,
    source: { instance: job.source.instance, table: job.source.table, statusTable: job.source.statusTable },
    sink: { bucket: job.sink.bucket, object: job.sink.object, format: job.sink.fileFormat },
    windowMinutes: job.window.sizeMinutes,
    now: iso(now),
    health: !state ? 'never-run' : state.lastError ? 'failing' : 'ok',
    streamId: state?.streamId,
    firstWindowStart: state ? iso(state.firstWindowStart) : undefined,
    lastCompleteWindow: state?.lastCompleteWindowId,
    lastCompleteWindowEnd: state?.lastCompleteWindowEnd !== undefined ? iso(state.lastCompleteWindowEnd) : undefined,
    lagSeconds: state?.lastCompleteWindowEnd !== undefined ? Math.round((now - state.lastCompleteWindowEnd) / 1000) : undefined,
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
  if (s.health === 'never-run') {
    field('state', `never run: no rows for this job in status table ${s.source.statusTable}`);
  } else {
    field('last complete window', s.lastCompleteWindow
      ? `${s.lastCompleteWindow} (ended ${seconds(s.lastCompleteWindowEnd)}), lag ${lagText(s.lagSeconds ?? 0)}`
      : `none yet (the job starts at ${seconds(s.firstWindowStart)})`);
    field('last run', `${seconds(s.lastRunAt) ?? '-'}, ${s.health === 'ok' ? 'ok' : 'FAILED'}`);
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
    'Reads the status table (nothing is changed): per job, the last complete window and how far it trails',
    'now, the last run and its error, the lease and its holder, each shard\'s checkpoint, the most recent',
    'windows (records, rows, objects, attempts) and backfills. With an environment file and no --job,',
    'every job in it.',
    '',
    jobOptionsUsage,
    '      --windows N     recent windows to list (default 10)',
    '      --json          {"jobs": [...]} on stdout for scripts (lagSeconds, lease.held, shards, windows, ...)',
    '',
    'Exit codes: 0 reported (whatever each job\'s health; see "health" in --json), 1 the status table could not',
    'be read, 2 usage, 3 configuration.',
  ].join('\n'),
  options: { ...jobOptions, windows: { type: 'string' }, json: { type: 'boolean' } },
  async run(values) {
    const path = requiredOption(values, 'config', 'the job, DataWorks job or environment file to report on (see --help)');
    const recent = intOption(values, 'windows') ?? 10;
    if (recent < 1 || recent > 1000) throw new UsageError('--windows must be between 1 and 1000');
    const statuses: JobStatus[] = [];
    for (const name of jobNames(path, stringOption(values, 'job'))) statuses.push(await readJobStatus(values, name, recent));
    console.log(values.json ? JSON.stringify({ jobs: statuses }, null, 2) : statuses.map(formatJobStatus).join('\n\n'));
    return EXIT.ok;
  },
};
