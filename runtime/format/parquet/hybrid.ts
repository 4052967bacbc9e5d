import type { ByteBuffer } from './byte-buffer.ts';

// Parquet's RLE / bit-packed hybrid encoding: runs of eight or more equal values as RLE runs,
// everything else bit-packed in groups of eight (LSB first). Used for definition levels and
// dictionary indices.

export function encodeHybrid(out: ByteBuffer, values: Uint8Array | Int32Array, count: number, bitWidth: number): void {
  const valueBytes = (bitWidth + 7) >> 3;
  let i = 0;
  while (i < count) {
    const v = values[i]!;
    let j = i + 1;
    while (j < count && values[j] === v) j++;
    if (j - i >= 8 || j === count) {
      out.varint((j - i) * 2);
      for (let b = 0; b < valueBytes; b++) out.u8((v >>> (8 * b)) & 0xff);
      i = j;
      continue;
    }
    // Bit-pack groups of eight until a run of eight or more starts at a group boundary.
    const start = i;
    i += 8;
    while (i < count && !runOfEight(values, i, count)) i += 8;
    bitPack(out, values, start, Math.min(i, count), bitWidth);
  }
}

function runOfEight(values: Uint8Array | Int32Array, i: number, count: number): boolean {
  if (i + 8 > count) return false;
  const v = values[i];
  for (let k = 1; k < 8; k++) if (values[i + k] !== v) return false;
  return true;
}

function bitPack(out: ByteBuffer, values: Uint8Array | Int32Array, start: number, end: number, bitWidth: number): void {
  const groups = Math.ceil((end - start) / 8);
  out.varint(groups * 2 + 1);
  out.ensure(groups * bitWidth);
  const bytes = out.bytes;
  let pos = out.length;
  let acc = 0;
  let bits = 0;
  const padded = start + groups * 8;
  for (let k = start; k < padded; k++) {
    acc |= (k < end ? values[k]! : 0) << bits;
    bits += bitWidth;
    while (bits >= 8) {
      bytes[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  out.length = pos;
}

/** Bits needed for values 0..maxValue (at least 1). */
export function bitWidthFor(maxValue: number): number {
  let width = 1;
  while (maxValue >= 2 ** width) width++;
  return width;
}
