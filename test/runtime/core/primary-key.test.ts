import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import { compareBytes, compareKeys, compareStrings, keyString } from '../../../runtime/core/primary-key.ts';
import { forSeeds, type Random } from './random.ts';

const sign = (n: number) => Math.sign(n);
const ALPHABET = ['a', 'b', 'é', '\u0000', ':', ';', 's1', '\uffff', '\ue000', '😀', '𝄞', '中'];
const randomString = (r: Random) => Array.from({ length: r.int(0, 4) }, () => r.pick(ALPHABET)).join('');

describe('primary keys', () => {
  it('orders strings by UTF-8 bytes, as Tablestore does (seeded)', () => {
    forSeeds(500, (r) => {
      const a = randomString(r);
      const b = randomString(r);
      assert.equal(sign(compareStrings(a, b)), sign(Buffer.compare(Buffer.from(a), Buffer.from(b))), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    });
    assert.ok('😀' < '\uffff' && compareStrings('😀', '\uffff') > 0, 'astral characters sort after the BMP');
  });

  it('orders binaries bytewise, shorter first on a common prefix', () => {
    assert.ok(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3])) < 0);
    assert.ok(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0])) < 0);
    assert.equal(compareBytes(new Uint8Array([255]), new Uint8Array([255])), 0);
  });

  it('orders keys column by column, integers numerically', () => {
    const k = (a: bigint, b: string): PrimaryKeyColumn[] => [{ name: 'a', value: a }, { name: 'b', value: b }];
    assert.ok(compareKeys(k(-10n, 'z'), k(2n, 'a')) < 0);
    assert.ok(compareKeys(k(2n, 'b'), k(2n, 'a')) > 0);
    assert.equal(compareKeys(k(2n, 'a'), k(2n, 'a')), 0);
  });

  it('gives distinct keys distinct map keys, whatever the values hold (seeded)', () => {
    forSeeds(100, (r) => {
      const keys = Array.from({ length: 30 }, (): PrimaryKeyColumn[] => [
        { name: 'a', value: randomString(r) },
        r.bool() ? { name: 'b', value: BigInt(r.int(-3, 3)) } : { name: 'b', value: new Uint8Array(Array.from({ length: r.int(0, 3) }, () => r.int(0, 255))) },
      ]);
      for (const x of keys) {
        for (const y of keys) {
          const same = x.every((c, i) => {
            const v = (y[i] as PrimaryKeyColumn).value;
            const u = c.value;
            return u instanceof Uint8Array && v instanceof Uint8Array ? compareBytes(u, v) === 0 : u === v;
          });
          assert.equal(keyString(x) === keyString(y), same);
        }
      }
    });
  });
});
