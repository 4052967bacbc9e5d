import type { ChangeRecord, ShardInfo } from '../core/change.ts';
import type { Row } from '../core/row.ts';
import { CompactedKeyLimitError, createRecordMapper, WindowCompactor } from '../core/record.ts';
import { LineageError, planShards as checkLineage, readyShards } from '../core/lineage.ts';
import type { JobConfig } from '../config/job.ts';
import type { ObjectEntry } from '../oss/file-series.ts';
import { manifestKey, successKey, type OssSink, type WindowLayout } from '../oss/sink.ts';
import { TablestoreError } from '../tablestore/errors.ts';
import type { Logger } from '../util/logger.ts';
import type { Retrier } from './retrier.ts';
import { readShardWindow, type ShardWindowOutcome } from './shard-reader.ts';
import type { StreamDescription, StreamSource } from './source.ts';
import type { Cursor, Lease, ShardCheckpoint, StatusStore, WindowRecord } from './status-store.ts';

// Exports one window: every shard in lineage order, then the manifest and _SUCCESS marker, then
// the window record. Each shard commits its checkpoint only after its objects are in OSS.

export interface Window {
  id: string;
  start: number;
  end: number;
  prefix: string;
}

export interface WindowRun {
  job: JobConfig;
  window: Window;
  stream: StreamDescription;
  source: StreamSource;
  sink: OssSink;
  store: StatusStore;
  lease: Lease;
  logger: Logger;
  retry: Retrier;
  now: () => number;
  deadline: number;
  /** How a lingering shard read waits (a simulated clock advances instead). */
  sleep?: (ms: number) => Promise<void>;
  /** Renews the lease between shards; throws when it was lost. */
  keepLease: () => Promise<void>;
  /** Where a shard with no checkpoint starts: its oldest record, or a time. */
  startMicros?: number;
  /** Explicit windows (backfill) read from the window's start time and leave checkpoints alone. */
  explicit?: boolean;
}

export interface WindowResult {
  window: Window;
  state: 'complete' | 'behind';
  records: number;
  rows: number;
  bytes: number;
  objects: number;
  rejected: number;
  late: number;
}

export class RecordErrorLimitError extends Error {
  constructor(limit: number, count: number, sample: string) {
    super(`${count} records could not be exported, over reader.errorLimit ${limit}; first: ${sample}`);
    this.name = 'RecordErrorLimitError';
  }
}

interface ShardPlan {
  shard: ShardInfo;
  from?: Cursor;
  done?: ShardCheckpoint;
}

class RecordErrors {
  count = 0;
  first?: string;
  constructor(private readonly limit: number, private readonly logger: Logger) {}
  add(record: ChangeRecord, error: unknown): void {
    this.reject(error instanceof Error ? error.message : String(error), { shard: record.shardId, sequence: record.sequence });
  }
  corrupt(shardId: string, corrupt: Array<{ index: number; reason: string }>): void {
    for (const c of corrupt) this.reject(`corrupt record: ${c.reason}`, { shard: shardId, index: c.index });
  }
  private reject(message: string, where: Record<string, unknown>): void {
    this.count++;
    this.first ??= message;
    this.logger.warn('record rejected', { ...where, error: message });
    if (this.count > this.limit) throw new RecordErrorLimitError(this.limit, this.count, this.first);
  }
}

export async function exportWindow(run: WindowRun): Promise<WindowResult> {
  const { job, window, store, sink, logger } = run;
  const layout: WindowLayout = { prefix: window.prefix, windowId: window.id };
  const plans = await planWindowShards(run);
  const kept = new Set(plans.flatMap((p) => p.done?.objects.map((o) => o.key) ?? []));

  const previous = await run.retry('read window', () => store.getWindow(job.name, window.id));
  const record: WindowRecord = {
    windowId: window.id, start: window.start, end: window.end, state: 'in-progress',
    records: 0, rows: 0, bytes: 0, objects: 0, rejected: 0,
    startedAt: previous?.startedAt ?? run.now(), attempts: (previous?.attempts ?? 0) + 1,
  };
  await sink.checkConflicts(layout, kept, previous === undefined || run.explicit === true);
  await run.retry('save window', () => store.putWindow(job.name, record));

  const errors = new RecordErrors(job.reader.errorLimit, logger);
  const committed = job.reader.mode === 'compacted'
    ? await exportCompacted(run, plans, layout, errors)
    : await exportPerShard(run, plans, layout, errors);
  if (committed === 'behind') {
    return { window, state: 'behind', records: 0, rows: 0, bytes: 0, objects: 0, rejected: errors.count, late: 0 };
  }

  const objects = committed.flatMap((c) => c.objects);
  await run.keepLease();
  const removed = await sink.removeLeftovers(layout, new Set(objects.map((o) => o.key)));
  if (removed.length > 0) logger.info('removed leftovers', { window: window.id, objects: removed.length, first: removed[0] });
  const totals = {
    records: committed.reduce((n, c) => n + c.records, 0),
    rows: objects.reduce((n, o) => n + o.rows, 0),
    bytes: objects.reduce((n, o) => n + o.bytes, 0),
    rejected: committed.reduce((n, c) => n + c.rejected, 0),
  };
  const manifest = {
    version: 1, job: job.name, instance: job.source.instance, table: job.source.table,
    window: { id: window.id, start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
    format: job.sink.fileFormat, mode: job.reader.mode, ...totals,
    shards: committed.map((c) => ({ shardId: c.shardId, records: c.records, rows: c.rows, rejected: c.rejected, ended: c.ended })),
    objects: objects.map(({ key, shardId, part, rows, bytes, md5 }) => ({ key, shardId, part, rows, bytes, md5 })),
  };
  await sink.putJson(manifestKey(layout), manifest);
  await sink.putBytes(successKey(layout), Buffer.alloc(0), 'text/plain');
  await run.retry('save window', () => store.putWindow(job.name, {
    ...record, ...totals, objects: objects.length, state: 'complete', manifestKey: manifestKey(layout), completedAt: run.now(),
  }));
  logger.info('window exported', { window: window.id, ...totals, objects: objects.length });
  return { window, state: 'complete', ...totals, objects: objects.length, late: committed.reduce((n, c) => n + c.late, 0) };
}

type Committed = ShardCheckpoint & { late: number };

async function planWindowShards(run: WindowRun): Promise<ShardPlan[]> {
  const checkpoints = new Map((await run.retry('read checkpoints', () => run.store.getShards(run.job.name))).map((c) => [c.shardId, c]));
  if (!run.explicit) {
    // Fails on shards that left the stream before we read them to their end: never skip their records.
    const all = [...checkpoints.values()];
    checkLineage(run.stream.shards, {
      finished: new Set(all.filter((c) => c.ended).map((c) => c.shardId)),
      started: new Set(all.filter((c) => !c.ended).map((c) => c.shardId)),
    });
  }
  const plans: ShardPlan[] = [];
  for (const shard of run.stream.shards) {
    const cp = checkpoints.get(shard.shardId);
    if (run.explicit) {
      plans.push({ shard });
    } else if (cp?.windowId === run.window.id) {
      plans.push({ shard, done: cp });
    } else if (cp?.ended) {
      continue; // ended in an earlier window: nothing more to read
    } else if (cp) {
      if (cp.windowEnd !== run.window.start) {
        throw new Error(`shard ${shard.shardId}: checkpoint is for the window ending ${new Date(cp.windowEnd).toISOString()}, not the one before ${run.window.id}`);
      }
      plans.push({ shard, from: cp.cursor });
    } else {
      plans.push({ shard });
    }
  }
  // Shards that ended earlier count as finished for lineage; they are not in `plans`.
  return plans;
}

function finishedBefore(run: WindowRun, plans: ShardPlan[]): Set<string> {
  const planned = new Set(plans.map((p) => p.shard.shardId));
  return new Set(run.stream.shards.map((s) => s.shardId).filter((id) => !planned.has(id)));
}

/**
 * Runs `work` over shards as their parents finish, at most `concurrency` at a time. A child whose
 * parent passed the window's end without ending has nothing in this window: it waits for the next.
 */
async function inLineageOrder(
  run: WindowRun,
  plans: ShardPlan[],
  work: (plan: ShardPlan) => Promise<{ ended: boolean } | 'behind'>,
): Promise<'behind' | void> {
  const finished = finishedBefore(run, plans);
  const passedEnd = new Set<string>();
  const pending = new Map(plans.map((p) => [p.shard.shardId, p]));
  for (const p of plans) {
    if (!p.done) continue;
    (p.done.ended ? finished : passedEnd).add(p.shard.shardId);
    pending.delete(p.shard.shardId);
  }
  while (pending.size > 0) {
    const ready = readyShards([...pending.values()].map((p) => p.shard), finished, run.stream.shards)
      .slice(0, run.job.speed.concurrency);
    if (ready.length === 0) {
      deferChildren(pending, passedEnd);
      break;
    }
    const outcomes = await Promise.all(ready.map((s) => work(pending.get(s.shardId)!)));
    if (outcomes.includes('behind')) return 'behind';
    ready.forEach((s, i) => {
      pending.delete(s.shardId);
      ((outcomes[i] as { ended: boolean }).ended ? finished : passedEnd).add(s.shardId);
    });
    await run.keepLease();
  }
}

/** Every shard still pending must wait on a parent that passed the window's end; anything else is a broken lineage. */
function deferChildren(pending: Map<string, ShardPlan>, passedEnd: ReadonlySet<string>): void {
  const blocked = new Set([...passedEnd]);
  // A grandchild waits on a deferred child: defer it too.
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, p] of pending) {
      if (blocked.has(id)) continue;
      const parents = [p.shard.parentId, p.shard.parentSiblingId].filter((x): x is string => !!x);
      if (parents.some((parent) => blocked.has(parent))) {
        blocked.add(id);
        grew = true;
      }
    }
  }
  const stuck = [...pending.keys()].filter((id) => !blocked.has(id));
  if (stuck.length > 0) {
    throw new LineageError('cycle', stuck, `shards ${stuck.join(', ')} wait for parents that never finish; the stream's shard lineage is inconsistent`);
  }
}

async function startCursor(run: WindowRun, plan: ShardPlan): Promise<Cursor> {
  if (plan.from && !run.explicit) return plan.from;
  const at = run.explicit ? run.window.start * 1000 : run.startMicros;
  const iterator = await run.retry(`iterator ${plan.shard.shardId}`, () => run.source.iterator(plan.shard.shardId, at));
  return { iterator, skip: 0 };
}

export class TrimmedRecordsError extends Error {
  constructor(job: string, shardId: string, windowId: string, cause: unknown) {
    super(
      `job ${job}, shard ${shardId}, window ${windowId}: the stream no longer holds the records at the checkpoint ` +
        '(OTSTrimmedDataAccess: ' +
        'they expired or were trimmed before export). Nothing was skipped. Raise source.streamExpirationHours so ' +
        'it cannot recur, cover the gap from the table itself (a full export), then `ots2oss reset` the job with ' +
        'window.startFrom after the gap',
      { cause },
    );
    this.name = 'TrimmedRecordsError';
  }
}

async function readShard(
  run: WindowRun, plan: ShardPlan, from: Cursor,
  onRecords: (r: ChangeRecord[], a: number, b: number) => Promise<void>,
  onCorrupt: (shardId: string, corrupt: Array<{ index: number; reason: string }>) => void,
): Promise<ShardWindowOutcome> {
  try {
    return await readShardFrom(run, plan, from, onRecords, onCorrupt);
  } catch (error) {
    if (error instanceof TablestoreError && error.code === 'OTSTrimmedDataAccess') {
      throw new TrimmedRecordsError(run.job.name, plan.shard.shardId, run.window.id, error);
    }
    throw error;
  }
}

function readShardFrom(
  run: WindowRun, plan: ShardPlan, from: Cursor,
  onRecords: (r: ChangeRecord[], a: number, b: number) => Promise<void>,
  onCorrupt: (shardId: string, corrupt: Array<{ index: number; reason: string }>) => void,
): Promise<ShardWindowOutcome> {
  const { safetyLagSeconds, lingerSeconds } = run.job.window;
  let told = false;
  const sleep = (ms: number) => {
    // Once per shard: the wait is function time, so say what it is for.
    if (!told) run.logger.info('waiting for a caught-up shard to complete the window', { window: run.window.id, shard: plan.shard.shardId, settlesAt: new Date(run.window.end + safetyLagSeconds * 1000).toISOString() });
    told = true;
    return run.sleep ? run.sleep(ms) : new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  return readShardWindow({
    source: { ...run.source, read: (shard, it, limit) => run.retry(`read ${shard}`, () => run.source.read(shard, it, limit)) },
    shardId: plan.shard.shardId, from, start: run.window.start, end: run.window.end,
    safetyLagMs: safetyLagSeconds * 1000, lingerMs: lingerSeconds * 1000, sleep,
    batchSize: 1000, deadline: run.deadline, now: run.now,
    onRecords, skipBeforeStart: run.explicit, onCorrupt,
  });
}

function checkpointFor(run: WindowRun, shardId: string, outcome: Extract<ShardWindowOutcome, { kind: 'complete' }>, objects: ObjectEntry[], rejected: number): Committed {
  return {
    shardId, windowId: run.window.id, windowEnd: run.window.end, cursor: outcome.next, ended: outcome.ended,
    records: outcome.records, rows: objects.reduce((n, o) => n + o.rows, 0), rejected, objects,
    fence: run.lease.fence, updatedAt: run.now(), late: outcome.late,
  };
}

async function commit(run: WindowRun, cp: Committed): Promise<void> {
  if (run.explicit) return;
  const { late: _late, ...checkpoint } = cp;
  await run.retry(`checkpoint ${cp.shardId}`, () => run.store.putShard(run.job.name, checkpoint));
  run.logger.info('shard committed', { window: run.window.id, shard: cp.shardId, records: cp.records, rows: cp.rows, objects: cp.objects.length, ended: cp.ended });
}

async function exportPerShard(run: WindowRun, plans: ShardPlan[], layout: WindowLayout, errors: RecordErrors): Promise<Committed[] | 'behind'> {
  const mapper = createRecordMapper(run.job.reader, run.stream.primaryKey);
  const committed: Committed[] = plans.filter((p) => p.done).map((p) => ({ ...p.done!, late: 0 }));
  const status = await inLineageOrder(run, plans, async (plan) => {
    const series = run.sink.openSeries(layout, plan.shard.shardId, mapper.schema);
    let rejected = 0;
    try {
      const rows: Row[] = [];
      const outcome = await readShard(run, plan, await startCursor(run, plan), async (records, from, to) => {
        rows.length = 0;
        for (let i = from; i < to; i++) {
          const record = records[i]!;
          try {
            mapper.map(record, rows);
          } catch (error) {
            rejected++;
            errors.add(record, error);
          }
        }
        await series.write(rows);
      }, (shardId, corrupt) => {
        rejected += corrupt.length;
        errors.corrupt(shardId, corrupt);
      });
      if (outcome.kind === 'behind') {
        await series.abort();
        return 'behind';
      }
      const cp = checkpointFor(run, plan.shard.shardId, outcome, await series.finish(), rejected);
      await commit(run, cp);
      committed.push(cp);
      return { ended: outcome.ended };
    } catch (error) {
      await series.abort();
      throw error;
    }
  });
  return status === 'behind' ? 'behind' : committed;
}

/** Compacted rows go to the sink this many at a time, as the state behind them is released. */
const COMPACTED_BATCH_ROWS = 1000;

async function exportCompacted(run: WindowRun, plans: ShardPlan[], layout: WindowLayout, errors: RecordErrors): Promise<Committed[] | 'behind'> {
  // The window's one object is written before any shard commits, so once a shard has committed the
  // object is whole: the remaining shards are re-read only to find where their next window starts.
  const done = plans.filter((p) => p.done).map((p) => ({ ...p.done!, late: 0 }));
  const objectWritten = done.length > 0;
  const compactor = new WindowCompactor(run.job.reader, run.stream.primaryKey);
  const outcomes: Array<{ shardId: string; outcome: Extract<ShardWindowOutcome, { kind: 'complete' }> }> = [];
  const status = await inLineageOrder(run, plans, async (plan) => {
    const outcome = await readShard(run, plan, await startCursor(run, plan), async (records, from, to) => {
      if (objectWritten) return;
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        try {
          compactor.add(record);
        } catch (error) {
          if (error instanceof CompactedKeyLimitError) throw error;
          errors.add(record, error);
        }
      }
    }, (shardId, corrupt) => errors.corrupt(shardId, corrupt));
    if (outcome.kind === 'behind') return 'behind';
    outcomes.push({ shardId: plan.shard.shardId, outcome });
    return { ended: outcome.ended };
  });
  if (status === 'behind') return 'behind';
  let objects: ObjectEntry[] = [];
  if (!objectWritten) {
    const series = run.sink.openSeries(layout, 'all', compactor.schema());
    try {
      for (const rows of compactor.batches(COMPACTED_BATCH_ROWS)) await series.write(rows);
      objects = await series.finish();
    } catch (error) {
      await series.abort();
      throw error;
    }
  }
  const committed = outcomes.map(({ shardId, outcome }, i) =>
    checkpointFor(run, shardId, outcome, i === 0 ? objects : [], i === 0 ? errors.count : 0));
  if (committed.length === 0 && objects.length > 0) throw new Error('compacted window wrote objects but read no shard');
  for (const cp of committed) await commit(run, cp);
  return [...done, ...committed];
}
