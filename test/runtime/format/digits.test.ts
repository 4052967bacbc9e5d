import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from '../../../runtime/format/byte-writer.ts';
import { putInt64, putSafeInteger, putShortDecimal } from '../../../runtime/format/digits.ts';
import { javaDouble, jsonDouble } from '../../../runtime/format/values.ts';
import { seededRandom } from '../../../runtime/util/random.ts';

// The digit writers against the general path they stand in for: String, BigInt#toString, javaDouble
// and jsonDouble, over random values of every magnitude and the edges where the fast path gives up.

const random = seededRandom(20261126);
const text = (write: (out: ByteWriter) => unknown): { done: unknown; text: string } => {
  // A small chunk, so values also land across a chunk change.
  const out = new ByteWriter(32);
  out.ascii('x'.repeat(Math.floor(random() * 30)));
  const before = out.pos;
  const done = write(out);
  return { done, text: Buffer.from(out.take()).subarray(before).toString('latin1') };
};

function randomIntegers(count: number): number[] {
  const edges = [0, 1, -1, 9, 10, 99, 100, 999_999_999, 1e9, 1e9 + 1, 1e10 + 7, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 1_767_268_800_000];
  const out = [...edges];
  for (let i = 0; i < count; i++) {
    const magnitude = Math.floor(random() * 2 ** Math.floor(random() * 54));
    out.push(random() < 0.3 ? -magnitude : magnitude);
  }
  return out;
}

describe('digit writers', () => {
  it('putSafeInteger writes what String writes', () => {
    for (const n of randomIntegers(20_000)) assert.equal(text((out) => putSafeInteger(out, n)).text, String(n), `for ${n}`);
  });

  it('putInt64 writes what BigInt#toString writes, and declines past ±2^53', () => {
    for (const n of randomIntegers(5_000)) {
      const v = BigInt(n);
      const got = text((out) => putInt64(out, v));
      assert.equal(got.done, true);
      assert.equal(got.text, v.toString());
    }
    for (const v of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)]) {
      assert.deepEqual(text((out) => putInt64(out, v)), { done: false, text: '' }, `for ${v}`);
    }
  });

  it('putShortDecimal writes what javaDouble and jsonDouble write, for decimals of up to four places', () => {
    let taken = 0;
    for (let i = 0; i < 50_000; i++) {
      const places = Math.floor(random() * 5);
      const units = Math.floor(random() * 10 ** Math.floor(random() * 12));
      let x = units / 10 ** places;
      if (random() < 0.3) x = -x;
      const got = text((out) => putShortDecimal(out, x));
      const abs = Math.abs(x);
      if (abs >= 1e-3 && abs < 1e7) {
        assert.equal(got.done, true, `declined ${x}`);
        taken++;
      }
      if (got.done) {
        assert.equal(got.text, javaDouble(x), `for ${x}`);
        assert.equal(got.text, jsonDouble(x), `for ${x}`);
      } else assert.equal(got.text, '');
    }
    assert.ok(taken > 20_000, `only ${taken} values took the fast path`);
  });

  it('putShortDecimal declines every other double, and never writes a wrong one', () => {
    const view = new DataView(new ArrayBuffer(8));
    const edges = [0, -0, NaN, Infinity, -Infinity, 1e-3, 0.000999, 1e7, 9_999_999.9999, 9_999_999.99999, 0.1 + 0.2, 1 / 3, 5e-324, 2 ** 53];
    const values = [...edges];
    for (let i = 0; i < 50_000; i++) {
      // Raw bit patterns cover every exponent; scaled ones land in the range with long fractions.
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      values.push(view.getFloat64(0), random() * 10 ** Math.floor(random() * 8));
    }
    for (const x of values) {
      const got = text((out) => putShortDecimal(out, x));
      if (got.done) {
        assert.equal(got.text, javaDouble(x), `for ${x}`);
        assert.equal(got.text, jsonDouble(x), `for ${x}`);
      } else assert.equal(got.text, '');
    }
    assert.deepEqual(text((out) => putShortDecimal(out, 0.1 + 0.2)), { done: false, text: '' });
    assert.deepEqual(text((out) => putShortDecimal(out, 1e-3)), { done: true, text: '0.001' });
    assert.deepEqual(text((out) => putShortDecimal(out, -9_999_999.9999)), { done: true, text: '-9999999.9999' });
    assert.deepEqual(text((out) => putShortDecimal(out, 100)), { done: true, text: '100.0' });
  });
});
