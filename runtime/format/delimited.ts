import { isUtf8 } from 'node:buffer';
import type { ChangeRecord } from '../core/change.ts';
import type { WireLayout } from '../core/record-multi-version.ts';
import type { ColumnDef, OutputValue, Row } from '../core/row.ts';
import { zoneOf } from '../core/time-zone.ts';
import { compileDateFormat, type DateFormatter } from './date-format.ts';
import { FormatError, describeValue } from './errors.ts';
import type { FileEncoder, FormatOptions } from './types.ts';
import { bufferOf } from '../util/bytes.ts';
import { binaryText, epochMillis, javaDouble } from './values.ts';
import { WireLineWriter, type LineFields } from './wire-lines.ts';
import { putInt64, putSafeInteger, putShortDecimal } from './digits.ts';
import { ByteWriter, isPairAt, putNonAscii, putBase64, RecentFields } from './byte-writer.ts';

// csv and text, one line per row ending in "\n" (what DataWorks' OSS writer writes on Linux).
// csv quotes a field with " (inner quotes doubled) when it holds the delimiter, a quote, CR or LF, and,
// as DataWorks does, when it is the first field and empty or starts with "#". Unlike DataWorks it keeps
// leading and trailing spaces (DataWorks trims them) and also quotes a lone CR (DataWorks does not).
// text joins fields with the delimiter and escapes nothing, exactly as DataWorks: a value holding the
// delimiter or a line break shifts columns or splits the line for whoever reads the file.

const EMPTY = new Uint8Array(0);
const NEWLINE = new Uint8Array([10]);
const QUOTE = 34;
/**
 * Fields longer than this go through native code (a regex for the characters that call for quotes, then
 * Buffer#write) rather than the per-character loop. Measured on lines with sequence info (~70 characters,
 * a new string per line): a fifth more throughput with isExportSequenceInfo, none lost without it.
 */
const NATIVE_FIELD = 32;

export class DelimitedEncoder implements FileEncoder, LineFields {
  readonly extension: string;
  readonly contentType: string;
  rowsWritten = 0;
  bytesWritten = 0;

  private readonly columns: readonly ColumnDef[];
  readonly out = new ByteWriter();
  readonly before: Uint8Array[];
  readonly lineEnd = NEWLINE;
  private readonly recent: RecentFields;
  private readonly delimiter: Uint8Array;
  /** The delimiter's UTF-16 code unit, which the quoting scan compares against. */
  private readonly delimiterCode: number;
  /** The delimiter when it is one ASCII byte, which the quoting scan of UTF-8 bytes compares against; else -1. */
  private readonly delimiterByte: number;
  private readonly special: RegExp;
  /** Numbers, booleans and base64 need the quoting check only when the delimiter can occur in them. */
  private readonly checkPlain: boolean;
  private readonly nullText: string;
  private readonly dates?: DateFormatter;
  private readonly binaryEncoding: FormatOptions['binaryEncoding'];
  private pendingHeader: boolean;
  private finished = false;
  private wireLines?: WireLineWriter;
  wireLine = 0;

  constructor(
    private readonly quoting: boolean,
    schema: readonly ColumnDef[],
    options: FormatOptions,
  ) {
    this.extension = quoting ? 'csv' : 'txt';
    this.contentType = quoting ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8';
    this.columns = schema;
    this.delimiter = Buffer.from(options.fieldDelimiter, 'utf8');
    this.delimiterCode = options.fieldDelimiter.charCodeAt(0);
    this.delimiterByte = this.delimiter.length === 1 && this.delimiter[0]! < 0x80 ? this.delimiter[0]! : -1;
    this.before = schema.map((_, c) => (c === 0 ? EMPTY : this.delimiter));
    this.special = new RegExp(`["\\r\\n${options.fieldDelimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
    this.checkPlain = quoting && /[A-Za-z0-9+/=.-]/.test(options.fieldDelimiter);
    this.binaryEncoding = options.binaryEncoding;
    if (options.dateFormat !== undefined) this.dates = compileDateFormat(options.dateFormat, zoneOf(options.timeZone));
    this.nullText = options.nullFormat;
    this.pendingHeader = options.header;
    this.recent = new RecentFields(this.out, schema.length);
  }

  write(rows: readonly Row[], from = 0, to = rows.length): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    const out = this.out;
    if (this.pendingHeader) this.headerLine();
    const columns = this.columns;
    const width = columns.length;
    const recent = this.recent;
    const single = this.delimiter.length === 1 ? this.delimiter[0]! : -1;
    for (let r = from; r < to; r++) {
      const row = rows[r]!;
      if (row.length !== width) {
        out.take(); // drops the part of the batch already written
        throw new FormatError(columns[0]?.name ?? '(none)', r, `the row has ${row.length} values for ${width} columns`);
      }
      for (let c = 0; c < width; c++) {
        if (c > 0) {
          if (single >= 0) out.byte(single);
          else out.copy(this.delimiter);
        }
        const value = row[c]!;
        // Nulls stay out of the remembered values: a record's DR line must not evict its timestamp.
        if (value === null) {
          this.field(this.nullText, c === 0);
          continue;
        }
        if (recent.repeat(c, value)) continue;
        const at = recent.mark();
        if (typeof value === 'string' && columns[c]!.type !== 'timestamp') this.field(value, c === 0);
        else this.render(value, columns[c]!, c === 0, r);
        recent.remember(c, value, at);
      }
      out.byte(10);
    }
    return this.taken(to - from);
  }

  writeWire(records: readonly ChangeRecord[], from: number, to: number, layout: WireLayout): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    if (this.pendingHeader) this.headerLine();
    const lines = (this.wireLines ??= new WireLineWriter(this, layout.keyWidth));
    return this.taken(lines.render(records, from, to, layout));
  }

  /** The bytes written since the last call, for `rows` rows. */
  private taken(rows: number): Uint8Array {
    const bytes = this.out.take();
    if (bytes.length === 0) return EMPTY;
    this.pendingHeader = false;
    this.rowsWritten += rows;
    this.bytesWritten += bytes.byteLength;
    return bytes;
  }

  nul(c: number): void {
    this.field(this.nullText, c === 0);
  }

  integer(value: number | bigint, c: number): void {
    if (typeof value === 'bigint') return this.render(value, this.columns[c]!, c === 0, this.wireLine);
    if (this.checkPlain) this.field(String(value), c === 0);
    else putSafeInteger(this.out, value);
  }

  binary(bytes: Uint8Array, start: number, end: number, c: number): void {
    if (this.binaryEncoding === 'base64' && !this.checkPlain) putBase64(this.out, bytes, start, end);
    else this.value(bytes.subarray(start, end), c);
  }

  value(value: Exclude<OutputValue, null>, c: number): void {
    if (typeof value === 'string' && this.columns[c]!.type !== 'timestamp') this.field(value, c === 0);
    else this.render(value, this.columns[c]!, c === 0, this.wireLine);
  }

  /** field() of the string UTF-8 bytes[start, end) hold, copied as they are when they are valid UTF-8. */
  utf8(bytes: Uint8Array, start: number, end: number, c: number): void {
    const first = c === 0;
    const out = this.out;
    const n = end - start;
    if (n === 0) return this.field('', first);
    const d = this.delimiterByte;
    let special = this.quoting && first && bytes[start] === 35;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) ascii = false;
      else if (b === d || b === QUOTE || b === 10 || b === 13) special = true;
    }
    // A delimiter of several bytes may hide among non-ASCII bytes: that field takes the string path.
    if (!ascii && ((this.quoting && d < 0) || !isUtf8(bytes.subarray(start, end)))) {
      return this.field(bufferOf(bytes).toString('utf8', start, end), first);
    }
    if (!this.quoting || !special) return out.copy(bytes, start, end);
    out.reserve(2 * n + 2);
    const o = out.bytes;
    let p = out.pos;
    o[p++] = QUOTE;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === QUOTE) o[p++] = QUOTE;
      o[p++] = b;
    }
    o[p++] = QUOTE;
    out.pos = p;
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the encoder is already finished');
    // An object with no rows still gets its header line.
    const bytes = this.pendingHeader ? this.write([]) : EMPTY;
    this.finished = true;
    this.out.close();
    return bytes;
  }

  private headerLine(): void {
    for (let c = 0; c < this.columns.length; c++) {
      if (c > 0) this.out.copy(this.delimiter);
      this.field(this.columns[c]!.name, c === 0);
    }
    this.out.byte(10);
  }

  private render(value: Exclude<OutputValue, null>, column: ColumnDef, first: boolean, rowIndex: number): void {
    if (column.type === 'timestamp') {
      const ms = epochMillis(value);
      if (ms === undefined) {
        this.out.take();
        throw new FormatError(column.name, rowIndex, `a timestamp needs integer epoch milliseconds, got ${describeValue(value)}`);
      }
      if (this.dates) this.field(this.dates.format(ms), first);
      else if (this.checkPlain) this.field(String(ms), first);
      else putSafeInteger(this.out, ms);
      return;
    }
    switch (typeof value) {
      case 'number':
        if (!this.checkPlain && putShortDecimal(this.out, value)) return;
        return this.plain(javaDouble(value), first);
      case 'bigint':
        if (!this.checkPlain && putInt64(this.out, value)) return;
        return this.plain(value.toString(), first);
      case 'boolean':
        return this.plain(value ? 'true' : 'false', first);
      case 'string':
        return this.field(value, first);
      default:
        if (this.binaryEncoding === 'base64') return this.checkPlain ? this.field(binaryText(value, 'base64'), first) : putBase64(this.out, value);
        return this.field(binaryText(value, 'utf8'), first);
    }
  }

  /** ASCII text that needs quoting only when the delimiter is one of its characters. */
  private plain(text: string, first: boolean): void {
    if (this.checkPlain) this.field(text, first);
    else this.out.ascii(text);
  }

  /** The field as csv writes it (quoted when needed), or as is for text. */
  private field(text: string, first: boolean): void {
    const out = this.out;
    if (!this.quoting) return out.utf8(text, NATIVE_FIELD);
    const n = text.length;
    if (n === 0) {
      if (first) out.ascii('""');
      return;
    }
    if (n > NATIVE_FIELD || (first && text.charCodeAt(0) === 35)) {
      if ((first && text.charCodeAt(0) === 35) || this.special.test(text)) return this.quoted(text);
      return out.utf8(text, NATIVE_FIELD);
    }
    // One pass copies the field and stops at the first character that calls for quotes.
    out.reserve(3 * n);
    const b = out.bytes;
    let p = out.pos;
    const d = this.delimiterCode;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === d || c === QUOTE || c === 10 || c === 13) return this.quoted(text);
      if (c < 0x80) b[p++] = c;
      else {
        p = putNonAscii(b, p, text, i, c);
        if (c >= 0xd800 && c <= 0xdbff && isPairAt(text, i)) i++;
      }
    }
    out.pos = p;
  }

  private quoted(text: string): void {
    const out = this.out;
    out.byte(QUOTE);
    out.utf8(text.indexOf('"') < 0 ? text : text.replace(/"/g, '""'));
    out.byte(QUOTE);
  }
}
