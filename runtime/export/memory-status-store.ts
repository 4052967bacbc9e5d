import {
  LeaseLostError,
  StaleFenceError,
  type JobState,
  type Lease,
  type LeaseResult,
  type ShardCheckpoint,
  type StatusStore,
  type WindowEnds,
  type WindowRecord,
} from './status-store.ts';

// In-process backend with the same semantics as the Tablestore one; for unit tests and dry runs.

interface JobRows {
  lease?: Lease;
  job?: JobState;
  jobFence?: number;
  shards: Map<string, ShardCheckpoint>;
  ends?: WindowEnds;
  windows: Map<string, WindowRecord>;
}

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryStatusStore implements StatusStore {
  private readonly jobs = new Map<string, JobRows>();

  private rows(job: string): JobRows {
    let rows = this.jobs.get(job);
    if (!rows) this.jobs.set(job, (rows = { shards: new Map(), windows: new Map() }));
    return rows;
  }

  async acquireLease(job: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult> {
    const rows = this.rows(job);
    const current = rows.lease;
    if (current && current.expiresAt > now && current.owner !== '') return { acquired: false, heldBy: clone(current) };
    const lease = { owner, fence: (current?.fence ?? 0) + 1, expiresAt: now + ttlMs };
    rows.lease = lease;
    return { acquired: true, lease: clone(lease) };
  }

  async renewLease(job: string, lease: Lease, ttlMs: number, now: number): Promise<Lease> {
    const rows = this.rows(job);
    if (rows.lease?.fence !== lease.fence) throw new LeaseLostError(job, lease.owner);
    rows.lease = { ...lease, expiresAt: now + ttlMs };
    return clone(rows.lease);
  }

  async releaseLease(job: string, lease: Lease): Promise<void> {
    const rows = this.rows(job);
    if (rows.lease?.fence === lease.fence) rows.lease = { owner: '', fence: lease.fence, expiresAt: 0 };
  }

  async readLease(job: string): Promise<Lease | undefined> {
    const lease = this.rows(job).lease;
    return lease ? clone(lease) : undefined;
  }

  async getJob(job: string): Promise<JobState | undefined> {
    const state = this.rows(job).job;
    return state ? clone(state) : undefined;
  }

  async putJob(job: string, state: JobState, fence?: number): Promise<void> {
    const rows = this.rows(job);
    if (fence !== undefined && (rows.jobFence ?? 0) > fence) throw new StaleFenceError(job, 'the job state');
    rows.job = clone(state);
    if (fence !== undefined) rows.jobFence = fence;
  }

  async getShards(job: string): Promise<ShardCheckpoint[]> {
    return [...this.rows(job).shards.values()].map(clone);
  }

  async putShard(job: string, checkpoint: ShardCheckpoint): Promise<void> {
    const shards = this.rows(job).shards;
    const existing = shards.get(checkpoint.shardId);
    if (existing && existing.fence > checkpoint.fence) throw new StaleFenceError(job, `shard ${checkpoint.shardId}`);
    shards.set(checkpoint.shardId, clone(checkpoint));
  }

  async getWindowEnds(job: string): Promise<WindowEnds | undefined> {
    const ends = this.rows(job).ends;
    return ends ? clone(ends) : undefined;
  }

  async putWindowEnds(job: string, ends: WindowEnds): Promise<void> {
    const rows = this.rows(job);
    if (rows.ends && rows.ends.fence > ends.fence) throw new StaleFenceError(job, 'the window ends');
    rows.ends = clone(ends);
  }

  async getWindow(job: string, windowId: string): Promise<WindowRecord | undefined> {
    const record = this.rows(job).windows.get(windowId);
    return record ? clone(record) : undefined;
  }

  async putWindow(job: string, record: WindowRecord): Promise<void> {
    this.rows(job).windows.set(record.windowId, clone(record));
  }

  async clearProgress(job: string): Promise<void> {
    const rows = this.rows(job);
    rows.job = undefined;
    rows.jobFence = undefined;
    rows.shards.clear();
    rows.ends = undefined;
  }

  async listWindows(job: string, limit: number): Promise<WindowRecord[]> {
    return [...this.rows(job).windows.values()]
      .sort((a, b) => b.start - a.start)
      .slice(0, limit)
      .map(clone);
  }
}
