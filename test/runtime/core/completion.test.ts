import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blockedShardCompletion,
  placeOf,
  shardCompletion,
  windowCompletion,
  type ShardCompletion,
  type ShardReadState,
} from '../../../runtime/core/completion.ts';
import { windowOf } from '../../../runtime/core/window.ts';
import { forSeeds } from './random.ts';

const w = windowOf(Date.parse('2026-11-26T10:50:00Z'), 5);
const state = (s: Partial<ShardReadState>): ShardReadState => ({ passedEnd: false, shardEnded: false, caughtUp: false, ...s });

describe('placeOf', () => {
  it('compares microsecond commit times with the half-open window', () => {
    assert.equal(placeOf(w.start * 1000 - 1, w), 'before');
    assert.equal(placeOf(w.start * 1000, w), 'inside');
    assert.equal(placeOf(w.end * 1000 - 1, w), 'inside');
    assert.equal(placeOf(w.end * 1000, w), 'after');
  });

  it('agrees with windowOf on the millisecond (seeded)', () => {
    forSeeds(300, (r) => {
      const micros = r.int(w.start * 1000 - 600_000_000, w.end * 1000 + 600_000_000);
      const ms = Math.floor(micros / 1000);
      const expected = ms < w.start ? 'before' : ms >= w.end ? 'after' : 'inside';
      assert.equal(placeOf(micros, w), expected);
    });
  });
});

describe('shardCompletion', () => {
  const lag = 60;
  it('is complete once the shard passed the end or reached SHARD_END, whatever the clock', () => {
    assert.deepEqual(shardCompletion(state({ passedEnd: true }), w, w.end, lag), { complete: true, reason: 'passed-end' });
    assert.deepEqual(shardCompletion(state({ shardEnded: true }), w, w.start, lag), { complete: true, reason: 'shard-end' });
  });

  it('is complete when caught up only once the window has settled', () => {
    const caughtUp = state({ caughtUp: true });
    assert.deepEqual(shardCompletion(caughtUp, w, w.end + lag * 1000 - 1, lag), { complete: false, reason: 'too-recent' });
    assert.deepEqual(shardCompletion(caughtUp, w, w.end + lag * 1000, lag), { complete: true, reason: 'caught-up' });
    assert.deepEqual(shardCompletion(state({}), w, w.end + 86_400_000, lag), { complete: false, reason: 'reading' });
  });

  it('lets a child wait out its parents, or skip the window when they passed its end', () => {
    const passed: ShardCompletion = { complete: true, reason: 'passed-end' };
    const ended: ShardCompletion = { complete: true, reason: 'shard-end' };
    const reading: ShardCompletion = { complete: false, reason: 'reading' };
    assert.deepEqual(blockedShardCompletion([passed, passed]), { complete: true, reason: 'after-parents' });
    assert.deepEqual(blockedShardCompletion([passed, reading]), { complete: false, reason: 'parents-reading' });
    assert.deepEqual(blockedShardCompletion([ended]), { complete: false, reason: 'parents-reading' });
    assert.deepEqual(blockedShardCompletion([]), { complete: false, reason: 'parents-reading' });
  });
});

describe('windowCompletion', () => {
  it('is complete when every shard is, and lists the rest by id', () => {
    const shards = new Map<string, ShardCompletion>([
      ['b', { complete: false, reason: 'too-recent' }],
      ['a', { complete: true, reason: 'caught-up' }],
      ['c', { complete: false, reason: 'reading' }],
    ]);
    assert.deepEqual(windowCompletion(shards), { complete: false, pending: [{ shardId: 'b', reason: 'too-recent' }, { shardId: 'c', reason: 'reading' }] });
    shards.set('b', { complete: true, reason: 'passed-end' });
    shards.set('c', { complete: true, reason: 'shard-end' });
    assert.deepEqual(windowCompletion(shards), { complete: true, pending: [] });
    assert.deepEqual(windowCompletion(new Map()), { complete: true, pending: [] });
  });
});
