// PlainBuffer encoder: rows -> bytes with cell and row checksums, into one growing buffer.

import type { SequenceInfo } from '../../core/change.ts';
import * as C from './consts.ts';
import { crc8Byte, crc8Range } from './crc8.ts';
import {
  isPkSentinel,
  PlainBufferError,
  type PkSentinel,
  type PkValue,
  type PlainBufferCell,
  type PlainBufferRow,
  type PlainBufferValue,
} from './types.ts';

const TWO_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class Writer {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32At(at: number, v: number): void {
    const b = this.buf;
    b[at] = v & 0xff;
    b[at + 1] = (v >>> 8) & 0xff;
    b[at + 2] = (v >>> 16) & 0xff;
    b[at + 3] = (v >>> 24) & 0xff;
  }

  u32(v: number): void {
    this.ensure(4);
    this.u32At(this.pos, v);
    this.pos += 4;
  }

  /** Non-negative safe integer as int64 (timestamps). */
  i64Number(v: number): void {
    this.ensure(8);
    this.u32At(this.pos, v % TWO_32);
    this.u32At(this.pos + 4, Math.floor(v / TWO_32));
    this.pos += 8;
  }

  /** Writes UTF-8 bytes and returns their count. */
  utf8(s: string): number {
    this.ensure(s.length * 3);
    const n = this.buf.write(s, this.pos, 'utf8');
    this.pos += n;
    return n;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

function sentinelType(s: PkSentinel): number {
  return s.sentinel === 'INF_MIN' ? C.VT_INF_MIN : s.sentinel === 'INF_MAX' ? C.VT_INF_MAX : C.VT_AUTO_INCREMENT;
}

function checkTimestamp(name: string, ts: number): void {
  if (!Number.isSafeInteger(ts) || ts < 0) {
    throw new PlainBufferError(`cell "${name}" timestamp ${ts} must be a non-negative integer (milliseconds)`, 0);
  }
}

/** Writes type byte + payload (no length prefix); returns the checksum continued over it. */
function writeVariant(w: Writer, value: PlainBufferValue | PkValue, name: string, crc: number, allowSentinel: boolean): number {
  const typePos = w.pos;
  if (typeof value === 'bigint') {
    if (value < INT64_MIN || value > INT64_MAX) {
      throw new PlainBufferError(`column "${name}" INTEGER ${value} does not fit in int64`, 0);
    }
    w.ensure(9);
    w.buf[w.pos++] = C.VT_INTEGER;
    w.buf.writeBigInt64LE(value, w.pos);
    w.pos += 8;
    return crc8Range(crc, w.buf, typePos, w.pos);
  }
  if (typeof value === 'number') {
    w.ensure(9);
    w.buf[w.pos++] = C.VT_DOUBLE;
    w.buf.writeDoubleLE(value, w.pos);
    w.pos += 8;
    return crc8Range(crc, w.buf, typePos, w.pos);
  }
  if (typeof value === 'string' || value instanceof Uint8Array) {
    w.u8(typeof value === 'string' ? C.VT_STRING : C.VT_BLOB);
    const lengthPos = w.pos;
    w.u32(0);
    let n: number;
    if (typeof value === 'string') n = w.utf8(value);
    else {
      w.bytes(value);
      n = value.length;
    }
    w.u32At(lengthPos, n);
    return crc8Range(crc, w.buf, typePos, w.pos);
  }
  if (typeof value === 'boolean') {
    w.u8(C.VT_BOOLEAN);
    w.u8(value ? 1 : 0);
    return crc8Byte(crc8Byte(crc, C.VT_BOOLEAN), value ? 1 : 0);
  }
  if (value === null) {
    w.u8(C.VT_NULL);
    return crc8Byte(crc, C.VT_NULL);
  }
  if (isPkSentinel(value)) {
    if (!allowSentinel) throw new PlainBufferError(`column "${name}": ${value.sentinel} is only valid in a primary key`, 0);
    const type = sentinelType(value);
    w.u8(type);
    return crc8Byte(crc, type);
  }
  throw new PlainBufferError(`column "${name}" has an unsupported value of type ${typeof value}`, 0);
}

function writeCell(
  w: Writer,
  name: string,
  value: PlainBufferValue | PkValue | undefined,
  op: PlainBufferCell['op'],
  timestamp: number | undefined,
  isPk: boolean,
): number {
  w.u8(C.TAG_CELL);
  w.u8(C.TAG_CELL_NAME);
  const nameLengthPos = w.pos;
  w.u32(0);
  const nameStart = w.pos;
  const nameLength = w.utf8(name);
  w.u32At(nameLengthPos, nameLength);
  let crc = crc8Range(0, w.buf, nameStart, w.pos);

  if (value !== undefined) {
    w.u8(C.TAG_CELL_VALUE);
    const prefixPos = w.pos;
    w.u32(0);
    const start = w.pos;
    crc = writeVariant(w, value, name, crc, isPk);
    w.u32At(prefixPos, w.pos - start);
  }

  let opType = -1;
  if (op !== 'PUT') {
    opType =
      op === 'DELETE_ALL_VERSIONS' ? C.OP_DELETE_ALL_VERSIONS : op === 'DELETE_ONE_VERSION' ? C.OP_DELETE_ONE_VERSION : C.OP_INCREMENT;
    w.u8(C.TAG_CELL_TYPE);
    w.u8(opType);
  }
  if (timestamp !== undefined) {
    checkTimestamp(name, timestamp);
    w.u8(C.TAG_CELL_TIMESTAMP);
    const start = w.pos;
    w.i64Number(timestamp);
    crc = crc8Range(crc, w.buf, start, w.pos);
  }
  if (opType >= 0) crc = crc8Byte(crc, opType);
  w.u8(C.TAG_CELL_CHECKSUM);
  w.u8(crc);
  return crc;
}

function writeSequence(w: Writer, seq: SequenceInfo): void {
  w.u8(C.TAG_EXTENSION);
  w.u32(C.EXTENSION_BODY_LENGTH);
  w.u8(C.TAG_SEQ_INFO);
  w.u32(C.SEQ_INFO_BODY_LENGTH);
  w.u8(C.TAG_SEQ_INFO_EPOCH);
  w.u32(seq.epoch >>> 0);
  w.u8(C.TAG_SEQ_INFO_TS);
  checkTimestamp('sequence', seq.timestampMicros);
  w.i64Number(seq.timestampMicros);
  w.u8(C.TAG_SEQ_INFO_ROW_INDEX);
  w.u32(seq.rowIndex >>> 0);
}

function writeRow(w: Writer, row: PlainBufferRow): void {
  let rowCrc = 0;
  w.u8(C.TAG_ROW_PK);
  for (const pk of row.primaryKey) rowCrc = crc8Byte(rowCrc, writeCell(w, pk.name, pk.value, 'PUT', undefined, true));
  if (row.cells.length > 0) {
    w.u8(C.TAG_ROW_DATA);
    for (const cell of row.cells) {
      rowCrc = crc8Byte(rowCrc, writeCell(w, cell.name, cell.value, cell.op, cell.timestamp, false));
    }
  }
  if (row.deleteMarker) w.u8(C.TAG_DELETE_ROW_MARKER);
  if (row.sequence) writeSequence(w, row.sequence);
  rowCrc = crc8Byte(rowCrc, row.deleteMarker ? 1 : 0);
  w.u8(C.TAG_ROW_CHECKSUM);
  w.u8(rowCrc);
}

/** One header followed by the rows (what GetRange returns). */
export function encodeRows(rows: readonly PlainBufferRow[]): Buffer {
  const w = new Writer(64 + rows.length * 128);
  w.u32(C.HEADER);
  for (const row of rows) writeRow(w, row);
  return w.buf.subarray(0, w.pos);
}

export function encodeRow(row: PlainBufferRow): Buffer {
  return encodeRows([row]);
}

/** A bare value (type byte + payload), as column conditions carry it. */
export function encodeVariant(value: PlainBufferValue | PkValue): Buffer {
  const w = new Writer(16);
  writeVariant(w, value, 'value', 0, true);
  return w.buf.subarray(0, w.pos);
}
