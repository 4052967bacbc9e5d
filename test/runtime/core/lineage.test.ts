import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShardInfo } from '../../../runtime/core/change.ts';
import { LineageError, planShards, readyShards } from '../../../runtime/core/lineage.ts';
import { forSeeds, type Random } from './random.ts';

const none = new Set<string>();
const progress = (finished: string[] = [], started: string[] = []) => ({ finished: new Set(finished), started: new Set(started) });

/** A random history of splits and merges: ended shards have children, open ones do not. */
function history(r: Random): { shards: ShardInfo[]; ended: Set<string> } {
  const shards: ShardInfo[] = [];
  const open: string[] = [];
  const ended = new Set<string>();
  let next = 0;
  const add = (info: Omit<ShardInfo, 'shardId'>): void => {
    const shardId = `s${String(next++).padStart(3, '0')}`;
    shards.push({ shardId, ...info });
    open.push(shardId);
  };
  const take = (): string => open.splice(r.int(0, open.length - 1), 1)[0] as string;
  for (let i = r.int(1, 3); i > 0; i--) add({});
  for (let step = r.int(0, 12); step > 0; step--) {
    if (open.length >= 2 && r.bool(0.4)) {
      const a = take();
      const b = take();
      ended.add(a).add(b);
      add({ parentId: a, parentSiblingId: b });
    } else {
      const p = take();
      ended.add(p);
      add({ parentId: p });
      add({ parentId: p });
    }
  }
  // Listings come in any order.
  for (let i = shards.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [shards[i], shards[j]] = [shards[j] as ShardInfo, shards[i] as ShardInfo];
  }
  return { shards, ended };
}

describe('planShards', () => {
  it('reads a split parent first, then both children', () => {
    const shards = [{ shardId: 'c1', parentId: 'p' }, { shardId: 'c2', parentId: 'p' }, { shardId: 'p' }];
    assert.deepEqual(planShards(shards, progress()), {
      order: ['p', 'c1', 'c2'],
      readable: ['p'],
      blocked: [{ shardId: 'c1', waitingFor: ['p'] }, { shardId: 'c2', waitingFor: ['p'] }],
    });
    assert.deepEqual(planShards(shards, progress(['p'])).readable, ['c1', 'c2']);
  });

  it('reads a merged shard only after its parent and parent sibling', () => {
    const shards = [{ shardId: 'a' }, { shardId: 'b' }, { shardId: 'm', parentId: 'a', parentSiblingId: 'b' }];
    assert.deepEqual(planShards(shards, progress(['a'])).blocked, [{ shardId: 'm', waitingFor: ['b'] }]);
    assert.deepEqual(planShards(shards, progress(['a', 'b'])).readable, ['m']);
  });

  it('treats a parent missing from the listing as finished only if the job never started it', () => {
    const shards = [{ shardId: 'c', parentId: 'gone' }];
    assert.deepEqual(planShards(shards, progress()).readable, ['c']);
    assert.deepEqual(planShards(shards, progress(['gone'])).readable, ['c']);
    assert.throws(() => planShards(shards, progress([], ['gone'])), (e: unknown) => {
      assert.ok(e instanceof LineageError);
      assert.equal(e.problem, 'lost-shard');
      assert.deepEqual(e.shardIds, ['gone']);
      assert.match(e.message, /expired or were trimmed unread/);
      return true;
    });
  });

  it('reports any started shard that left the stream unfinished, parent or not', () => {
    assert.throws(() => planShards([{ shardId: 'a' }], progress([], ['a', 'b'])), /shard\(s\) b left the stream/);
  });

  it('reports duplicate ids, self-parents and cycles', () => {
    const problem = (shards: ShardInfo[]) => {
      try {
        planShards(shards, progress());
      } catch (e) {
        if (e instanceof LineageError) return [e.problem, e.shardIds];
        throw e;
      }
      return null;
    };
    assert.deepEqual(problem([{ shardId: 'a' }, { shardId: 'a' }]), ['duplicate-shard', ['a']]);
    assert.deepEqual(problem([{ shardId: 'a', parentId: 'a' }]), ['self-parent', ['a']]);
    assert.deepEqual(problem([{ shardId: 'a', parentId: 'b' }, { shardId: 'b', parentId: 'a' }, { shardId: 'c', parentId: 'b' }]), ['cycle', ['a', 'b', 'c']]);
  });

  it('orders parents first and lets every shard be read in turn (seeded)', () => {
    forSeeds(200, (r) => {
      const { shards, ended } = history(r);
      const byId = new Map(shards.map((s) => [s.shardId, s]));
      const parents = (s: ShardInfo) => [s.parentId, s.parentSiblingId].filter((p): p is string => !!p);
      const finished = new Set<string>();
      const readOrder: string[] = [];
      for (let round = 0; round <= shards.length; round++) {
        const plan = planShards(shards, { finished, started: none });
        const position = new Map(plan.order.map((id, i) => [id, i]));
        assert.deepEqual([...plan.order].sort(), shards.map((s) => s.shardId).filter((id) => !finished.has(id)).sort());
        for (const id of plan.order) {
          for (const p of parents(byId.get(id) as ShardInfo)) {
            if (!finished.has(p)) assert.ok((position.get(p) as number) < (position.get(id) as number), `${p} before ${id}`);
          }
        }
        for (const id of plan.readable) {
          assert.ok(parents(byId.get(id) as ShardInfo).every((p) => finished.has(p)), `${id} readable only after its parents`);
        }
        assert.deepEqual(
          readyShards(shards.filter((s) => !finished.has(s.shardId)), finished, shards).map((s) => s.shardId),
          plan.readable,
        );
        const toRead = plan.readable.filter((id) => ended.has(id));
        if (toRead.length === 0) {
          // Only open shards are left, and all of them are readable.
          assert.deepEqual(plan.blocked, []);
          break;
        }
        const id = r.pick(toRead);
        readOrder.push(id);
        finished.add(id);
      }
      assert.deepEqual(new Set(readOrder), ended, 'every ended shard was read to its end');
    });
  });

  it('carries on once old ancestors expire from the listing (seeded)', () => {
    forSeeds(100, (r) => {
      const { shards, ended } = history(r);
      const expired = new Set([...ended].filter(() => r.bool(0.5)));
      const listed = shards.filter((s) => !expired.has(s.shardId));
      // Expired shards were finished before they left, or never seen by this job.
      const finished = new Set([...expired].filter(() => r.bool()));
      const plan = planShards(listed, { finished, started: none });
      const listedIds = new Set(listed.map((s) => s.shardId));
      for (const b of plan.blocked) assert.ok(b.waitingFor.every((p) => listedIds.has(p)));
      const someExpired = [...expired].find((id) => !finished.has(id));
      if (someExpired) {
        assert.throws(() => planShards(listed, { finished, started: new Set([someExpired]) }), LineageError);
      }
    });
  });
});
