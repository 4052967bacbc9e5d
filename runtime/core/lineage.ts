// Shard lineage: a shard is read only after its parent and parent sibling have been read to SHARD_END,
// so that the changes of one row key come out in commit order across splits and merges.
//
// A parent that is absent from the stream's listing counts as finished only if this job never started
// reading it: it expired (or was trimmed) before the job began, so none of its records are ours to export.
// If the job did start it and did not reach SHARD_END, its remaining records expired unread: that is data
// loss, reported as a LineageError, never skipped.
import type { ShardInfo } from './change.ts';

export interface ShardProgress {
  /** Shards this job has read to SHARD_END. */
  finished: ReadonlySet<string>;
  /** Shards this job has a checkpoint for that is not SHARD_END. */
  started: ReadonlySet<string>;
}

export interface ShardPlan {
  /** Every listed shard not yet finished, parents before children (ties by shard id). */
  order: string[];
  /** The shards of `order` that may be read now. */
  readable: string[];
  /** The others, each with the unfinished shards it waits for. */
  blocked: Array<{ shardId: string; waitingFor: string[] }>;
}

export type LineageProblem = 'duplicate-shard' | 'self-parent' | 'cycle' | 'lost-shard';

export class LineageError extends Error {
  constructor(readonly problem: LineageProblem, readonly shardIds: string[], message: string) {
    super(message);
    this.name = 'LineageError';
  }
}

function parentsOf(shard: ShardInfo): string[] {
  const out: string[] = [];
  if (shard.parentId) out.push(shard.parentId);
  if (shard.parentSiblingId && shard.parentSiblingId !== shard.parentId) out.push(shard.parentSiblingId);
  return out;
}

/** The parents a shard waits for: those listed and not finished. A parent absent from the listing holds nothing back. */
export function waitingFor(shard: ShardInfo, listed: ReadonlyMap<string, unknown> | ReadonlySet<string>, finished: ReadonlySet<string>): string[] {
  const parents = parentsOf(shard);
  if (parents.includes(shard.shardId)) throw new LineageError('self-parent', [shard.shardId], `shard ${shard.shardId} names itself as its parent`);
  return parents.filter((id) => listed.has(id) && !finished.has(id));
}

/**
 * The shards of `pending` that may be read now, by shard id: each parent is finished or absent from the
 * listing `all`. (planShards also checks the listing for lost shards and cycles; use it once per window.)
 */
export function readyShards(pending: readonly ShardInfo[], finished: ReadonlySet<string>, all: readonly ShardInfo[]): ShardInfo[] {
  const listed = new Set(all.map((s) => s.shardId));
  return pending
    .filter((s) => waitingFor(s, listed, finished).length === 0)
    .sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));
}

export function planShards(shards: readonly ShardInfo[], progress: ShardProgress): ShardPlan {
  const byId = new Map<string, ShardInfo>();
  for (const shard of shards) {
    if (byId.has(shard.shardId)) {
      throw new LineageError('duplicate-shard', [shard.shardId], `the stream lists shard ${shard.shardId} twice`);
    }
    byId.set(shard.shardId, shard);
  }

  const lost = [...progress.started].filter((id) => !byId.has(id) && !progress.finished.has(id)).sort();
  if (lost.length) {
    throw new LineageError(
      'lost-shard',
      lost,
      `shard(s) ${lost.join(', ')} left the stream before being read to their end: their remaining records expired ` +
        'or were trimmed unread. The export stops here rather than skip them; see the stream expiration time.',
    );
  }

  const todo = [...byId.keys()].filter((id) => !progress.finished.has(id)).sort();
  const waits = new Map<string, string[]>();
  for (const id of todo) waits.set(id, waitingFor(byId.get(id) as ShardInfo, byId, progress.finished));

  const order = topologicalOrder(todo, waits);
  const readable: string[] = [];
  const blocked: ShardPlan['blocked'] = [];
  for (const id of order) {
    const waitingFor = waits.get(id) as string[];
    if (waitingFor.length === 0) readable.push(id);
    else blocked.push({ shardId: id, waitingFor });
  }
  return { order, readable, blocked };
}

/** Every listed shard, parents before children (ties by shard id): the order a window's objects apply in. */
export function lineageOrder(shards: readonly ShardInfo[]): string[] {
  return planShards(shards, { finished: new Set(), started: new Set() }).order;
}

/** Kahn's algorithm, always taking the smallest ready id, so the order is deterministic. */
function topologicalOrder(ids: string[], waits: Map<string, string[]>): string[] {
  const remaining = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of ids) {
    const parents = waits.get(id) as string[];
    remaining.set(id, parents.length);
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
  }
  const ready = ids.filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    ready.sort();
    const id = ready.shift() as string;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const left = (remaining.get(child) as number) - 1;
      remaining.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length !== ids.length) {
    const stuck = ids.filter((id) => (remaining.get(id) as number) > 0);
    throw new LineageError('cycle', stuck, `shards ${stuck.join(', ')} are each other's ancestors; the stream's shard listing is inconsistent`);
  }
  return order;
}
