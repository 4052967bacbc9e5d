// A growable little-endian byte buffer. Parquet pages are assembled from these.

export class ByteBuffer {
  bytes: Buffer;
  length = 0;

  constructor(initialSize = 1024) {
    this.bytes = Buffer.allocUnsafe(initialSize);
  }

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    this.bytes.writeUInt32LE(value, this.length);
    this.length += 4;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  varint(value: number): void {
    this.ensure(8);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }

  append(bytes: Uint8Array): void {
    this.ensure(bytes.byteLength);
    this.bytes.set(bytes, this.length);
    this.length += bytes.byteLength;
  }

  /** Appends a PLAIN byte array: 4-byte length, then the UTF-8 of `text`. Returns the bytes appended. */
  lengthPrefixedUtf8(text: string): number {
    const units = text.length;
    this.ensure(4 + units * 3);
    const bytes = this.bytes;
    const at = this.length;
    let n = units;
    // Short ASCII text is copied by hand: cheaper than a native call per value.
    let ascii = units <= 32;
    for (let i = 0; ascii && i < units; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes[at + 4 + i] = c;
      else ascii = false;
    }
    if (!ascii) n = bytes.write(text, at + 4, 'utf8');
    bytes[at] = n & 0xff;
    bytes[at + 1] = (n >>> 8) & 0xff;
    bytes[at + 2] = (n >>> 16) & 0xff;
    bytes[at + 3] = n >>> 24;
    this.length = at + 4 + n;
    return 4 + n;
  }

  lengthPrefixedBytes(bytes: Uint8Array): number {
    this.ensure(4 + bytes.byteLength);
    this.bytes.writeUInt32LE(bytes.byteLength, this.length);
    this.bytes.set(bytes, this.length + 4);
    this.length += 4 + bytes.byteLength;
    return 4 + bytes.byteLength;
  }

  /** A view of the bytes written so far (valid until the next write or reset). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** A copy of the bytes written so far. */
  copy(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.bytes, 0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}
