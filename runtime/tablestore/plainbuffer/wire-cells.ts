// A row's data cells walked where they lie, values undecoded: for writers that render straight from the
// bytes (runtime/format/wire-lines.ts). The row was decoded with decodeRowUndecoded first, which verified
// every checksum and the cells' shape, so this walk trusts the layout and checks nothing.

import type { CellCursor, CellOp, WireValueKind } from '../../core/change.ts';
import * as C from './consts.ts';
import { i64At, u32At } from './little-endian.ts';

/** Value kinds by PlainBuffer type byte (an array: indexed reads cost less than an object's keys). */
const KINDS: WireValueKind[] = [];
KINDS[C.VT_INTEGER] = 'integer';
KINDS[C.VT_DOUBLE] = 'double';
KINDS[C.VT_BOOLEAN] = 'boolean';
KINDS[C.VT_STRING] = 'string';
KINDS[C.VT_BLOB] = 'binary';
KINDS[C.VT_NULL] = 'null';

export class WireCells implements CellCursor {
  nameStart = 0;
  nameEnd = 0;
  op: CellOp = 'PUT';
  timestamp = -1;
  kind: WireValueKind = 'none';
  valueStart = 0;
  valueEnd = 0;
  private pos: number;

  /** `start`, `end`: the row's undecodedCells. */
  constructor(readonly bytes: Buffer, start: number, private readonly end: number) {
    this.pos = start;
  }

  next(): boolean {
    const b = this.bytes;
    let p = this.pos;
    if (p >= this.end || b[p] !== C.TAG_CELL) return false;
    p += 2; // the cell and name tags
    const nameLength = u32At(b, p);
    this.nameStart = p += 4;
    this.nameEnd = p += nameLength;
    let tag = b[p++];
    this.kind = 'none';
    if (tag === C.TAG_CELL_VALUE) {
      const length = u32At(b, p);
      p += 4;
      const type = b[p]!;
      this.kind = KINDS[type]!;
      // Strings and binaries carry their own length after the type; fixed-size values start after it.
      this.valueStart = type === C.VT_STRING || type === C.VT_BLOB ? p + 5 : p + 1;
      this.valueEnd = p += length;
      tag = b[p++];
    }
    this.op = 'PUT';
    if (tag === C.TAG_CELL_TYPE) {
      this.op = b[p++] === C.OP_DELETE_ONE_VERSION ? 'DELETE_ONE_VERSION' : 'DELETE_ALL_VERSIONS';
      tag = b[p++];
    }
    this.timestamp = -1;
    if (tag === C.TAG_CELL_TIMESTAMP) {
      this.timestamp = i64At(b, p);
      p += 9; // and the checksum tag
    }
    this.pos = p + 1; // the checksum
    return true;
  }

  integer(): number | bigint {
    const value = i64At(this.bytes, this.valueStart);
    return Number.isSafeInteger(value) ? value : this.bytes.readBigInt64LE(this.valueStart);
  }

  double(): number {
    return this.bytes.readDoubleLE(this.valueStart);
  }

  boolean(): boolean {
    return this.bytes[this.valueStart] !== 0;
  }
}
