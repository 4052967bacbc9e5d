import { randomUUID } from 'node:crypto';
import { RUN_RESERVE_MS, type JobConfig } from '../config/job.ts';
import { ConfigError } from '../config/validation.ts';
import { dueWindows, firstWindowStart as startOfJob, oldestWholeWindowStart, windowId, windowOf, windowPrefix, type TimeWindow } from '../core/window.ts';
import type { OssSink } from '../oss/sink.ts';
import { silentLogger, type Logger } from '../util/logger.ts';
import { firstWindowNotHeld, streamSpan, WindowNotHeldError, type StreamSpan } from '../core/stream-span.ts';
import { createRetrier, type Retrier } from './retrier.ts';
import { DeadlineReachedError } from './shard-reader.ts';
import type { RecordBatch, StreamDescription, StreamSource } from './source.ts';
import { LeaseLostError, StaleFenceError, type JobState, type Lease, type StatusStore } from './status-store.ts';
import { exportWindow, type Window, type WindowResult } from './window-export.ts';

// One tick of a job: take the lease, export every due window in order until the deadline, release.

export interface ExportDeps {
  job: JobConfig;
  source: StreamSource;
  sink: OssSink;
  store: StatusStore;
  logger?: Logger;
  now?: () => number;
  /** Epoch ms by which the run must have returned. */
  deadline: number;
  /** Time kept back at the end of the run to abort uploads and release the lease. */
  reserveMs?: number;
  owner?: string;
  /** Export exactly these windows (backfill, DataWorks start/end), leaving the job's checkpoints alone. */
  windows?: TimeWindow[];
  maxWindows?: number;
  /** How the run waits (retry backoff, window.lingerSeconds); a simulated clock moves on instead. */
  sleep?: (ms: number) => Promise<void>;
  /** The retry policy the adapters were built with, so one run counts all its retries. */
  retry?: Retrier;
}

export type StopReason = 'caught-up' | 'deadline' | 'lease-held' | 'behind' | 'max-windows' | 'error';

export interface RunSummary {
  job: string;
  owner: string;
  ok: boolean;
  stoppedBecause: StopReason;
  windows: Array<Omit<WindowResult, 'window'> & { id: string; start: string; end: string }>;
  records: number;
  rows: number;
  bytes: number;
  objects: number;
  retries: number;
  /** Seconds from the end of the last complete window to now: how far OSS trails the table. */
  lagSeconds?: number;
  lastCompleteWindow?: string;
  durationMs: number;
  error?: { name: string; message: string };
}

export class StreamChangedError extends Error {
  constructor(job: string, was: string, now: string) {
    super(
      `job ${job}: the table's stream changed from ${was} to ${now} (the stream was disabled and re-enabled), ` +
        'so records between the last checkpoint and the re-enable are gone. Export from the new stream with ' +
        '`ots2oss reset --config <job file> --yes` after checking what was lost',
    );
    this.name = 'StreamChangedError';
  }
}

/** A run's lease outlasts its deadline by this, so a run that overruns a little still holds it. */
export const LEASE_MARGIN_MS = 60_000;

export async function runExport(deps: ExportDeps): Promise<RunSummary> {
  const now = deps.now ?? Date.now;
  const started = now();
  const owner = deps.owner ?? randomUUID();
  const logger = (deps.logger ?? silentLogger).child({ job: deps.job.name, owner });
  const reserveMs = deps.reserveMs ?? RUN_RESERVE_MS;
  const deadline = deps.deadline - reserveMs;
  const retry = deps.retry ?? createRetrier({ maxRetries: deps.job.reader.maxRetries, logger, deadline, sleep: deps.sleep });
  const summary: RunSummary = {
    job: deps.job.name, owner, ok: true, stoppedBecause: 'caught-up', windows: [],
    records: 0, rows: 0, bytes: 0, objects: 0, retries: 0, durationMs: 0,
  };
  const ttl = Math.max(deps.deadline - started, 0) + LEASE_MARGIN_MS;
  const taken = await retry('acquire lease', () => deps.store.acquireLease(deps.job.name, owner, ttl, now()));
  // A grant whose answer was lost, then retried, reads back as held by this very run: it is ours.
  if (!taken.acquired && taken.heldBy.owner !== owner) {
    logger.info('another invocation holds the lease; nothing to do', { heldBy: taken.heldBy.owner, until: new Date(taken.heldBy.expiresAt).toISOString() });
    return finish({ ...summary, stoppedBecause: 'lease-held' });
  }
  let lease: Lease = taken.acquired ? taken.lease : taken.heldBy;
  const keepLease = async () => {
    lease = await retry('renew lease', () => deps.store.renewLease(deps.job.name, lease, ttl, now()));
  };

  let state: JobState | undefined;
  try {
    const stream = await retry('describe stream', () => deps.source.describe());
    // One instant for the start a first run sets and the gap check, so a start at the bound is not a gap ms later.
    const describedAt = now();
    const span = streamSpan(stream, describedAt);
    state = await prepareJob(deps, stream, span, describedAt, retry, lease.fence, logger);
    // Checked here rather than in prepareJob so that the failure lands in the job's state (lastError).
    if (state.streamId !== stream.streamId) throw new StreamChangedError(deps.job.name, state.streamId, stream.streamId);
    const windows = deps.windows ? deps.windows.slice(0, deps.maxWindows) : dueWindows({
      lastCompleteEnd: state.lastCompleteWindowEnd,
      firstWindowStart: state.firstWindowStart,
      nowMs: now(),
      sizeMinutes: deps.job.window.sizeMinutes,
      // Due once ended: the lag holds back only shards that are caught up (the shard reader applies it),
      // as window.safetyLagSeconds says. A shard with a record past the end is complete at once.
      safetyLagSeconds: 0,
      oldestAvailableMs: span.oldestAvailableMs,
      max: deps.maxWindows,
    });
    // An explicit window before the stream's span would come out empty and complete: refused instead.
    const notHeld = deps.windows && firstWindowNotHeld(windows, span, deps.job.window.sizeMinutes);
    if (notHeld) throw new WindowNotHeldError(notHeld, span);
    // Due windows are listed up to the maximum, so reaching it may leave more; an explicit list says so itself.
    if (deps.maxWindows !== undefined && (deps.windows ? deps.windows.length > deps.maxWindows : windows.length >= deps.maxWindows)) summary.stoppedBecause = 'max-windows';
    let slowest = 0;
    for (const w of windows) {
      // Start a window only if the slowest one so far would still fit: a cut-off window is redone.
      if (now() + slowest * 1.5 >= deadline) {
        summary.stoppedBecause = 'deadline';
        break;
      }
      const windowStarted = now();
      const window: Window = {
        id: windowId(w), start: w.start, end: w.end,
        prefix: windowPrefix(deps.job, w),
      };
      const result = await exportWindow({
        job: deps.job, window, stream, source: deps.source, sink: deps.sink, store: deps.store, lease,
        logger: logger.child({ window: window.id }), retry, now, deadline, keepLease, sleep: deps.sleep,
        startMicros: state.firstWindowStart * 1000, explicit: deps.windows !== undefined,
      });
      if (result.state === 'behind') {
        summary.stoppedBecause = 'behind';
        break;
      }
      addWindow(summary, result);
      slowest = Math.max(slowest, now() - windowStarted);
      // Renewed before the job state moves: a run that outlived its lease stops here rather than
      // write its older view of the job over the newer holder's (which wedges the job).
      await keepLease();
      if (!deps.windows) {
        state = { ...state, lastCompleteWindowId: window.id, lastCompleteWindowEnd: window.end };
        await retry('save job', () => deps.store.putJob(deps.job.name, { ...state!, lastRunAt: now() }, lease.fence));
      }
    }
    // An explicit run (a re-export, a backfill) says nothing of the scheduled path: its last run and health.
    if (!deps.windows) {
      await retry('save job', () => deps.store.putJob(deps.job.name, { ...state!, lastRunAt: now(), lastError: undefined, lastErrorAt: undefined }, lease.fence));
    }
  } catch (error) {
    if (error instanceof DeadlineReachedError) {
      summary.stoppedBecause = 'deadline';
      logger.warn(error.message);
    } else {
      summary.ok = false;
      summary.stoppedBecause = 'error';
      summary.error = { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
      logger.error('export failed', { error: summary.error });
      // A run that lost its lease is not the job failing, and its view of the job is stale; an explicit
      // run's failure is its caller's to see.
      if (state && !deps.windows && !(error instanceof LeaseLostError || error instanceof StaleFenceError)) {
        const failed: JobState = { ...state, lastRunAt: now(), lastError: summary.error.message, lastErrorAt: now() };
        await deps.store.putJob(deps.job.name, failed, lease.fence).catch(() => undefined);
      }
    }
  } finally {
    await retry('release lease', () => deps.store.releaseLease(deps.job.name, lease)).catch((e: unknown) => logger.warn('lease not released; it expires by itself', { error: String(e) }));
  }
  if (state?.lastCompleteWindowEnd !== undefined) {
    summary.lastCompleteWindow = state.lastCompleteWindowId;
    summary.lagSeconds = Math.round((now() - state.lastCompleteWindowEnd) / 1000);
  }
  summary.retries = retry.count;
  return finish(summary);

  function finish(s: RunSummary): RunSummary {
    s.durationMs = now() - started;
    logger.info('run finished', { ...s, windows: s.windows.length });
    return s;
  }
}

/** The job's state, created (and its start logged) on its first run. */
async function prepareJob(deps: ExportDeps, stream: StreamDescription, span: StreamSpan, nowMs: number, retry: Retrier, fence: number, logger: Logger): Promise<JobState> {
  const existing = await retry('read job', () => deps.store.getJob(deps.job.name));
  if (existing && !(await startExpiredUnused(deps, existing, stream, span, retry))) return existing;
  const state: JobState = { ...existing, streamId: existing?.streamId ?? stream.streamId, firstWindowStart: await firstWindowStart(deps, stream, span, nowMs, retry) };
  await retry('save job', () => deps.store.putJob(deps.job.name, state, fence));
  const size = deps.job.window.sizeMinutes;
  logger.info(existing ? 'job starts again: it exported nothing before its start expired' : 'job starts', {
    startFrom: deps.job.window.startFrom, firstWindow: windowId(windowOf(state.firstWindowStart, size)),
    ...(existing ? { was: windowId(windowOf(existing.firstWindowStart, size)) } : {}),
    streamHoldsFrom: new Date(span.oldestAvailableMs).toISOString(),
  });
  return state;
}

/**
 * An `earliest` job that has exported nothing (no window complete, no shard committed) when its
 * start has expired: its first runs failed for longer than the stream keeps records. It has promised
 * nothing yet, so it takes the earliest start again instead of failing for a gap.
 */
async function startExpiredUnused(deps: ExportDeps, state: JobState, stream: StreamDescription, span: StreamSpan, retry: Retrier): Promise<boolean> {
  const { sizeMinutes, startFrom } = deps.job.window;
  if (startFrom !== 'earliest' || state.lastCompleteWindowEnd !== undefined || state.streamId !== stream.streamId) return false;
  if (state.firstWindowStart >= oldestWholeWindowStart(span.oldestAvailableMs, sizeMinutes)) return false;
  return (await retry('read checkpoints', () => deps.store.getShards(deps.job.name))).length === 0;
}

/**
 * Where a job begins. `earliest`: the oldest window the stream can still serve whole, or the window of
 * its oldest record when that is later (a young stream). Commits take minutes to show in a stream, on
 * each shard at its own pace, so a job never starts less than an hour back (nor before the stream's
 * creation), whatever the oldest record it can see. Otherwise the current window or a given time.
 */
async function firstWindowStart(deps: ExportDeps, stream: StreamDescription, span: StreamSpan, nowMs: number, retry: Retrier): Promise<number> {
  const { sizeMinutes, startFrom } = deps.job.window;
  if (startFrom !== 'earliest') {
    const start = startOfJob({ startFrom, nowMs, sizeMinutes });
    if (firstWindowNotHeld([windowOf(start, sizeMinutes)], span, sizeMinutes)?.reason === 'before-stream') {
      throw new ConfigError('job', [`window.startFrom: ${startFrom} is before the stream was enabled (${new Date(span.createdMs!).toISOString()}), and it holds no change from before; set it to "earliest" or a later time`]);
    }
    return start;
  }
  let oldest = Number.POSITIVE_INFINITY;
  for (const shard of stream.shards) {
    const first = await oldestRecordOf(deps.source, shard.shardId, retry);
    if (first !== undefined) oldest = Math.min(oldest, first);
  }
  return startOfJob({
    startFrom, nowMs, sizeMinutes, oldestAvailableMs: span.oldestAvailableMs,
    oldestRecordMs: Math.max(span.createdMs ?? Number.NEGATIVE_INFINITY, Math.min(oldest, nowMs - UNDELIVERED_MS)),
  });
}

/** How far back commits may still be on their way into the stream (delivery: minutes, p99 10). */
const UNDELIVERED_MS = 3_600_000;
/** Empty pages followed from a shard's oldest position while the service says more may follow. */
const PROBE_PAGES = 10;

/** Commit time (ms) of the shard's oldest readable record; empty pages that may hide more are read past. */
async function oldestRecordOf(source: StreamSource, shardId: string, retry: Retrier): Promise<number | undefined> {
  let iterator: string | undefined = await retry(`iterator ${shardId}`, () => source.iterator(shardId));
  for (let page = 0; page < PROBE_PAGES && iterator !== undefined; page++) {
    const at = iterator;
    const batch: RecordBatch = await retry(`read ${shardId}`, () => source.read(shardId, at, 1));
    const first = batch.records[0];
    if (first) return Math.floor(first.sequence.timestampMicros / 1000);
    iterator = batch.mayMore ? batch.next : undefined;
  }
  return undefined;
}

function addWindow(summary: RunSummary, result: WindowResult): void {
  const { window, ...figures } = result;
  summary.windows.push({ id: window.id, start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), ...figures });
  summary.records += result.records;
  summary.rows += result.rows;
  summary.bytes += result.bytes;
  summary.objects += result.objects;
}
