// PlainBuffer decoder: bytes -> rows, checksums verified. One pass over the buffer; strings are
// sliced straight out of it and blobs are views into it (no copies), so keep the input alive
// and unmodified while the rows are in use.

import type { SequenceInfo } from '../../core/change.ts';
import * as C from './consts.ts';
import { CRC8_TABLE, crc8Byte, crc8Range } from './crc8.ts';
import { i64At, u32At } from './little-endian.ts';
import { bufferOf } from '../../util/bytes.ts';
import {
  AUTO_INCREMENT,
  INF_MAX,
  INF_MIN,
  PlainBufferError,
  streamCellProblem,
  UNDECODED,
  type PkValue,
  type PlainBufferCell,
  type PlainBufferCellOp,
  type PlainBufferPrimaryKeyColumn,
  type PlainBufferRow,
  type PlainBufferValue,
} from './types.ts';

const END = -1;

class Decoder {
  readonly buf: Buffer;
  pos: number;
  readonly end: number;
  tag = END;
  // The cell being read; fields instead of a result object so no garbage per cell.
  cellName = '';
  cellValue: PlainBufferValue | PkValue | typeof UNDECODED | undefined = undefined;
  cellOp: PlainBufferCellOp = 'PUT';
  cellTimestamp: number | undefined = undefined;
  /** Where the current cell's name lies, for messages when names are not decoded. */
  nameStart = 0;
  nameEnd = 0;

  /** materialize false: data cells are checked but their names and values not decoded (readRow keeps their offsets). */
  constructor(bytes: Uint8Array, readonly materialize = true) {
    this.buf = bufferOf(bytes);
    this.pos = 0;
    this.end = this.buf.length;
  }

  fail(message: string): never {
    throw new PlainBufferError(message, this.pos);
  }

  need(n: number): void {
    if (this.pos + n > this.end) this.fail(`truncated: need ${n} more byte(s), ${this.end - this.pos} left`);
  }

  nextTag(): void {
    if (this.pos >= this.end) {
      this.tag = END;
      return;
    }
    this.tag = this.buf[this.pos++]!;
  }

  // A method, not a field comparison, so TypeScript does not narrow `tag` across nextTag().
  is(tag: number): boolean {
    return this.tag === tag;
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u32(): number {
    this.need(4);
    const p = this.pos;
    this.pos = p + 4;
    return u32At(this.buf, p);
  }

  /** int64 that must fit a JS number (timestamps in ms or µs). */
  i64Number(): number {
    this.need(8);
    const value = i64At(this.buf, this.pos);
    if (!Number.isSafeInteger(value)) this.fail(`int64 ${value} is outside the safe integer range`);
    this.pos += 8;
    return value;
  }

  expect(tag: number, what: string): void {
    if (this.tag !== tag) this.fail(`expected ${what} but found ${describeTag(this.tag)}`);
  }

  /** Reads one cell (current tag CELL) into the cell* fields; returns its checksum. */
  readCell(isPk: boolean): number {
    const buf = this.buf;
    this.nextTag();
    this.expect(C.TAG_CELL_NAME, 'a cell name');
    const nameLength = this.u32();
    this.need(nameLength);
    const nameStart = this.pos;
    this.pos += nameLength;
    let crc = crc8Range(0, buf, nameStart, this.pos);
    const materialize = isPk || this.materialize;
    this.nameStart = nameStart;
    this.nameEnd = this.pos;
    if (materialize) this.cellName = decodeName(buf, nameStart, this.pos, crc);
    this.nextTag();

    this.cellValue = undefined;
    if (this.is(C.TAG_CELL_VALUE)) {
      const length = this.u32();
      this.need(length);
      const valueEnd = this.pos + length;
      const typePos = this.pos;
      const type = buf[this.pos++]!;
      switch (type) {
        case C.VT_INTEGER:
          this.need(8);
          this.cellValue = materialize ? buf.readBigInt64LE(this.pos) : UNDECODED;
          this.pos += 8;
          crc = crc8Range(crc, buf, typePos, this.pos);
          break;
        case C.VT_DOUBLE:
          this.need(8);
          this.cellValue = materialize ? buf.readDoubleLE(this.pos) : UNDECODED;
          this.pos += 8;
          crc = crc8Range(crc, buf, typePos, this.pos);
          break;
        case C.VT_BOOLEAN: {
          const flag = this.u8() !== 0;
          this.cellValue = flag;
          crc = crc8Byte(crc8Byte(crc, C.VT_BOOLEAN), flag ? 1 : 0);
          break;
        }
        case C.VT_STRING:
        case C.VT_BLOB: {
          const size = this.u32();
          this.need(size);
          const start = this.pos;
          this.pos += size;
          if (!materialize) this.cellValue = UNDECODED;
          else this.cellValue = type === C.VT_STRING ? decodeUtf8(buf, start, this.pos) : buf.subarray(start, this.pos);
          crc = crc8Range(crc, buf, typePos, this.pos);
          break;
        }
        case C.VT_NULL:
          this.cellValue = null;
          crc = crc8Byte(crc, type);
          break;
        case C.VT_INF_MIN:
        case C.VT_INF_MAX:
        case C.VT_AUTO_INCREMENT:
          if (!isPk) this.fail(`value type ${type} is only valid in a primary key`);
          this.cellValue = type === C.VT_INF_MIN ? INF_MIN : type === C.VT_INF_MAX ? INF_MAX : AUTO_INCREMENT;
          crc = crc8Byte(crc, type);
          break;
        default:
          this.pos = typePos;
          this.fail(`unknown value type ${type}`);
      }
      if (this.pos !== valueEnd) this.fail(`cell value length ${length} does not match its content`);
      this.nextTag();
    }

    let opType = -1;
    this.cellOp = 'PUT';
    if (this.is(C.TAG_CELL_TYPE)) {
      opType = this.u8();
      if (opType === C.OP_DELETE_ALL_VERSIONS) this.cellOp = 'DELETE_ALL_VERSIONS';
      else if (opType === C.OP_DELETE_ONE_VERSION) this.cellOp = 'DELETE_ONE_VERSION';
      else if (opType === C.OP_INCREMENT) this.cellOp = 'INCREMENT';
      else this.fail(`unknown cell op type ${opType}`);
      this.nextTag();
    }

    this.cellTimestamp = undefined;
    if (this.is(C.TAG_CELL_TIMESTAMP)) {
      const start = this.pos;
      const ts = this.i64Number();
      if (ts < 0) this.fail('negative cell timestamp');
      this.cellTimestamp = ts;
      crc = crc8Range(crc, buf, start, this.pos);
      this.nextTag();
    }
    if (opType >= 0) crc = crc8Byte(crc, opType);

    this.expect(C.TAG_CELL_CHECKSUM, 'a cell checksum');
    const stored = this.u8();
    if (stored !== crc) {
      this.fail(`cell checksum mismatch for "${this.currentName()}": stored ${stored}, computed ${crc}`);
    }
    this.nextTag();
    return crc;
  }

  /**
   * Checks a stream record's data cell (current tag CELL) without decoding it and returns its checksum, or
   * -1, having moved nothing, for anything but a well-formed cell a stream may carry: readCell then says
   * what is wrong, or reads what this check is too strict for.
   */
  checkCell(): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    if (p + 5 > end || b[p] !== C.TAG_CELL_NAME) return -1;
    const nameStart = p + 5;
    p = nameStart + u32At(b, p + 1);
    if (p >= end) return -1;
    let crc = crc8Range(0, b, nameStart, p);
    let tag = b[p++];
    let value = false;
    if (tag === C.TAG_CELL_VALUE) {
      if (p + 5 > end) return -1;
      const start = p + 4;
      const valueEnd = start + u32At(b, p);
      if (valueEnd >= end || !wellSized(b, start, valueEnd)) return -1;
      crc = crc8Range(crc, b, start, valueEnd);
      value = true;
      p = valueEnd;
      tag = b[p++];
    }
    let op = -1;
    if (tag === C.TAG_CELL_TYPE) {
      op = b[p++]!;
      if (op !== C.OP_DELETE_ALL_VERSIONS && op !== C.OP_DELETE_ONE_VERSION) return -1;
      tag = b[p++];
    }
    // A PUT carries a value, the deletes none.
    if (value !== op < 0) return -1;
    if (tag === C.TAG_CELL_TIMESTAMP) {
      const high = p + 8 <= end ? u32At(b, p + 4) : -1;
      if (high < 0 || high > 0x1fffff) return -1; // negative, or past 2^53
      crc = crc8Range(crc, b, p, p + 8);
      p += 8;
      tag = b[p++];
    }
    if (op >= 0) crc = crc8Byte(crc, op);
    if (tag !== C.TAG_CELL_CHECKSUM || p >= end || b[p] !== crc) return -1;
    this.pos = p + 1;
    return crc;
  }

  /** The current cell's name, decoded now when the cell was read without it. */
  currentName(): string {
    return this.materialize ? this.cellName : decodeUtf8(this.buf, this.nameStart, this.nameEnd);
  }

  readExtension(): SequenceInfo | undefined {
    const length = this.u32();
    this.need(length);
    const extEnd = this.pos + length;
    let sequence: SequenceInfo | undefined;
    while (this.pos < extEnd) {
      const tag = this.u8();
      const bodyLength = this.u32();
      const bodyEnd = this.pos + bodyLength;
      if (bodyEnd > extEnd) this.fail('extension entry overruns the extension');
      if (tag === C.TAG_SEQ_INFO) {
        this.nextTag();
        this.expect(C.TAG_SEQ_INFO_EPOCH, 'the sequence epoch');
        const epoch = this.u32();
        this.nextTag();
        this.expect(C.TAG_SEQ_INFO_TS, 'the sequence timestamp');
        const timestampMicros = this.i64Number();
        this.nextTag();
        this.expect(C.TAG_SEQ_INFO_ROW_INDEX, 'the sequence row index');
        const rowIndex = this.u32();
        if (this.pos !== bodyEnd) this.fail('sequence info length does not match its content');
        sequence = { epoch, timestampMicros, rowIndex };
      }
      this.pos = bodyEnd;
    }
    this.nextTag();
    return sequence;
  }

  readRow(): PlainBufferRow {
    this.expect(C.TAG_ROW_PK, 'a row (primary key tag)');
    this.nextTag();
    let rowCrc = 0;
    const primaryKey: PlainBufferPrimaryKeyColumn[] = [];
    while (this.is(C.TAG_CELL)) {
      rowCrc = CRC8_TABLE[(rowCrc ^ this.readCell(true)) & 0xff]!;
      const value = this.cellValue;
      if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') {
        this.fail(`primary key column "${this.cellName}" has no INTEGER, STRING or BINARY value`);
      }
      primaryKey.push({ name: this.cellName, value: value as PkValue }); // key cells are always decoded
    }
    const cells: PlainBufferCell[] = [];
    let cellsAt = -1;
    let cellsEnd = -1;
    if (this.is(C.TAG_ROW_DATA)) {
      this.nextTag();
      cellsAt = this.pos - 1;
      while (this.is(C.TAG_CELL)) {
        if (!this.materialize) {
          const at = this.pos;
          const crc = this.checkCell();
          if (crc >= 0) {
            rowCrc = CRC8_TABLE[(rowCrc ^ crc) & 0xff]!;
            this.nextTag();
            continue;
          }
          this.pos = at; // readCell judges the cell and names what is wrong
        }
        rowCrc = CRC8_TABLE[(rowCrc ^ this.readCell(false)) & 0xff]!;
        if (!this.materialize) {
          // The stream's rule, checked here since these cells are not decoded later.
          const problem = streamCellProblem(this.cellOp, this.cellValue);
          if (problem) throw new Error(`cell "${this.currentName()}" ${problem}`);
          continue;
        }
        cells.push({
          name: this.cellName,
          op: this.cellOp,
          value: this.cellValue as PlainBufferValue | undefined,
          timestamp: this.cellTimestamp,
        });
      }
      cellsEnd = this.pos - 1;
    }
    let deleteMarker = false;
    if (this.is(C.TAG_DELETE_ROW_MARKER)) {
      deleteMarker = true;
      this.nextTag();
    }
    let sequence: SequenceInfo | undefined;
    if (this.is(C.TAG_EXTENSION)) sequence = this.readExtension();
    rowCrc = crc8Byte(rowCrc, deleteMarker ? 1 : 0);
    this.expect(C.TAG_ROW_CHECKSUM, 'the row checksum');
    const stored = this.u8();
    if (stored !== rowCrc) this.fail(`row checksum mismatch: stored ${stored}, computed ${rowCrc}`);
    this.nextTag();
    const row: PlainBufferRow = { primaryKey, cells, deleteMarker, sequence };
    if (!this.materialize && cellsAt >= 0) row.undecodedCells = { start: cellsAt, end: cellsEnd };
    return row;
  }

  readHeader(): void {
    const header = this.u32();
    if (header !== C.HEADER) {
      this.pos -= 4;
      this.fail(`bad header 0x${header.toString(16)}, expected 0x75`);
    }
    this.nextTag();
  }
}

/** Whether bytes[start, end) hold one value a stream's PUT may carry, of its type's size (a boolean of 0 or 1). */
function wellSized(b: Buffer, start: number, end: number): boolean {
  const length = end - start;
  switch (b[start]) {
    case C.VT_INTEGER:
    case C.VT_DOUBLE:
      return length === 9;
    case C.VT_BOOLEAN:
      return length === 2 && b[start + 1]! <= 1;
    case C.VT_STRING:
    case C.VT_BLOB:
      return length >= 5 && u32At(b, start + 1) === length - 5;
    default:
      return false;
  }
}

// Node's own slice methods, when present, skip Buffer#toString's argument handling.
interface SliceMethods {
  latin1Slice?: (start: number, end: number) => string;
  utf8Slice?: (start: number, end: number) => string;
}
const FAST_SLICES = typeof (Buffer.prototype as SliceMethods).latin1Slice === 'function' && typeof (Buffer.prototype as SliceMethods).utf8Slice === 'function';

// Short ASCII strings (column names, most keys) skip the UTF-8 decoder.
function decodeUtf8(buf: Buffer, start: number, end: number): string {
  let ascii = end - start <= 32;
  if (ascii) {
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
  }
  if (FAST_SLICES) {
    const b = buf as Buffer & Required<SliceMethods>;
    return ascii ? b.latin1Slice(start, end) : b.utf8Slice(start, end);
  }
  return buf.toString(ascii ? 'latin1' : 'utf8', start, end);
}

// Column names repeat in every record: a small direct-mapped cache, keyed by the name's bytes,
// hands back the same string instead of decoding a new one each time.
const NAME_SLOTS = 512;
const nameKeys: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(NAME_SLOTS);
const nameValues: string[] = new Array<string>(NAME_SLOTS);

function decodeName(buf: Buffer, start: number, end: number, crc: number): string {
  const length = end - start;
  if (length > 32 || length === 0) return decodeUtf8(buf, start, end);
  const slot = (crc ^ (length << 3) ^ (buf[start]! << 1)) & (NAME_SLOTS - 1);
  const key = nameKeys[slot];
  if (key !== undefined && key.length === length) {
    let i = 0;
    while (i < length && key[i] === buf[start + i]) i++;
    if (i === length) return nameValues[slot]!;
  }
  const name = decodeUtf8(buf, start, end);
  nameKeys[slot] = Uint8Array.prototype.slice.call(buf, start, end);
  nameValues[slot] = name;
  return name;
}

const TAG_NAMES: Record<number, string> = {
  [C.TAG_ROW_PK]: 'ROW_PK',
  [C.TAG_ROW_DATA]: 'ROW_DATA',
  [C.TAG_CELL]: 'CELL',
  [C.TAG_CELL_NAME]: 'CELL_NAME',
  [C.TAG_CELL_VALUE]: 'CELL_VALUE',
  [C.TAG_CELL_TYPE]: 'CELL_TYPE',
  [C.TAG_CELL_TIMESTAMP]: 'CELL_TIMESTAMP',
  [C.TAG_DELETE_ROW_MARKER]: 'DELETE_ROW_MARKER',
  [C.TAG_ROW_CHECKSUM]: 'ROW_CHECKSUM',
  [C.TAG_CELL_CHECKSUM]: 'CELL_CHECKSUM',
  [C.TAG_EXTENSION]: 'EXTENSION',
};

function describeTag(tag: number): string {
  if (tag === END) return 'the end of the buffer';
  return TAG_NAMES[tag] ? `tag ${TAG_NAMES[tag]}` : `unknown tag 0x${tag.toString(16)}`;
}

/** Decodes a buffer of one header followed by any number of rows (GetRange, stream records). */
export function decodeRows(bytes: Uint8Array): PlainBufferRow[] {
  const d = new Decoder(bytes);
  d.readHeader();
  const rows: PlainBufferRow[] = [];
  while (d.tag !== END) rows.push(d.readRow());
  return rows;
}

/**
 * Decodes a buffer that must hold exactly one row. Trailing zero bytes are tolerated: the Node
 * SDK over-sizes some update/put buffers and sends the zero padding, which the service ignores.
 */
export function decodeRow(bytes: Uint8Array): PlainBufferRow {
  const d = new Decoder(bytes);
  d.readHeader();
  const row = d.readRow();
  if (d.tag !== END) {
    for (let i = d.pos - 1; i < d.end; i++) {
      if (d.buf[i] !== 0) {
        d.pos = i;
        d.fail('unexpected bytes after the row');
      }
    }
  }
  return row;
}

/**
 * Decodes a stream record's row leaving its data cells undecoded: keys and sequence info are decoded,
 * every checksum is verified and each cell is checked against the stream's rules, but names and values
 * are not built; `undecodedCells` says where the cells lie (walk them with WireCells).
 */
export function decodeRowUndecoded(bytes: Uint8Array): PlainBufferRow {
  const d = new Decoder(bytes, false);
  d.readHeader();
  const row = d.readRow();
  if (d.tag !== END) d.fail('unexpected bytes after the row');
  return row;
}

/** Decodes a bare value (type byte + payload, no length prefix) as column conditions carry it. */
export function decodeVariant(bytes: Uint8Array): PlainBufferValue | PkValue {
  const d = new Decoder(bytes);
  const type = d.u8();
  let value: PlainBufferValue | PkValue = null;
  switch (type) {
    case C.VT_INTEGER:
      d.need(8);
      value = d.buf.readBigInt64LE(d.pos);
      d.pos += 8;
      break;
    case C.VT_DOUBLE:
      d.need(8);
      value = d.buf.readDoubleLE(d.pos);
      d.pos += 8;
      break;
    case C.VT_BOOLEAN:
      value = d.u8() !== 0;
      break;
    case C.VT_STRING:
    case C.VT_BLOB: {
      const size = d.u32();
      d.need(size);
      const start = d.pos;
      d.pos += size;
      value = type === C.VT_STRING ? decodeUtf8(d.buf, start, d.pos) : d.buf.subarray(start, d.pos);
      break;
    }
    case C.VT_NULL:
      value = null;
      break;
    case C.VT_INF_MIN:
      value = INF_MIN;
      break;
    case C.VT_INF_MAX:
      value = INF_MAX;
      break;
    case C.VT_AUTO_INCREMENT:
      value = AUTO_INCREMENT;
      break;
    default:
      d.pos--;
      d.fail(`unknown value type ${type}`);
  }
  if (d.pos !== d.end) d.fail('unexpected bytes after the value');
  return value;
}
