import type { ChangeRecord, ShardInfo } from '../core/change.ts';
import { planShards as checkLineage, lineageOrder } from '../core/lineage.ts';
import type { JobConfig } from '../config/job.ts';
import { manifestKey, successKey, type OssSink, type WindowLayout } from '../oss/sink.ts';
import type { Logger } from '../util/logger.ts';
import type { Retrier } from './retrier.ts';
import { exportCompacted, exportPerShard } from './shard-export.ts';
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

export interface ShardPlan {
  shard: ShardInfo;
  from?: Cursor;
  done?: ShardCheckpoint;
}

export class RecordErrors {
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
  // An explicit run may replace a complete window's objects (whatever the status table remembers): the
  // window reads as in progress, in the bucket as in the store, until it is complete again.
  if (run.explicit) {
    await run.keepLease();
    await sink.deleteKeys([successKey(layout), manifestKey(layout)]);
  }

  const errors = new RecordErrors(job.reader.errorLimit, logger);
  const committed = job.reader.mode === 'compacted'
    ? await exportCompacted(run, plans, layout, errors)
    : await exportPerShard(run, plans, layout, errors);
  if (committed === 'behind') {
    return { window, state: 'behind', records: 0, rows: 0, bytes: 0, objects: 0, rejected: errors.count, late: 0 };
  }

  const order = lineageOrder(run.stream.shards);
  const rank = (shardId: string) => (order.includes(shardId) ? order.indexOf(shardId) : order.length);
  const inLineage = [...committed].sort((a, b) => rank(a.shardId) - rank(b.shardId));
  const listed = new Map(run.stream.shards.map((s) => [s.shardId, s]));
  const objects = inLineage.flatMap((c) => c.objects);
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
    // Parents before children, each with its parents: the order one key's changes apply in.
    shards: inLineage.map((c) => ({ shardId: c.shardId, ...parentsIn(listed.get(c.shardId)), records: c.records, rows: c.rows, rejected: c.rejected, ended: c.ended })),
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

export type Committed = ShardCheckpoint & { late: number };

function parentsIn(shard: ShardInfo | undefined): Pick<ShardInfo, 'parentId' | 'parentSiblingId'> {
  return { ...(shard?.parentId ? { parentId: shard.parentId } : {}), ...(shard?.parentSiblingId ? { parentSiblingId: shard.parentSiblingId } : {}) };
}

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
