import type { ObjectEntry } from '../oss/file-series.ts';

// The port over the status (checkpoint) table. Backends: Tablestore (runtime/tablestore/status-store.ts)
// and in-memory (memory-status-store.ts). Rows are keyed by job so one table serves many jobs.

/** Where a shard resumes: a GetStreamRecord iterator and how many of its records were already taken. */
export interface Cursor {
  iterator: string;
  skip: number;
}

/** A shard's progress: the last window it completed and where the next one starts. */
export interface ShardCheckpoint {
  shardId: string;
  windowId: string;
  windowEnd: number;
  /** Absent once the shard has ended (SHARD_END). */
  cursor?: Cursor;
  ended: boolean;
  records: number;
  rows: number;
  rejected: number;
  objects: ObjectEntry[];
  fence: number;
  updatedAt: number;
}

/** Where one shard of a compacted window ends, as the attempt that wrote the window's object read it. */
export interface ShardEnd {
  shardId: string;
  /** Absent when the shard ended (SHARD_END). */
  cursor?: Cursor;
  ended: boolean;
  records: number;
  late: number;
}

/**
 * A compacted window's shard ends, saved before its one object is written. Once a shard has
 * committed, a rerun commits the others at these ends instead of reading on, so records that arrived
 * since go to the next window and not nowhere. One row per job: a job exports one window at a time.
 */
export interface WindowEnds {
  windowId: string;
  fence: number;
  shards: ShardEnd[];
}

export type WindowState = 'in-progress' | 'complete';

export interface WindowRecord {
  windowId: string;
  start: number;
  end: number;
  state: WindowState;
  records: number;
  rows: number;
  bytes: number;
  objects: number;
  rejected: number;
  manifestKey?: string;
  startedAt: number;
  completedAt?: number;
  attempts: number;
}

export interface JobState {
  streamId: string;
  /** The first window this job exports; earlier data is not its business. */
  firstWindowStart: number;
  lastCompleteWindowId?: string;
  lastCompleteWindowEnd?: number;
  lastRunAt?: number;
  lastError?: string;
  lastErrorAt?: number;
}

export interface Lease {
  owner: string;
  /** Grows by one at each acquisition; writes carry it so a stale holder cannot overwrite a newer one. */
  fence: number;
  expiresAt: number;
}

export type LeaseResult = { acquired: true; lease: Lease } | { acquired: false; heldBy: Lease };

export class LeaseLostError extends Error {
  constructor(job: string, owner: string) {
    super(`job ${job}: lease of ${owner} was taken over by another invocation; stopping without committing`);
    this.name = 'LeaseLostError';
  }
}

export class StaleFenceError extends Error {
  constructor(job: string, what: string) {
    super(`job ${job}: ${what} was written by a newer lease holder; this invocation's result is discarded`);
    this.name = 'StaleFenceError';
  }
}

export interface StatusStore {
  acquireLease(job: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult>;
  /** Extends the lease; throws LeaseLostError when someone else holds it now. */
  renewLease(job: string, lease: Lease, ttlMs: number, now: number): Promise<Lease>;
  releaseLease(job: string, lease: Lease): Promise<void>;
  readLease(job: string): Promise<Lease | undefined>;

  getJob(job: string): Promise<JobState | undefined>;
  /**
   * Saves the job's state. With a fence, the write is refused (StaleFenceError) when a newer lease
   * holder already saved it, so a stalled run cannot move the job back.
   */
  putJob(job: string, state: JobState, fence?: number): Promise<void>;

  getShards(job: string): Promise<ShardCheckpoint[]>;
  /** Commits a shard's window; throws StaleFenceError if a newer lease holder already wrote it. */
  putShard(job: string, checkpoint: ShardCheckpoint): Promise<void>;

  getWindowEnds(job: string): Promise<WindowEnds | undefined>;
  /** Saves a compacted window's shard ends; throws StaleFenceError if a newer lease holder saved its own. */
  putWindowEnds(job: string, ends: WindowEnds): Promise<void>;

  getWindow(job: string, windowId: string): Promise<WindowRecord | undefined>;
  putWindow(job: string, record: WindowRecord): Promise<void>;
  /** Newest first. */
  listWindows(job: string, limit: number): Promise<WindowRecord[]>;

  /** Forgets where the job is (job state, shard checkpoints and window ends); leases and window history stay. */
  clearProgress(job: string): Promise<void>;
}
