import { setTimeout as delay } from 'node:timers/promises';
import type { ChangeRecord } from '../core/change.ts';
import type { Row } from '../core/row.ts';
import { CompactedKeyLimitError, createRecordMapper, WindowCompactor } from '../core/record.ts';
import type { ObjectEntry } from '../oss/file-series.ts';
import type { WindowLayout } from '../oss/sink.ts';
import { TablestoreError } from '../tablestore/errors.ts';
import { MultiVersionMapper } from '../core/record-multi-version.ts';
import { inLineageOrder } from './shard-order.ts';
import { rendersFromWire } from './source.ts';
import { readShardWindow, type ShardWindowOutcome } from './shard-reader.ts';
import type { Cursor, WindowEnds } from './status-store.ts';
import type { Committed, RecordErrors, ShardPlan, WindowRun } from './window-export.ts';

// Reading a window's shards into the sink and committing each shard's checkpoint once its objects are
// in OSS: one series of objects per shard, or, in compacted mode, one object for the whole window.

/** The run's retry policy for a shard's call, each attempt refused once the window's signal is aborted. */
function retryUnlessStopped<T>(run: WindowRun, signal: AbortSignal, what: string, fn: () => Promise<T>): Promise<T> {
  return run.retry(what, () => {
    signal.throwIfAborted();
    return fn();
  });
}

async function startCursor(run: WindowRun, plan: ShardPlan, signal: AbortSignal): Promise<Cursor> {
  if (plan.from && !run.explicit) return plan.from;
  const at = run.explicit ? run.window.start * 1000 : run.startMicros;
  const iterator = await retryUnlessStopped(run, signal, `iterator ${plan.shard.shardId}`, () => run.source.iterator(plan.shard.shardId, at));
  return { iterator, skip: 0 };
}

export class TrimmedRecordsError extends Error {
  /** explicit: a re-export or backfill, which reads the window from its start rather than a checkpoint. */
  constructor(job: string, shardId: string, windowId: string, cause: unknown, explicit = false) {
    super(
      `job ${job}, shard ${shardId}, window ${windowId}: ` + (explicit
        ? 'the stream no longer holds this window\'s records (OTSTrimmedDataAccess: they expired or were trimmed). ' +
          'Nothing was skipped, and no rerun can export it from the stream: cover it from the table itself (a full ' +
          'export), and export from the stream only later windows'
        : 'the stream no longer holds the records at the checkpoint, or the job\'s start (OTSTrimmedDataAccess: they ' +
          'expired or were trimmed before export). Nothing was skipped. Raise source.streamExpirationHours so it cannot ' +
          'recur, cover the gap from the table itself (a full export), then `ots2oss reset` the job with window.startFrom after the gap'),
      { cause },
    );
    this.name = 'TrimmedRecordsError';
  }
}

/** Reads a shard's part of the window; the window's signal stops it between batches and in a linger wait. */
async function readShard(
  run: WindowRun, plan: ShardPlan, signal: AbortSignal,
  onRecords: (r: ChangeRecord[], a: number, b: number) => Promise<void>,
  onCorrupt: (shardId: string, corrupt: Array<{ index: number; reason: string }>) => void,
): Promise<ShardWindowOutcome> {
  try {
    // The seek to the window's start (or the job's) meets trimmed records as the reads do.
    const from = await startCursor(run, plan, signal);
    return await readShardFrom(run, plan, from, signal, onRecords, onCorrupt);
  } catch (error) {
    if (error instanceof TablestoreError && error.code === 'OTSTrimmedDataAccess') {
      throw new TrimmedRecordsError(run.job.name, plan.shard.shardId, run.window.id, error, run.explicit);
    }
    throw error;
  }
}

function readShardFrom(
  run: WindowRun, plan: ShardPlan, from: Cursor, signal: AbortSignal,
  onRecords: (r: ChangeRecord[], a: number, b: number) => Promise<void>,
  onCorrupt: (shardId: string, corrupt: Array<{ index: number; reason: string }>) => void,
): Promise<ShardWindowOutcome> {
  const { safetyLagSeconds, lingerSeconds } = run.job.window;
  let told = false;
  const sleep = (ms: number) => {
    // Once per shard: the wait is function time, so say what it is for.
    if (!told) run.logger.info('waiting for a caught-up shard to complete the window', { window: run.window.id, shard: plan.shard.shardId, settlesAt: new Date(run.window.end + safetyLagSeconds * 1000).toISOString() });
    told = true;
    return run.sleep ? run.sleep(ms) : delay(ms, undefined, { signal });
  };
  return readShardWindow({
    source: { ...run.source, read: (shard, it, limit) => retryUnlessStopped(run, signal, `read ${shard}`, () => run.source.read(shard, it, limit)) },
    shardId: plan.shard.shardId, from, start: run.window.start, end: run.window.end,
    safetyLagMs: safetyLagSeconds * 1000, lingerMs: lingerSeconds * 1000, sleep,
    batchSize: 1000, deadline: run.deadline, now: run.now,
    onRecords, skipBeforeStart: run.explicit, onCorrupt, signal,
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

export async function exportPerShard(run: WindowRun, plans: ShardPlan[], layout: WindowLayout, errors: RecordErrors): Promise<Committed[] | 'behind'> {
  const mapper = createRecordMapper(run.job.reader, run.stream.primaryKey);
  // Records read with wire cells are written from them (the source reads them so for such jobs).
  const wire = rendersFromWire(run.job) && mapper instanceof MultiVersionMapper ? mapper : undefined;
  const committed: Committed[] = plans.filter((p) => p.done).map((p) => ({ ...p.done!, late: 0 }));
  const status = await inLineageOrder(run, plans, async (plan, signal) => {
    const series = run.sink.openSeries(layout, plan.shard.shardId, mapper.schema, signal);
    let rejected = 0;
    /** Runs `take` on each of records[from, to); a record it throws on is rejected (errorLimit) and the rest go on. */
    const each = (records: readonly ChangeRecord[], from: number, to: number, take: (record: ChangeRecord) => void) => {
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        try {
          take(record);
        } catch (error) {
          rejected++;
          errors.add(record, error);
        }
      }
    };
    try {
      const outcome = await readShard(run, plan, signal, async (records, from, to) => {
        if (wire && records[from]?.wireCells) {
          const kept: ChangeRecord[] = [];
          each(records, from, to, (record) => {
            wire.checkKey(record);
            kept.push(record);
          });
          return series.writeWire(kept, wire);
        }
        const rows: Row[] = [];
        each(records, from, to, (record) => mapper.map(record, rows));
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

export async function exportCompacted(run: WindowRun, plans: ShardPlan[], layout: WindowLayout, errors: RecordErrors): Promise<Committed[] | 'behind'> {
  // The window's one object is written before any shard commits, so once a shard has committed the
  // object is whole: the other shards commit where that object's data ended, without reading on.
  const done = plans.filter((p) => p.done).map((p) => ({ ...p.done!, late: 0 }));
  const objectWritten = done.length > 0;
  if (objectWritten) {
    const ends = await run.retry('read window ends', () => run.store.getWindowEnds(run.job.name));
    if (ends?.windowId === run.window.id) return [...done, ...(await commitAtEnds(run, plans, ends))];
    // Left so by a version that saved no ends: its way, reading the other shards on only to find an end.
    run.logger.warn('compacted window partly committed without saved shard ends: records that became readable since its object was written are not exported', { window: run.window.id });
  }
  const compactor = new WindowCompactor(run.job.reader, run.stream.primaryKey);
  const outcomes: Array<{ shardId: string; outcome: Extract<ShardWindowOutcome, { kind: 'complete' }> }> = [];
  const status = await inLineageOrder(run, plans, async (plan, signal) => {
    const outcome = await readShard(run, plan, signal, async (records, from, to) => {
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
    if (!run.explicit) {
      const shards = outcomes.map(({ shardId, outcome }) => ({ shardId, cursor: outcome.next, ended: outcome.ended, records: outcome.records, late: outcome.late }));
      await run.retry('save window ends', () => run.store.putWindowEnds(run.job.name, { windowId: run.window.id, fence: run.lease.fence, shards }));
    }
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

export class WindowEndsError extends Error {
  constructor(job: string, windowId: string, windowStart: number, shardId: string) {
    const start = new Date(windowStart).toISOString();
    super(
      `job ${job}, window ${windowId}: shard ${shardId} committed the window elsewhere than the shard ends saved ` +
        'before its object was written (two runs overlapped past a lease), so where the object\'s data ends is not ' +
        'known. Refusing to guess, which loses or repeats records. To redo the window whole: set window.startFrom to ' +
        `${start} (its start) in the job's configuration (redeploy a deployed job, so its scheduled runs read it), ` +
        'then run `ots2oss reset --config <job file> --yes` while the stream still holds the window. Reset forgets the ' +
        'job\'s checkpoints and saved ends (objects and window history stay); the next run exports this window again ' +
        'from its start, and every window after it. `ots2oss backfill` does not help: it moves no checkpoint, so ' +
        'every scheduled run would stop here again',
    );
    this.name = 'WindowEndsError';
  }
}

/** Commits the shards not yet committed at the ends saved before the window's object was written. */
async function commitAtEnds(run: WindowRun, plans: ShardPlan[], ends: WindowEnds): Promise<Committed[]> {
  const byShard = new Map(ends.shards.map((e) => [e.shardId, e]));
  for (const { done } of plans) {
    const end = done && byShard.get(done.shardId);
    if (done && (!end || end.ended !== done.ended || JSON.stringify(end.cursor) !== JSON.stringify(done.cursor))) {
      throw new WindowEndsError(run.job.name, run.window.id, run.window.start, done.shardId);
    }
  }
  const committed: Committed[] = [];
  for (const plan of plans) {
    const end = byShard.get(plan.shard.shardId);
    // A shard the object's run did not read (a child waiting on its parent) is read by the next window.
    if (plan.done || !end) continue;
    const cp: Committed = {
      shardId: end.shardId, windowId: run.window.id, windowEnd: run.window.end, cursor: end.cursor, ended: end.ended,
      records: end.records, rows: 0, rejected: 0, objects: [], fence: run.lease.fence, updatedAt: run.now(), late: end.late,
    };
    await commit(run, cp);
    committed.push(cp);
  }
  return committed;
}
