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

export function crc8Byte(crc: number, byte: number): number {
  return CRC8_TABLE[(crc ^ byte) & 0xff]!;
}

/** Checksum of bytes[start, end) continuing from crc. */
export function crc8Range(crc: number, bytes: Uint8Array, start: number, end: number): number {
  const table = CRC8_TABLE;
  for (let i = start; i < end; i++) crc = table[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}
