// CRC-8 (polynomial x^8 + x^2 + x + 1, no reflection, initial 0) as PlainBuffer checksums use it.

export const CRC8_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let x = i;
    for (let bit = 0; bit < 8; bit++) x = ((x << 1) ^ (x & 0x80 ? 0x07 : 0)) & 0xff;
    table[i] = x;
  }
  return table;
})();

// Two bytes per lookup: TABLE16[(crc ^ a) << 8 | b] = TABLE[TABLE[crc ^ a] ^ b]. 64 KiB, built once.
const CRC8_TABLE16: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let x = 0; x < 256; x++) {
    const first = CRC8_TABLE[x]!;
    for (let y = 0; y < 256; y++) t[(x << 8) | y] = CRC8_TABLE[first ^ y]!;
  }
  return t;
})();

export function crc8Byte(crc: number, byte: number): number {
  return CRC8_TABLE[(crc ^ byte) & 0xff]!;
}

/** Checksum of bytes[start, end) continuing from crc. */
export function crc8Range(crc: number, bytes: Uint8Array, start: number, end: number): number {
  const t16 = CRC8_TABLE16;
  let i = start;
  for (const pairsEnd = end - 1; i < pairsEnd; i += 2) crc = t16[(((crc ^ bytes[i]!) & 0xff) << 8) | bytes[i + 1]!]!;
  if (i < end) crc = CRC8_TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}
