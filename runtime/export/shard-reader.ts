import type { ChangeRecord } from '../core/change.ts';
import type { Cursor } from './status-store.ts';
import type { RecordBatch, StreamSource } from './source.ts';

// Reads one shard's records for one window [start, end), in commit order. The window is done for the
// shard at its first record at or after `end` (the returned cursor points exactly at it), when the
// shard is caught up and `end` is older than the safety lag, or at the shard's end. A caught-up shard
// whose window settles within the linger budget is polled from where it stopped until one of those
// happens, so the window goes out in this run instead of the next.

/** How often a lingering read polls a caught-up shard. */
const POLL_MS = 2_000;

export type ShardWindowOutcome =
  | { kind: 'complete'; next?: Cursor; ended: boolean; records: number; late: number }
  | { kind: 'behind'; records: number };

export class DeadlineReachedError extends Error {
  constructor() {
    super('the invocation deadline is near: stopping before the window completes (it is redone next time)');
    this.name = 'DeadlineReachedError';
  }
}

/**
 * A checkpoint counts `skip` records from its iterator; the shard now ends, or has nothing more to
 * give, before that many. Pages may be short or empty, so only the shard's end or a caught-up read
 * (empty, may_more_record false) shows the records are gone.
 */
export class CursorLostError extends Error {
  constructor(shardId: string, skip: number, got: number, ended: boolean) {
    super(
      `shard ${shardId}: the checkpoint skips ${skip} records from its iterator but the stream now returns ${got} there ` +
        `and then ${ended ? 'ends the shard' : 'has no more records'}; the records it counted are no longer there. ` +
        'Refusing to guess: see `ots2oss status` and the stream expiration',
    );
    this.name = 'CursorLostError';
  }
}

export interface ShardWindowRead {
  source: StreamSource;
  shardId: string;
  from: Cursor;
  start: number;
  end: number;
  /** A caught-up shard completes the window only once end <= now - safetyLagMs. */
  safetyLagMs: number;
  /**
   * How long a caught-up shard may be polled for the window to complete: only when end + safetyLagMs
   * falls within it, so the wait always ends with the window done. 0 never waits.
   */
  lingerMs?: number;
  sleep: (ms: number) => Promise<void>;
  batchSize: number;
  deadline: number;
  now: () => number;
  /** Receives the window's records, batch by batch; `start` skips records before the window. */
  onRecords: (records: ChangeRecord[], from: number, to: number) => Promise<void>;
  /**
   * Explicit (backfill) windows skip the records older than start at the front of the read instead of
   * taking them; an older record after one of the window is taken, counted as late.
   */
  skipBeforeStart?: boolean;
  /** Records that could not be decoded, counted against reader.errorLimit. */
  onCorrupt?: (shardId: string, corrupt: Array<{ index: number; reason: string }>) => void;
  /**
   * Aborted when the read must stop (a sibling shard failed): checked before and after each batch,
   * and a linger sleep ends at once, throwing the signal's reason.
   */
  signal?: AbortSignal;
}

export async function readShardWindow(read: ShardWindowRead): Promise<ShardWindowOutcome> {
  const endMicros = read.end * 1000;
  const startMicros = read.start * 1000;
  let iterator = read.from.iterator;
  // Records of the iterator's position to pass over, counted across pages: a re-read of the same
  // iterator may come back in shorter pages than the read that wrote the checkpoint.
  let skip = read.from.skip;
  let skipped = 0;
  let records = 0;
  let late = 0;
  let lingerUntil: number | undefined;
  let polls = 0;
  // Only the run of older records at the very front of the read is skipped, across batches; an older
  // record after a record of the window is taken (late), wherever the batches happen to break.
  let leading = read.skipBeforeStart === true;
  for (;;) {
    read.signal?.throwIfAborted();
    if (read.now() >= read.deadline) throw new DeadlineReachedError();
    const batch = await read.source.read(read.shardId, iterator, read.batchSize);
    read.signal?.throwIfAborted();
    if (skip > batch.records.length) {
      const got = skipped + batch.records.length;
      if (batch.next === undefined) throw new CursorLostError(read.shardId, read.from.skip, got, true);
      if (batch.records.length === 0 && !batch.mayMore) throw new CursorLostError(read.shardId, read.from.skip, got, false);
      // The window before read past this page, corrupt records included.
      skip -= batch.records.length;
      skipped += batch.records.length;
      iterator = batch.next;
      continue;
    }
    let first = skip;
    let stop = batch.records.length;
    for (let i = skip; i < batch.records.length; i++) {
      const ts = batch.records[i]!.sequence.timestampMicros;
      if (ts >= endMicros) {
        stop = i;
        break;
      }
      if (ts >= startMicros) leading = false;
      else if (leading) first++;
      else late++;
    }
    // Each corrupt record is counted by the window that reads past it: the ones between the skipped
    // records and the window's end, however the pages fall.
    const corrupt = corruptBetween(batch.corrupt, skip, stop < batch.records.length ? stop : Number.POSITIVE_INFINITY);
    if (corrupt.length) read.onCorrupt?.(read.shardId, corrupt);
    if (stop > first) {
      await read.onRecords(batch.records, first, stop);
      records += stop - first;
    }
    if (stop < batch.records.length) return { kind: 'complete', next: { iterator, skip: stop }, ended: false, records, late };
    if (batch.next === undefined) return { kind: 'complete', ended: true, records, late };
    const caughtUp = batch.records.length === 0 && !batch.mayMore;
    if (caughtUp) {
      const settled = read.end + read.safetyLagMs;
      const now = read.now();
      if (settled <= now) return { kind: 'complete', next: { iterator: batch.next, skip: 0 }, ended: false, records, late };
      lingerUntil ??= now + (read.lingerMs ?? 0);
      // The poll count also bounds the wait should `now` not move with `sleep`.
      if (settled > lingerUntil || settled > read.deadline || polls > (read.lingerMs ?? 0) / POLL_MS + 1) return { kind: 'behind', records };
      // Wake for new records at least every POLL_MS; the last sleep lands on the settling time.
      polls++;
      await sleepUnlessAborted(read, Math.min(POLL_MS, settled - now));
    }
    iterator = batch.next;
    skip = 0;
  }
}

/**
 * The corrupt records of a batch that lie after `from` and before `to` good records (a corrupt record
 * sits before the good record its place among the good ones names).
 */
function corruptBetween(corrupt: RecordBatch['corrupt'], from: number, to: number): Array<{ index: number; reason: string }> {
  if (!corrupt?.length) return [];
  // `index` counts every record of the batch, so the corrupt ones before it are taken off.
  return [...corrupt].sort((a, b) => a.index - b.index).filter((c, k) => c.index - k >= from && c.index - k < to);
}

/** The read's sleep, cut short by its signal: whatever the sleep does, an abort ends the wait at once. */
function sleepUnlessAborted({ sleep, signal }: ShardWindowRead, ms: number): Promise<void> {
  if (!signal) return sleep(ms);
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    sleep(ms).then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
