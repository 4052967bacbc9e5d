// The little-endian integers PlainBuffer lays out, read where they lie (callers check the bounds).

const TWO_32 = 4294967296;

export function u32At(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

/** An int64 as a number: exact within ±2^53, rounded past it (Number.isSafeInteger tells which). */
export function i64At(b: Uint8Array, p: number): number {
  return (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) * TWO_32 + u32At(b, p);
}
