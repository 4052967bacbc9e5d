import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Crc64, crc64, crc64Combine } from '../../../emulators/oss/crc64.ts';
import { bytes } from './helpers.ts';

// Check values of the CRC-64 variant OSS uses (ECMA-182 polynomial, reflected, all-ones init and xorout),
// as published with the OSS Go SDK's CRC tests and the CRC catalogue entry CRC-64/XZ.
const VECTORS: Array<[string, bigint]> = [
  ['123456789', 0x995dc9bbdf1939fan],
  ['This is a test of the emergency broadcast system.', 0x27db187fc15bbc72n],
  ['Even if I could be Shakespeare, I think I should still choose to be Faraday. - A. Huxley', 0x7ad25fafa1710407n],
];

describe('crc64 (x-oss-hash-crc64ecma)', () => {
  it('matches the published check values', () => {
    for (const [text, expected] of VECTORS) assert.equal(crc64(Buffer.from(text)), expected, text);
    assert.equal(crc64(Buffer.alloc(0)), 0n);
  });

  it('gives the same value however the data is chunked, and continues from a finished CRC', () => {
    const data = bytes(10_000, 7);
    const whole = crc64(data);
    const chunked = new Crc64();
    for (let i = 0; i < data.length; i += 333) chunked.update(data.subarray(i, i + 333));
    assert.equal(chunked.digest(), whole);
    assert.equal(new Crc64(crc64(data.subarray(0, 4321))).update(data.subarray(4321)).digest(), whole);
  });

  it('combines the CRCs of two pieces into the CRC of their concatenation', () => {
    const text = Buffer.from(VECTORS[2]![0]);
    for (let cut = 0; cut <= text.length; cut++) {
      const combined = crc64Combine(crc64(text.subarray(0, cut)), crc64(text.subarray(cut)), text.length - cut);
      assert.equal(combined, VECTORS[2]![1], `cut at ${cut}`);
    }
    const big = bytes(300_000, 3);
    const parts = [big.subarray(0, 100_000), big.subarray(100_000, 250_000), big.subarray(250_000)];
    const folded = parts.reduce((acc, p, i) => (i === 0 ? crc64(p) : crc64Combine(acc, crc64(p), p.length)), 0n);
    assert.equal(folded, crc64(big));
  });
});
