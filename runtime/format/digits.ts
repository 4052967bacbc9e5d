import type { ByteWriter } from './byte-writer.ts';

// Numbers written as digits straight into the output, for the shapes tables hold most: integers that fit
// a double exactly (keys, counts, epoch milliseconds) and doubles with a few decimals (prices, amounts).
// Number#toString and BigInt#toString cost two to three times as much per value. Anything else returns false
// and the caller takes the general path, so every output equals what that path writes.

const MAX_SAFE_BIG = 2n ** 53n;
const POW10 = [1, 10, 100, 1000, 10000];
/** Room for a sign, 16 integer digits, the point and 4 decimals. */
const WIDEST = 24;

/** Writes an integer n (|n| < 2^53, the caller checks) as String(n) would. */
export function putSafeInteger(out: ByteWriter, n: number): void {
  out.reserve(WIDEST);
  let p = out.pos;
  if (n < 0) {
    out.bytes[p++] = 45;
    n = -n;
  }
  out.pos = putDigits(out.bytes, p, n, 0);
}

/** An int64 as BigInt#toString writes it; false past ±2^53, where the caller uses toString. */
export function putInt64(out: ByteWriter, v: bigint): boolean {
  if (v >= MAX_SAFE_BIG || v <= -MAX_SAFE_BIG) return false;
  putSafeInteger(out, Number(v));
  return true;
}

/**
 * A double in [1e-3, 1e7) in magnitude with at most four decimals, as javaDouble and jsonDouble write it
 * (String(x), with ".0" for integers); false for any other double.
 */
export function putShortDecimal(out: ByteWriter, x: number): boolean {
  const abs = x < 0 ? -x : x;
  if (!(abs >= 1e-3 && abs < 1e7)) return false;
  // One test turns away most doubles with longer fractions (a value of four decimals or fewer lands within
  // 2e-5 of an integer when scaled by 10^4), so declining costs them little.
  const scaled4 = abs * 1e4;
  if (Math.abs(scaled4 - Math.round(scaled4)) > 1e-3) return false;
  for (let d = 0; d < POW10.length; d++) {
    const scale = POW10[d]!;
    const scaled = Math.round(abs * scale);
    // scaled / scale is the double nearest to that decimal, so it round-trips; doubles this small lie far
    // closer together than 10^-4, so no shorter decimal can also round-trip: it is String(x)'s digits.
    if (scaled / scale !== abs) continue;
    out.reserve(WIDEST);
    const b = out.bytes;
    let p = out.pos;
    if (x < 0) b[p++] = 45;
    const fraction = scaled % scale;
    p = putDigits(b, p, (scaled - fraction) / scale, 0);
    b[p++] = 46;
    if (d === 0) b[p++] = 48;
    else p = putDigits(b, p, fraction, d);
    out.pos = p;
    return true;
  }
  return false;
}

/** Writes the digits of a non-negative integer below 2^53, left-padded with zeros to `width`; returns the end. */
function putDigits(b: Uint8Array, p: number, n: number, width: number): number {
  if (n < 1e9) return putSmallDigits(b, p, n, width);
  // Two int32-sized halves: their digits come from integer division, which costs far less than a double's.
  const high = Math.floor(n / 1e9);
  p = putSmallDigits(b, p, high, width - 9);
  return putSmallDigits(b, p, n - high * 1e9, 9);
}

const SMALL_POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

function putSmallDigits(b: Uint8Array, p: number, n: number, width: number): number {
  let count = 1;
  while (count < 9 && n >= SMALL_POW10[count]!) count++;
  if (count < width) count = width;
  const end = p + count;
  let rest = n | 0;
  for (let i = end - 1; i >= p; i--) {
    const next = (rest / 10) | 0;
    b[i] = 48 + rest - next * 10;
    rest = next;
  }
  return end;
}
