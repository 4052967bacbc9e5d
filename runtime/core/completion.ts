// When a shard, and then a window, is complete. Records are compared by commit time (sequence-info
// timestamp, microseconds) with the window's [start, end) in milliseconds.
import { isSettled, type TimeWindow } from './window.ts';

export type RecordPlace = 'before' | 'inside' | 'after';

/** Where a record falls against the window. The first `after` record ends the shard's part of the window;
 * the checkpoint then points at that record, so the next window starts exactly there. */
export function placeOf(timestampMicros: number, w: TimeWindow): RecordPlace {
  if (timestampMicros < w.start * 1000) return 'before';
  return timestampMicros < w.end * 1000 ? 'inside' : 'after';
}

export interface ShardReadState {
  /** Read a record committed at or after the window's end. */
  passedEnd: boolean;
  /** Read to SHARD_END. */
  shardEnded: boolean;
  /** The last read returned nothing more for now (no records and no promise of more). */
  caughtUp: boolean;
}

export type ShardCompletion =
  | { complete: true; reason: 'passed-end' | 'shard-end' | 'caught-up' | 'after-parents' }
  | { complete: false; reason: 'reading' | 'too-recent' | 'parents-reading' };

/**
 * A shard is complete for the window when it has passed the window's end, reached SHARD_END, or is caught
 * up and the window has settled (`end <= now - safetyLag`); a caught-up shard of a recent window may still
 * receive records for it.
 */
export function shardCompletion(state: ShardReadState, w: TimeWindow, nowMs: number, safetyLagSeconds: number): ShardCompletion {
  if (state.passedEnd) return { complete: true, reason: 'passed-end' };
  if (state.shardEnded) return { complete: true, reason: 'shard-end' };
  if (!state.caughtUp) return { complete: false, reason: 'reading' };
  return isSettled(w, nowMs, safetyLagSeconds) ? { complete: true, reason: 'caught-up' } : { complete: false, reason: 'too-recent' };
}

/**
 * A shard still waiting for its parents. If every parent it waits for has passed the window's end, the
 * split or merge that created it happened after the window, so it has nothing for the window.
 */
export function blockedShardCompletion(parents: readonly ShardCompletion[]): ShardCompletion {
  return parents.length > 0 && parents.every((p) => p.complete && p.reason === 'passed-end')
    ? { complete: true, reason: 'after-parents' }
    : { complete: false, reason: 'parents-reading' };
}

export interface WindowCompletion {
  complete: boolean;
  /** Shards not yet complete, with why. */
  pending: Array<{ shardId: string; reason: ShardCompletion['reason'] }>;
}

/** A window is complete when every shard in the listing is. */
export function windowCompletion(shards: ReadonlyMap<string, ShardCompletion>): WindowCompletion {
  const pending: WindowCompletion['pending'] = [];
  for (const [shardId, c] of shards) if (!c.complete) pending.push({ shardId, reason: c.reason });
  pending.sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));
  return { complete: pending.length === 0, pending };
}
