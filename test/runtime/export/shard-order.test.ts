import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobSchema } from '../../../runtime/config/job.ts';
import { inLineageOrder, WindowStoppedError } from '../../../runtime/export/shard-order.ts';
import type { ShardPlan } from '../../../runtime/export/window-export.ts';
import { createOssClient } from '../../../runtime/oss/client.ts';
import { OssSink } from '../../../runtime/oss/sink.ts';

// How a window's shards run side by side when one fails: no new shard starts, the window's signal is
// aborted so the running ones stop (a series' next write fails) and are waited for, then the first
// error comes out. Nothing here reaches OSS: a stopped series fails before it sends anything, and the
// address is closed.

const job = jobSchema.parse({
  name: 'order', source: { instance: 'shop', table: 'orders' }, sink: { bucket: 'order-bucket', fileFormat: 'csv' }, speed: { concurrency: 2 },
});
const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
const window = { id: '20260314T1000Z', start: T0, end: T0 + 60_000, prefix: 'p' };
const layout = { prefix: window.prefix, windowId: window.id };
const schema = [{ name: 'a', type: 'string' }] as const;

function runOf(shardIds: string[]) {
  const client = createOssClient({ endpoint: 'http://127.0.0.1:9', bucket: 'order-bucket', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' } });
  return {
    job, window,
    stream: { streamId: 's', expirationHours: 24, shards: shardIds.map((shardId) => ({ shardId })), primaryKey: [] },
    sink: new OssSink(client, { config: job.sink, retry: (_what, fn) => fn() }),
    keepLease: async () => undefined,
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('inLineageOrder when a shard fails', () => {
  it('stops and waits for the running sibling, starts no other shard, then throws the first error', async () => {
    const run = runOf(['a', 'b', 'c']);
    const plans: ShardPlan[] = run.stream.shards.map((shard) => ({ shard }));
    const started: string[] = [];
    const bMayWrite = deferred();
    let bError: unknown;
    let bAborted = false;
    let settled = false;
    const order = inLineageOrder(run, plans, async (plan, signal) => {
      const id = plan.shard.shardId;
      started.push(id);
      if (id === 'a') {
        await turns(1);
        throw new Error('shard a failed');
      }
      const series = run.sink.openSeries(layout, id, schema, signal);
      try {
        await bMayWrite.promise;
        await series.write([['row']]);
        await series.finish();
        return { ended: true };
      } catch (error) {
        bError = error;
        await series.abort();
        bAborted = true;
        throw error;
      }
    }).finally(() => {
      settled = true;
    });
    order.catch(() => undefined);
    await turns(10);
    assert.equal(settled, false, 'returned while shard b was still running');
    bMayWrite.resolve();
    await assert.rejects(order, { message: 'shard a failed' });
    assert.ok(bError instanceof WindowStoppedError, 'shard b was stopped at its next write');
    assert.match(bError.message, /window 20260314T1000Z: stopped because its shard a failed \(shard a failed\)/);
    assert.ok(bAborted);
    assert.deepEqual(started, ['a', 'b'], 'shard c never started');
  });

  it('throws the first error when both running shards fail', async () => {
    const run = runOf(['a', 'b']);
    const plans: ShardPlan[] = run.stream.shards.map((shard) => ({ shard }));
    const order = inLineageOrder(run, plans, async (plan) => {
      await turns(plan.shard.shardId === 'a' ? 3 : 1);
      throw new Error(`shard ${plan.shard.shardId} failed`);
    });
    await assert.rejects(order, { message: 'shard b failed' });
  });

  it('a shard that waits on nothing but the signal is woken by the failure', async () => {
    const run = runOf(['a', 'b']);
    const plans: ShardPlan[] = run.stream.shards.map((shard) => ({ shard }));
    const order = inLineageOrder(run, plans, async (plan, signal) => {
      if (plan.shard.shardId === 'a') throw new Error('shard a failed');
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      return { ended: true };
    });
    await assert.rejects(order, { message: 'shard a failed' });
  });

  it('each window gets a signal of its own: a later one is not stopped by an earlier failure', async () => {
    const run = runOf(['a', 'b']);
    const plans: ShardPlan[] = run.stream.shards.map((shard) => ({ shard }));
    const signals: AbortSignal[] = [];
    await assert.rejects(inLineageOrder(run, plans, async (_plan, signal) => {
      signals.push(signal);
      throw new Error('failed');
    }));
    assert.ok(signals.every((s) => s.aborted));
    await inLineageOrder(run, plans, async (_plan, signal) => {
      signals.push(signal);
      return { ended: true };
    });
    assert.deepEqual(signals.slice(2).map((s) => s.aborted), [false, false]);
  });
});
