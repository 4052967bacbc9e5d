import { LineageError, readyShards } from '../core/lineage.ts';
import type { ShardPlan, WindowRun } from './window-export.ts';

// A window's shards in lineage order: a shard is read once its parents have finished, at most
// speed.concurrency at a time.

/** What the ordering reads of a window's run. */
export type OrderedRun = Pick<WindowRun, 'job' | 'window' | 'stream' | 'keepLease'>;

/** What a window's other shards stop with once one of them failed; the window throws that shard's failure. */
export class WindowStoppedError extends Error {
  constructor(windowId: string, shardId: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`window ${windowId}: stopped because its shard ${shardId} failed (${why})`, { cause });
    this.name = 'WindowStoppedError';
  }
}

function finishedBefore(run: OrderedRun, plans: ShardPlan[]): Set<string> {
  const planned = new Set(plans.map((p) => p.shard.shardId));
  return new Set(run.stream.shards.map((s) => s.shardId).filter((id) => !planned.has(id)));
}

/**
 * Runs `work` over shards as their parents finish, at most `concurrency` at a time. A child whose
 * parent passed the window's end without ending has nothing in this window: it waits for the next.
 * `signal` is the window's: aborted at the first failure, with a WindowStoppedError as its reason.
 */
export async function inLineageOrder(
  run: OrderedRun,
  plans: ShardPlan[],
  work: (plan: ShardPlan, signal: AbortSignal) => Promise<{ ended: boolean } | 'behind'>,
): Promise<'behind' | void> {
  const stop = new AbortController();
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
    const outcomes = await settleAll(run, stop, ready.map((s) => ({ shardId: s.shardId, done: work(pending.get(s.shardId)!, stop.signal) })));
    if (outcomes.includes('behind')) return 'behind';
    ready.forEach((s, i) => {
      pending.delete(s.shardId);
      ((outcomes[i] as { ended: boolean }).ended ? finished : passedEnd).add(s.shardId);
    });
    await run.keepLease();
  }
}

/**
 * Waits for every running shard. At the first failure the window's signal is aborted: the others stop
 * at their next check (a batch read, a linger sleep, a write; they abort their uploads) and are waited
 * for, so no work of the run goes on after it returns (on FC it would resume in a later invocation,
 * beside a newer lease); then that first failure is thrown.
 */
async function settleAll<T>(run: OrderedRun, stop: AbortController, running: Array<{ shardId: string; done: Promise<T> }>): Promise<T[]> {
  let failure: { error: unknown } | undefined;
  const settled = await Promise.allSettled(running.map(({ shardId, done }) => done.catch((error: unknown) => {
    if (!failure) {
      failure = { error };
      stop.abort(new WindowStoppedError(run.window.id, shardId, error));
    }
    throw error;
  })));
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
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
