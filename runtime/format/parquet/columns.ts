import { gzipSync } from 'node:zlib';
import { GZIP_LEVEL } from '../gzip.ts';
import { ByteBuffer } from './byte-buffer.ts';
import { bitWidthFor, encodeHybrid } from './hybrid.ts';
import { ThriftWriter } from './thrift.ts';

// One column chunk per row group: definition levels (all columns are OPTIONAL) and values, held in
// fixed typed arrays sized to the row-group limit, encoded as one data page (PLAIN, or a dictionary page
// plus RLE_DICTIONARY indices for text that repeats). Page bodies are uncompressed, or GZIP (codec 2)
// with sink.compress "gzip".

export const PhysicalType = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export type PhysicalType = (typeof PhysicalType)[keyof typeof PhysicalType];

export const Encoding = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
export const Codec = { UNCOMPRESSED: 0, GZIP: 2 } as const;
const PageType = { DATA_PAGE: 0, DICTIONARY_PAGE: 2 } as const;

export interface ChunkMeta {
  type: PhysicalType;
  name: string;
  encodings: number[];
  numValues: number;
  /** Bytes in the file (headers and page bodies as written). */
  totalSize: number;
  /** The same with every page body uncompressed. */
  uncompressedSize: number;
  codec: number;
  dataPageOffset: number;
  dictionaryPageOffset?: number;
  nullCount: number;
  min?: Uint8Array;
  max?: Uint8Array;
}

export interface EncodedChunk {
  pieces: Uint8Array[];
  meta: ChunkMeta;
}

export abstract class ColumnBuilder {
  abstract readonly type: PhysicalType;
  /** Rows in the current chunk, nulls included. */
  rows = 0;
  /** Non-null values in the current chunk. */
  count = 0;
  /** GZIP page bodies (sink.compress "gzip"). */
  gzip = false;
  protected readonly levels: Uint8Array;
  private readonly levelBuffer = new ByteBuffer(1024);
  /** Bytes the current chunk's pages saved by compression. */
  private saved = 0;

  constructor(
    readonly name: string,
    maxRows: number,
  ) {
    this.levels = new Uint8Array(maxRows);
  }

  appendNull(): void {
    this.levels[this.rows++] = 0;
  }

  /** Encodes the chunk that starts at `fileOffset`; the pieces stay valid until reset(). */
  encode(fileOffset: number): EncodedChunk {
    this.saved = 0;
    return this.encodeValues(fileOffset, this.encodeLevels());
  }

  reset(): void {
    this.rows = 0;
    this.count = 0;
    this.resetValues();
  }

  protected abstract encodeValues(fileOffset: number, levels: Uint8Array): EncodedChunk;
  protected abstract resetValues(): void;

  /** Marks the current row as present. */
  protected present(): void {
    this.levels[this.rows++] = 1;
  }

  /** The data page for `values` (PLAIN or dictionary indices), preceded by its header. */
  protected dataPage(levels: Uint8Array, values: readonly Uint8Array[], encoding: number): Uint8Array[] {
    return this.page((uncompressed, compressed) => new ThriftWriter()
      .i32(1, PageType.DATA_PAGE)
      .i32(2, uncompressed)
      .i32(3, compressed)
      .struct(5)
      .i32(1, this.rows)
      .i32(2, encoding)
      .i32(3, Encoding.RLE)
      .i32(4, Encoding.RLE)
      .end()
      .end()
      .bytes(), [levels, ...values]);
  }

  /** A page's header (given both sizes) and its body, gzipped when the column compresses. */
  protected page(header: (uncompressed: number, compressed: number) => Uint8Array, body: readonly Uint8Array[]): Uint8Array[] {
    let size = 0;
    for (const b of body) size += b.byteLength;
    if (!this.gzip) return [header(size, size), ...body];
    const packed = gzipSync(Buffer.concat(body, size), { level: GZIP_LEVEL });
    this.saved += size - packed.byteLength;
    return [header(size, packed.byteLength), packed];
  }

  protected meta(
    pieces: readonly Uint8Array[],
    encodings: number[],
    dataPageOffset: number,
    extra: Partial<ChunkMeta> = {},
  ): ChunkMeta {
    let totalSize = 0;
    for (const p of pieces) totalSize += p.byteLength;
    return {
      type: this.type,
      name: this.name,
      encodings,
      numValues: this.rows,
      totalSize,
      uncompressedSize: totalSize + this.saved,
      codec: this.gzip ? Codec.GZIP : Codec.UNCOMPRESSED,
      dataPageOffset,
      nullCount: this.rows - this.count,
      ...extra,
    };
  }

  private encodeLevels(): Uint8Array {
    const out = this.levelBuffer;
    out.reset();
    out.u32(0);
    encodeHybrid(out, this.levels, this.rows, 1);
    out.bytes.writeUInt32LE(out.length - 4, 0);
    return out.view();
  }

  protected plainChunk(fileOffset: number, levels: Uint8Array, values: Uint8Array, extra: Partial<ChunkMeta> = {}): EncodedChunk {
    const pieces = this.dataPage(levels, [values], Encoding.PLAIN);
    return { pieces, meta: this.meta(pieces, [Encoding.PLAIN, Encoding.RLE], fileOffset, extra) };
  }
}

/** INT64, also for timestamps in milliseconds. Numbers are written as two int32 halves (no BigInt on the hot path). */
export class Int64Column extends ColumnBuilder {
  readonly type = PhysicalType.INT64;
  private readonly words: Int32Array;
  private readonly longs: BigInt64Array;

  constructor(name: string, maxRows: number) {
    super(name, maxRows);
    const buffer = new ArrayBuffer(maxRows * 8);
    this.words = new Int32Array(buffer);
    this.longs = new BigInt64Array(buffer);
  }

  /** `value` is an integer in the int64 range. */
  append(value: number | bigint): number {
    this.present();
    const k = this.count++;
    if (typeof value === 'number' && value <= Number.MAX_SAFE_INTEGER && value >= Number.MIN_SAFE_INTEGER) {
      const high = Math.floor(value / 4294967296);
      this.words[2 * k] = (value - high * 4294967296) | 0;
      this.words[2 * k + 1] = high;
    } else {
      this.longs[k] = BigInt(value);
    }
    return 8;
  }

  protected encodeValues(fileOffset: number, levels: Uint8Array): EncodedChunk {
    const values = new Uint8Array(this.longs.buffer, 0, this.count * 8);
    return this.plainChunk(fileOffset, levels, values, this.count > 0 ? this.minMax() : {});
  }

  /** Min and max compared on the (signed high, unsigned low) halves, exact over the whole int64 range. */
  private minMax(): Partial<ChunkMeta> {
    const w = this.words;
    let minHigh = w[1]!, minLow = w[0]! >>> 0, maxHigh = minHigh, maxLow = minLow;
    for (let k = 1; k < this.count; k++) {
      const high = w[2 * k + 1]!;
      const low = w[2 * k]! >>> 0;
      if (high < minHigh || (high === minHigh && low < minLow)) {
        minHigh = high;
        minLow = low;
      }
      if (high > maxHigh || (high === maxHigh && low > maxLow)) {
        maxHigh = high;
        maxLow = low;
      }
    }
    return { min: int64Bytes(minHigh, minLow), max: int64Bytes(maxHigh, maxLow) };
  }

  protected resetValues(): void {}
}

function int64Bytes(high: number, low: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, low, true);
  view.setInt32(4, high, true);
  return bytes;
}

export class DoubleColumn extends ColumnBuilder {
  readonly type = PhysicalType.DOUBLE;
  private readonly values: Float64Array;

  constructor(name: string, maxRows: number) {
    super(name, maxRows);
    this.values = new Float64Array(maxRows);
  }

  append(value: number): number {
    this.present();
    this.values[this.count++] = value;
    return 8;
  }

  protected encodeValues(fileOffset: number, levels: Uint8Array): EncodedChunk {
    return this.plainChunk(fileOffset, levels, new Uint8Array(this.values.buffer, 0, this.count * 8));
  }

  protected resetValues(): void {}
}

export class BooleanColumn extends ColumnBuilder {
  readonly type = PhysicalType.BOOLEAN;
  private readonly values: Uint8Array;
  private readonly packed: Uint8Array;

  constructor(name: string, maxRows: number) {
    super(name, maxRows);
    this.values = new Uint8Array(maxRows);
    this.packed = new Uint8Array(Math.ceil(maxRows / 8));
  }

  append(value: boolean): number {
    this.present();
    this.values[this.count++] = value ? 1 : 0;
    return 1;
  }

  protected encodeValues(fileOffset: number, levels: Uint8Array): EncodedChunk {
    // PLAIN booleans are bit-packed, least significant bit first.
    const bytes = Math.ceil(this.count / 8);
    this.packed.fill(0, 0, bytes);
    for (let k = 0; k < this.count; k++) if (this.values[k]) this.packed[k >> 3]! |= 1 << (k & 7);
    return this.plainChunk(fileOffset, levels, this.packed.subarray(0, bytes));
  }

  protected resetValues(): void {}
}

/** Dictionary limits per chunk: beyond them, or when most values are distinct, the chunk falls back to PLAIN. */
const MAX_DICTIONARY_ENTRIES = 32_768;
const MAX_DICTIONARY_CHARS = 1 << 20;
const DICTIONARY_PROBE = 1024;

/** BYTE_ARRAY for text (dictionary-encoded while it pays) and binary (always PLAIN). */
export class ByteArrayColumn extends ColumnBuilder {
  readonly type = PhysicalType.BYTE_ARRAY;
  private readonly plain = new ByteBuffer(64 * 1024);
  private readonly indices: Int32Array;
  private dictionary?: Map<string, number>;
  private dictionaryValues: string[] = [];
  private dictionaryChars = 0;
  private readonly dictionaryPage = new ByteBuffer(1024);
  private readonly indexPage = new ByteBuffer(1024);

  constructor(
    name: string,
    maxRows: number,
    private readonly useDictionary: boolean,
  ) {
    super(name, maxRows);
    this.indices = new Int32Array(useDictionary ? maxRows : 0);
    this.resetValues();
  }

  /** Returns about how many bytes the value adds to the chunk. */
  appendText(value: string): number {
    this.present();
    const dictionary = this.dictionary;
    if (dictionary === undefined) {
      this.count++;
      return this.plain.lengthPrefixedUtf8(value);
    }
    let index = dictionary.get(value);
    if (index === undefined) {
      index = this.dictionaryValues.length;
      if (
        index >= MAX_DICTIONARY_ENTRIES ||
        this.dictionaryChars + value.length > MAX_DICTIONARY_CHARS ||
        (index >= DICTIONARY_PROBE && index * 2 > this.count)
      ) {
        this.fallBackToPlain();
        this.count++;
        return this.plain.lengthPrefixedUtf8(value);
      }
      dictionary.set(value, index);
      this.dictionaryValues.push(value);
      this.dictionaryChars += value.length;
      this.indices[this.count++] = index;
      return 4 + value.length;
    }
    this.indices[this.count++] = index;
    return 4;
  }

  appendBytes(value: Uint8Array): number {
    this.present();
    if (this.dictionary !== undefined) this.fallBackToPlain();
    this.count++;
    return this.plain.lengthPrefixedBytes(value);
  }

  protected encodeValues(fileOffset: number, levels: Uint8Array): EncodedChunk {
    if (this.dictionary === undefined || this.dictionaryValues.length === 0) {
      return this.plainChunk(fileOffset, levels, this.plain.view());
    }
    const dictionaryPage = this.dictionaryPage;
    dictionaryPage.reset();
    for (const v of this.dictionaryValues) dictionaryPage.lengthPrefixedUtf8(v);
    const dictionary = this.page((uncompressed, compressed) => new ThriftWriter()
      .i32(1, PageType.DICTIONARY_PAGE)
      .i32(2, uncompressed)
      .i32(3, compressed)
      .struct(7)
      .i32(1, this.dictionaryValues.length)
      .i32(2, Encoding.PLAIN)
      .end()
      .end()
      .bytes(), [dictionaryPage.view()]);
    const indexPage = this.indexPage;
    indexPage.reset();
    const bitWidth = bitWidthFor(this.dictionaryValues.length - 1);
    indexPage.u8(bitWidth);
    encodeHybrid(indexPage, this.indices, this.count, bitWidth);
    let dataPageOffset = fileOffset;
    for (const d of dictionary) dataPageOffset += d.byteLength;
    const pieces = [...dictionary, ...this.dataPage(levels, [indexPage.view()], Encoding.RLE_DICTIONARY)];
    const encodings = [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY];
    return { pieces, meta: this.meta(pieces, encodings, dataPageOffset, { dictionaryPageOffset: fileOffset }) };
  }

  protected resetValues(): void {
    this.plain.reset();
    this.dictionary = this.useDictionary ? new Map() : undefined;
    this.dictionaryValues = [];
    this.dictionaryChars = 0;
  }

  private fallBackToPlain(): void {
    for (let k = 0; k < this.count; k++) this.plain.lengthPrefixedUtf8(this.dictionaryValues[this.indices[k]!]!);
    this.dictionary = undefined;
    this.dictionaryValues = [];
  }
}
