import type { ColumnDef, OutputValue, Row } from '../../core/row.ts';
import { FormatError, describeValue } from '../errors.ts';
import type { FileEncoder, FormatOptions } from '../types.ts';
import { epochMillis, valueText } from '../values.ts';
import { BooleanColumn, ByteArrayColumn, ColumnBuilder, DoubleColumn, Int64Column } from './columns.ts';
import { encodeFooter, type RowGroupMeta } from './footer.ts';

// Streaming Parquet: rows fill one row group in per-column buffers; when the group reaches its row or
// byte limit, write() returns it encoded, and finish() returns the last group and the footer. Memory is
// bounded by one row group whatever the number of rows. Every column is OPTIONAL; int64 → INT64,
// double → DOUBLE, boolean → BOOLEAN, string → BYTE_ARRAY STRING, binary → BYTE_ARRAY,
// timestamp → INT64 TIMESTAMP(MILLIS, UTC), any → BYTE_ARRAY STRING holding the value as text.
// Pages are uncompressed, or GZIP with sink.compress "gzip"; text columns are dictionary-encoded while that pays.

export interface RowGroupLimits {
  /** Rows per row group (default 65,536). */
  maxRows: number;
  /** Approximate encoded bytes per row group (default 16 MiB). */
  maxBytes: number;
}

export const DEFAULT_ROW_GROUP_LIMITS: RowGroupLimits = { maxRows: 65_536, maxBytes: 16 * 1024 * 1024 };

const MAGIC = Buffer.from('PAR1', 'latin1');
const EMPTY = new Uint8Array(0);
const INT64_LIMIT = 2 ** 63;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DOUBLE_EXACT = 2n ** 53n;

const enum Kind {
  Int64,
  Timestamp,
  Double,
  Boolean,
  Binary,
  Text,
}

function kindOf(type: ColumnDef['type']): Kind {
  switch (type) {
    case 'int64':
      return Kind.Int64;
    case 'timestamp':
      return Kind.Timestamp;
    case 'double':
      return Kind.Double;
    case 'boolean':
      return Kind.Boolean;
    case 'binary':
      return Kind.Binary;
    default:
      return Kind.Text;
  }
}

/** Why `value` cannot go in a column of this kind, or undefined when it can. */
function mismatch(kind: Kind, value: Exclude<OutputValue, null>): string | undefined {
  switch (kind) {
    case Kind.Int64:
      if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX ? undefined : 'it is outside the int64 range';
      return typeof value === 'number' && Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT
        ? undefined
        : 'an int64 column takes integers';
    case Kind.Timestamp:
      return epochMillis(value) === undefined ? 'a timestamp needs integer epoch milliseconds' : undefined;
    case Kind.Double:
      if (typeof value === 'number') return undefined;
      return typeof value === 'bigint' && value <= DOUBLE_EXACT && value >= -DOUBLE_EXACT ? undefined : 'a double column takes numbers';
    case Kind.Boolean:
      return typeof value === 'boolean' ? undefined : 'a boolean column takes booleans';
    case Kind.Binary:
      return value instanceof Uint8Array || typeof value === 'string' ? undefined : 'a binary column takes bytes or text';
    case Kind.Text:
      return undefined;
  }
}

export class ParquetEncoder implements FileEncoder {
  readonly extension = 'parquet';
  readonly contentType = 'application/vnd.apache.parquet';
  rowsWritten = 0;
  bytesWritten = 0;

  private readonly kinds: Kind[];
  private readonly builders: ColumnBuilder[];
  private readonly rowGroups: RowGroupMeta[] = [];
  private groupRows = 0;
  private groupBytes = 0;
  private finished = false;

  constructor(
    private readonly schema: readonly ColumnDef[],
    private readonly options: FormatOptions,
    private readonly limits: RowGroupLimits = DEFAULT_ROW_GROUP_LIMITS,
  ) {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the Parquet encoder needs a little-endian host');
    this.kinds = schema.map((c) => kindOf(c.type));
    this.builders = schema.map((c, i) => {
      switch (this.kinds[i]) {
        case Kind.Int64:
        case Kind.Timestamp:
          return new Int64Column(c.name, limits.maxRows);
        case Kind.Double:
          return new DoubleColumn(c.name, limits.maxRows);
        case Kind.Boolean:
          return new BooleanColumn(c.name, limits.maxRows);
        default:
          return new ByteArrayColumn(c.name, limits.maxRows, this.kinds[i] === Kind.Text);
      }
    });
    for (const b of this.builders) b.gzip = options.compress === 'gzip';
  }

  write(rows: readonly Row[], from = 0, to = rows.length): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    this.check(rows, from, to);
    const pieces: Uint8Array[] = [];
    if (this.bytesWritten === 0) pieces.push(MAGIC);
    for (let r = from; r < to; r++) {
      this.append(rows[r]!);
      if (this.groupRows >= this.limits.maxRows || this.groupBytes >= this.limits.maxBytes) this.flushGroup(pieces);
    }
    this.rowsWritten += to - from;
    return this.emit(pieces);
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the encoder is already finished');
    this.finished = true;
    const pieces: Uint8Array[] = [];
    if (this.bytesWritten === 0) pieces.push(MAGIC);
    if (this.groupRows > 0) this.flushGroup(pieces);
    const footer = encodeFooter(this.schema, this.rowGroups, 'ots2oss');
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32LE(footer.byteLength, 0);
    pieces.push(footer, length, MAGIC);
    return this.emit(pieces);
  }

  /** Rejects the whole batch before anything is buffered, so a bad row never leaves a half-written group. */
  private check(rows: readonly Row[], from: number, to: number): void {
    const width = this.schema.length;
    for (let r = from; r < to; r++) {
      const row = rows[r]!;
      if (row.length !== width) {
        throw new FormatError(this.schema[0]?.name ?? '(none)', r, `the row has ${row.length} values for ${width} columns`);
      }
      for (let c = 0; c < width; c++) {
        const value = row[c]!;
        if (value === null || this.kinds[c] === Kind.Text) continue;
        const problem = mismatch(this.kinds[c]!, value);
        if (problem) throw new FormatError(this.schema[c]!.name, r, `${problem}, got ${describeValue(value)}`);
      }
    }
  }

  private append(row: Row): void {
    const kinds = this.kinds;
    const builders = this.builders;
    let bytes = 0;
    for (let c = 0; c < kinds.length; c++) {
      const value = row[c]!;
      if (value === null) {
        builders[c]!.appendNull();
        continue;
      }
      switch (kinds[c]) {
        case Kind.Int64:
          bytes += (builders[c] as Int64Column).append(value as number | bigint);
          break;
        case Kind.Timestamp:
          bytes += (builders[c] as Int64Column).append(epochMillis(value)!);
          break;
        case Kind.Double:
          bytes += (builders[c] as DoubleColumn).append(typeof value === 'number' ? value : Number(value));
          break;
        case Kind.Boolean:
          bytes += (builders[c] as BooleanColumn).append(value as boolean);
          break;
        default: {
          const column = builders[c] as ByteArrayColumn;
          if (typeof value === 'string') bytes += column.appendText(value);
          else if (value instanceof Uint8Array && kinds[c] === Kind.Binary) bytes += column.appendBytes(value);
          else bytes += column.appendText(valueText(value, this.options.binaryEncoding));
        }
      }
    }
    this.groupRows++;
    this.groupBytes += bytes + 1;
  }

  private flushGroup(pieces: Uint8Array[]): void {
    const start = this.bytesWritten + byteLength(pieces);
    let offset = start;
    const columns = [];
    for (const builder of this.builders) {
      const chunk = builder.encode(offset);
      for (const p of chunk.pieces) pieces.push(p);
      offset += chunk.meta.totalSize;
      columns.push(chunk.meta);
    }
    this.rowGroups.push({ numRows: this.groupRows, fileOffset: start, columns });
    // The pieces still point into the builders' buffers: copy them out before those are reused.
    const bytes = Buffer.concat(pieces);
    pieces.length = 0;
    pieces.push(bytes);
    for (const builder of this.builders) builder.reset();
    this.groupRows = 0;
    this.groupBytes = 0;
  }

  private emit(pieces: Uint8Array[]): Uint8Array {
    if (pieces.length === 0) return EMPTY;
    const bytes = pieces.length === 1 && pieces[0] !== MAGIC ? pieces[0]! : Buffer.concat(pieces);
    this.bytesWritten += bytes.byteLength;
    return bytes;
  }
}

function byteLength(pieces: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of pieces) n += p.byteLength;
  return n;
}
