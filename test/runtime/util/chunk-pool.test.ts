import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkPool } from '../../../runtime/util/chunk-pool.ts';

// A chunk is lent again only once its borrower is done with it and every view handed out of it is released.

/** A chunk lent by a fresh pool, with views of its first `lengths` bytes, one after the other, handed out. */
function lentWithViews(...lengths: number[]): { pool: ChunkPool; chunk: Buffer; views: Uint8Array[] } {
  const pool = new ChunkPool(64, 8);
  const chunk = pool.lend();
  let at = 0;
  const views = lengths.map((n) => chunk.subarray(at, (at += n)));
  for (const view of views) pool.handOut(view);
  return { pool, chunk, views };
}

describe('chunk pool', () => {
  it('lends a chunk again only once it is retired and all its views are released', () => {
    const { pool, chunk, views: [a, b] } = lentWithViews(10, 20);
    pool.release([a!]);
    pool.retire(chunk);
    assert.equal(pool.spareCount, 0, 'b is still read');
    assert.notEqual(pool.lend(), chunk);
    pool.release([b!]);
    assert.equal(pool.spareCount, 1);
    assert.equal(pool.lend(), chunk);
    assert.equal(pool.spareCount, 0);
  });

  it('keeps a chunk its borrower still writes into, views released or not', () => {
    const { pool, chunk, views: [view] } = lentWithViews(5);
    pool.release([view!]);
    assert.equal(pool.spareCount, 0);
    pool.retire(chunk);
    assert.equal(pool.spareCount, 1);
  });

  it('ignores views of memory it never lent, and chunks beyond what it keeps spare', () => {
    const pool = new ChunkPool(64, 2);
    const foreign = Buffer.alloc(64);
    pool.handOut(foreign);
    pool.release([foreign, foreign.subarray(3, 9)]);
    pool.retire(foreign);
    assert.equal(pool.spareCount, 0);
    const chunks = [pool.lend(), pool.lend(), pool.lend()];
    for (const c of chunks) pool.retire(c);
    assert.equal(pool.spareCount, 2);
  });

  it('refuses a release of more than was handed out (a view released twice)', () => {
    const { pool, views: [a] } = lentWithViews(10, 10);
    pool.release([a!]);
    assert.throws(() => pool.release([a!, a!]), /released more than once/);
  });

  it('lends a chunk once at a time: one retired twice comes back once', () => {
    const pool = new ChunkPool(64, 8);
    const chunk = pool.lend();
    pool.retire(chunk);
    pool.retire(chunk);
    assert.equal(pool.spareCount, 1);
    const again = pool.lend();
    const other = pool.lend();
    assert.equal(again, chunk);
    assert.notEqual(other, chunk);
  });
});
