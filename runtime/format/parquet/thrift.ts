import { ByteBuffer } from './byte-buffer.ts';

// The Thrift compact protocol, write side only: enough for Parquet page headers and the footer.

export const CType = { True: 1, False: 2, I32: 5, I64: 6, Binary: 8, List: 9, Struct: 12 } as const;
export type CType = (typeof CType)[keyof typeof CType];

export class ThriftWriter {
  readonly out = new ByteBuffer(256);
  private lastField = 0;
  private readonly stack: number[] = [];

  private header(id: number, type: number): void {
    const delta = id - this.lastField;
    if (delta > 0 && delta <= 15) {
      this.out.u8((delta << 4) | type);
    } else {
      this.out.u8(type);
      this.out.varint(zigzag(id));
    }
    this.lastField = id;
  }

  i32(id: number, value: number): this {
    this.header(id, CType.I32);
    this.out.varint(zigzag(value));
    return this;
  }

  i64(id: number, value: number | bigint): this {
    this.header(id, CType.I64);
    this.varint64(BigInt(value));
    return this;
  }

  bool(id: number, value: boolean): this {
    this.header(id, value ? CType.True : CType.False);
    return this;
  }

  binary(id: number, value: Uint8Array | string): this {
    this.header(id, CType.Binary);
    this.rawBinary(value);
    return this;
  }

  /** Opens a struct field; close it with end(). */
  struct(id: number): this {
    this.header(id, CType.Struct);
    return this.push();
  }

  /** Opens a list field; then write `size` elements with the element methods below. */
  list(id: number, elementType: CType, size: number): this {
    this.header(id, CType.List);
    if (size < 15) this.out.u8((size << 4) | elementType);
    else {
      this.out.u8(0xf0 | elementType);
      this.out.varint(size);
    }
    return this;
  }

  /** A struct element of a list; close it with end(). */
  element(): this {
    return this.push();
  }

  i32Element(value: number): this {
    this.out.varint(zigzag(value));
    return this;
  }

  binaryElement(value: Uint8Array | string): this {
    this.rawBinary(value);
    return this;
  }

  /** Ends the innermost open struct (or the top-level one). */
  end(): this {
    this.out.u8(0);
    this.lastField = this.stack.pop() ?? 0;
    return this;
  }

  bytes(): Uint8Array {
    return this.out.copy();
  }

  private push(): this {
    this.stack.push(this.lastField);
    this.lastField = 0;
    return this;
  }

  private rawBinary(value: Uint8Array | string): void {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.out.varint(bytes.byteLength);
    this.out.append(bytes);
  }

  private varint64(value: bigint): void {
    let z = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    while (z >= 0x80n) {
      this.out.u8(Number(z & 0x7fn) | 0x80);
      z >>= 7n;
    }
    this.out.u8(Number(z));
  }
}

function zigzag(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}
