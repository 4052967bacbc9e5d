// Multi-version lines rendered straight from a record's wire cells: names and strings are copied from the
// response's bytes (checked as UTF-8 on the way), numbers read where they lie, so no row, string or bigint
// is built per line. The bytes equal what the row path (MultiVersionMapper, then the encoder) writes; a
// value this path cannot copy as it is goes through the encoder's own rendering of the decoded value.

import type { CellCursor, ChangeRecord } from '../core/change.ts';
import type { LineOp, WireLayout, WireLines } from '../core/record-multi-version.ts';
import type { OutputValue } from '../core/row.ts';
import { copyBytes, type ByteWriter } from './byte-writer.ts';

/** What a line format gives the wire writer; every method writes column c's value into `out`. */
export interface LineFields {
  readonly out: ByteWriter;
  /** What precedes column c's value (a delimiter, a JSON key, nothing), and what ends a line. */
  readonly before: readonly Uint8Array[];
  readonly lineEnd: Uint8Array;
  /** The line being written, counted from 0 in each WireLineWriter.render call: the row a FormatError names. */
  wireLine: number;
  nul(c: number): void;
  /** UTF-8 bytes[start, end) as a string value; invalid sequences are written as the row path would (U+FFFD). */
  utf8(bytes: Uint8Array, start: number, end: number, c: number): void;
  integer(value: number | bigint, c: number): void;
  /** Binary bytes[start, end). */
  binary(bytes: Uint8Array, start: number, end: number, c: number): void;
  /** Any other value, through the format's rendering of it (timestamps by the column's type). */
  value(value: Exclude<OutputValue, null>, c: number): void;
}

/** Bytes written earlier into the writer's current chunk, to copy again while that chunk is at hand. */
class Written {
  /** The writer's generation the bytes lie in (-1: none). */
  private generation = -1;
  private start = 0;
  private end = 0;

  constructor(private readonly out: ByteWriter) {}

  /** Starts remembering what is written from here. */
  mark(): void {
    this.generation = this.out.generation;
    this.start = this.out.pos;
  }

  /** Ends what mark() started; what was written across a chunk change is forgotten. */
  close(): void {
    if (this.generation !== this.out.generation) this.generation = -1;
    this.end = this.out.pos;
  }

  /** Writes the remembered bytes again; false when they are no longer in the chunk. */
  repeat(): boolean {
    const out = this.out;
    if (this.generation !== out.generation) return false;
    const n = this.end - this.start;
    out.reserve(n);
    if (this.generation !== out.generation) return false;
    copyBytes(out.bytes, this.start, n, out.bytes, out.pos);
    out.pos += n;
    return true;
  }
}

const NAME_SLOTS = 64;

/**
 * Column names as the format renders them, by their bytes: the same few names come in every record, and
 * comparing and copying bytes costs less than checking and escaping them again.
 */
class RenderedNames {
  private readonly raw: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(NAME_SLOTS).fill(undefined);
  private readonly rendered: Uint8Array[] = new Array<Uint8Array>(NAME_SLOTS);

  constructor(private readonly f: LineFields, private readonly c: number) {}

  put(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    const out = this.f.out;
    if (n === 0 || n > 64) return this.f.utf8(bytes, start, end, this.c);
    const slot = (n * 31 + bytes[start]! * 7 + bytes[end - 1]!) & (NAME_SLOTS - 1);
    const raw = this.raw[slot];
    if (raw !== undefined && raw.length === n) {
      let i = 0;
      while (i < n && raw[i] === bytes[start + i]) i++;
      if (i === n) return out.copy(this.rendered[slot]!);
    }
    out.reserve(6 * n + 2); // room for any escapes, so the name is written within this chunk
    const generation = out.generation;
    const at = out.pos;
    this.f.utf8(bytes, start, end, this.c);
    if (out.generation !== generation) return;
    this.raw[slot] = Uint8Array.prototype.slice.call(bytes, start, end);
    this.rendered[slot] = Uint8Array.prototype.slice.call(out.bytes, at, out.pos);
  }
}

/** A line kind's index in per-kind arrays (a comparison chain: a keyed lookup by string costs more). */
function slotOf(op: LineOp): number {
  return op === 'U' ? 0 : op === 'DR' ? 1 : op === 'DO' ? 2 : 3;
}

/**
 * Renders a multi-version record's lines into a line format's fields. The key fields are rendered once a
 * record, a timestamp once while it repeats, and what follows the last varying field of each line kind
 * (the nulls, the op and the line's end) once for all. Each line ends with the next line's key, written
 * ahead and dropped when the record has no next line: a line's end and the key that follows are the same
 * bytes throughout a record, so after the first they take one copy.
 */
export class WireLineWriter implements WireLines {
  private readonly name: number;
  private readonly keyBytes: Written;
  private readonly stamp: Written;
  private readonly names: RenderedNames;
  private stampValue = -1;
  private record?: ChangeRecord;
  private fresh = true;
  /** The constant ends of each line kind: DR after the key, DA after the name, DO after the timestamp, U after the value. */
  private readonly tails: Array<Uint8Array | undefined> = [undefined, undefined, undefined, undefined];
  /** Per line kind, its end and the record's key as written together; valid while `fusedValid` has its bit. */
  private readonly fused: Written[];
  private fusedValid = 0;
  /** How many bytes of the next line's key are written ahead (0: none). */
  private keyAhead = 0;
  private keyLength = 0;

  constructor(private readonly f: LineFields, private readonly keyWidth: number) {
    this.name = keyWidth;
    this.keyBytes = new Written(f.out);
    this.stamp = new Written(f.out);
    this.names = new RenderedNames(f, keyWidth);
    this.fused = [0, 1, 2, 3].map(() => new Written(f.out));
  }

  /**
   * Renders records[from..to) as `layout` lays them out; returns how many lines. On a throw the writer's
   * bytes since its last take are dropped, so the encoder is as before the call.
   */
  render(records: readonly ChangeRecord[], from: number, to: number, layout: WireLayout): number {
    let count = 0;
    this.f.wireLine = 0;
    try {
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        count += layout.mapWire(record, record.wireCells!(), this);
      }
      this.settle();
    } catch (error) {
      this.keyAhead = 0; // dropped with the rest of the batch's bytes
      this.f.out.take();
      throw error;
    }
    return count;
  }

  key(record: ChangeRecord): void {
    this.settle();
    this.record = record;
    this.fresh = true;
    this.fusedValid = 0;
  }

  /** Drops the key written ahead of a line that does not come: at a record's start and after the last. */
  private settle(): void {
    this.f.out.pos -= this.keyAhead;
    this.keyAhead = 0;
  }

  line(op: LineOp, cell: CellCursor | null): void {
    const c = this.name;
    // Separators travel with the bytes copied around them: the key ends with the name's, the timestamp
    // carries its own and the value's.
    if (this.keyAhead === 0) this.putKey();
    else this.keyAhead = 0;
    if (op === 'DR' || !cell) return this.endLine(op, c, false);
    this.names.put(cell.bytes, cell.nameStart, cell.nameEnd);
    if (op === 'DA') return this.endLine(op, c + 1, true);
    this.putStamp(cell.timestamp);
    if (op === 'DO') return this.endLine(op, c + 2, false);
    this.cellValue(cell, c + 2);
    this.endLine(op, c + 3, true);
  }

  /** The line's tail from column `from`, then the key of the next line, which the record may not have. */
  private endLine(op: LineOp, from: number, separated: boolean): void {
    const slot = slotOf(op);
    const fused = this.fused[slot]!;
    this.f.wireLine++;
    if ((this.fusedValid & (1 << slot)) === 0 || !fused.repeat()) {
      fused.mark();
      this.tail(op, slot, from, separated);
      this.putKey();
      fused.close();
      this.fusedValid |= 1 << slot;
    }
    this.keyAhead = this.keyLength;
  }

  /** Columns from `from` (with its separator or not) to the line's end, null but the op: copied once rendered. */
  private tail(op: LineOp, slot: number, from: number, separated: boolean): void {
    const out = this.f.out;
    const known = this.tails[slot];
    if (known) return out.copy(known);
    const f = this.f;
    const op0 = this.name + 3;
    out.reserve(1024); // most tails then stay in one chunk
    const generation = out.generation;
    const start = out.pos;
    for (let c = from; c <= op0; c++) {
      if (c > from || separated) out.copy(f.before[c]!);
      if (c === op0) f.value(op, c);
      else f.nul(c);
    }
    out.copy(f.lineEnd);
    // A tail rendered across a chunk change (a long nullFormat or delimiter) is rendered again next time.
    if (out.generation === generation) this.tails[slot] = Uint8Array.prototype.slice.call(out.bytes, start, out.pos);
  }

  /** The key fields: rendered for a record's first line, copied for the others while their bytes are at hand. */
  private putKey(): void {
    const f = this.f;
    const at = f.out.pending;
    if (!this.fresh && this.keyBytes.repeat()) {
      this.keyLength = f.out.pending - at;
      return;
    }
    const key = this.record!.primaryKey;
    this.keyBytes.mark();
    for (let i = 0; i < this.keyWidth; i++) {
      f.out.copy(f.before[i]!);
      const value = key[i]!.value;
      if (typeof value === 'bigint') f.integer(value, i);
      else f.value(value, i);
    }
    f.out.copy(f.before[this.name]!);
    this.keyBytes.close();
    this.keyLength = f.out.pending - at;
    this.fresh = false;
  }

  /** The timestamp (-1: none) between its separator and the value's. */
  private putStamp(ms: number): void {
    if (ms === this.stampValue && this.stamp.repeat()) return;
    const f = this.f;
    const c = this.name + 1;
    // Forgotten until rendered whole: a render that throws must not be repeated as this timestamp's bytes.
    this.stampValue = Number.NaN;
    this.stamp.mark();
    f.out.copy(f.before[c]!);
    if (ms >= 0) f.value(ms, c);
    else f.nul(c);
    f.out.copy(f.before[c + 1]!);
    this.stamp.close();
    this.stampValue = ms;
  }

  private cellValue(cell: CellCursor, c: number): void {
    const f = this.f;
    switch (cell.kind) {
      case 'string':
        return f.utf8(cell.bytes, cell.valueStart, cell.valueEnd, c);
      case 'integer':
        return f.integer(cell.integer(), c);
      case 'double':
        return f.value(cell.double(), c);
      case 'boolean':
        return f.value(cell.boolean(), c);
      case 'binary':
        return f.binary(cell.bytes, cell.valueStart, cell.valueEnd, c);
      default:
        return f.nul(c); // never for a stream's PUT (checked at the read)
    }
  }
}
