import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../runtime/util/random.ts';

describe('seededRandom', () => {
  it('replays the same sequence for a seed, a different one for another seed, within [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    const a = take(7);
    assert.deepEqual(take(7), a);
    assert.notDeepEqual(take(8), a);
    assert.ok(a.every((x) => x >= 0 && x < 1));
    // Spread over the interval, not stuck: every tenth of it is hit.
    assert.equal(new Set(a.map((x) => Math.floor(x * 10))).size, 10);
  });

  it('treats seed 0 like 1 instead of returning zeros forever', () => {
    assert.deepEqual(Array.from({ length: 5 }, seededRandom(0)), Array.from({ length: 5 }, seededRandom(1)));
  });
});
