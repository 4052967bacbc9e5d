// CRC-64 as OSS reports it in x-oss-hash-crc64ecma: the ECMA-182 polynomial, bit-reflected, with an
// all-ones initial value and final xor (also catalogued as CRC-64/XZ; "123456789" -> 0x995DC9BBDF1939FA).
// The running state is kept as two 32-bit halves so the per-byte loop avoids BigInt.

const POLY_REFLECTED = 0xc96c5795d7870f42n;
const MASK32 = 0xffffffffn;

const TABLE_HI = new Int32Array(256);
const TABLE_LO = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = BigInt(n);
  for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY_REFLECTED : c >> 1n;
  TABLE_HI[n] = Number(c >> 32n) | 0;
  TABLE_LO[n] = Number(c & MASK32) | 0;
}

/** Incremental CRC-64; `update` may be called with any chunking. */
export class Crc64 {
  // The register holds the inverted CRC, so starting from a finished CRC continues it.
  private hi: number;
  private lo: number;

  constructor(start: bigint = 0n) {
    const inv = start ^ 0xffffffffffffffffn;
    this.hi = Number(inv >> 32n) | 0;
    this.lo = Number(inv & MASK32) | 0;
  }

  update(data: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TABLE_LO[idx]!;
      hi = (hi >>> 8) ^ TABLE_HI[idx]!;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  digest(): bigint {
    return ((BigInt(~this.hi >>> 0) << 32n) | BigInt(~this.lo >>> 0)) & 0xffffffffffffffffn;
  }
}

export function crc64(data: Uint8Array): bigint {
  return new Crc64().update(data).digest();
}

// Combining works in GF(2) modulo the polynomial, reflected: bit 63 is x^0.
const X0 = 1n << 63n;

function multModP(a: bigint, b: bigint): bigint {
  let product = 0n;
  for (let m = X0; m !== 0n; m >>= 1n) {
    if (a & m) product ^= b;
    b = b & 1n ? (b >> 1n) ^ POLY_REFLECTED : b >> 1n;
  }
  return product;
}

/** X_POW_2N[k] = x^(2^k) mod P. */
const X_POW_2N: bigint[] = [];
{
  let p = 1n << 62n; // x^1
  for (let k = 0; k < 64; k++) {
    X_POW_2N.push(p);
    p = multModP(p, p);
  }
}

/** x^(8 * bytes) mod P: the shift that appending `bytes` bytes applies to a CRC. */
function shiftForBytes(bytes: bigint): bigint {
  let p = X0;
  let bits = bytes * 8n;
  for (let k = 0; bits > 0n; k++, bits >>= 1n) {
    if (bits & 1n) p = multModP(X_POW_2N[k % 64]!, p);
  }
  return p;
}

/** CRC of A||B from crc(A), crc(B) and the length of B, without the data (multipart completion). */
export function crc64Combine(crcA: bigint, crcB: bigint, lengthB: number | bigint): bigint {
  const len = BigInt(lengthB);
  if (len === 0n) return crcA;
  return multModP(shiftForBytes(len), crcA) ^ crcB;
}
