import { isUtf8 } from 'node:buffer';
import type { ChangeRecord } from '../core/change.ts';
import type { WireLayout } from '../core/record-multi-version.ts';
import type { ColumnDef, OutputValue, Row } from '../core/row.ts';
import { putInt64, putSafeInteger, putShortDecimal } from './digits.ts';
import { ByteWriter, isPairAt, LONG_STRING, putNonAscii, putBase64, RecentFields } from './byte-writer.ts';
import { zoneOf } from '../core/time-zone.ts';
import { compileDateFormat, putIsoMillis, type DateFormatter } from './date-format.ts';
import { FormatError, describeValue } from './errors.ts';
import type { FileEncoder, FormatOptions } from './types.ts';
import { bufferOf } from '../util/bytes.ts';
import { binaryText, epochMillis, jsonDouble } from './values.ts';
import { WireLineWriter, type LineFields } from './wire-lines.ts';

// One JSON object per line, keyed by column name, in schema order. int64 is a number literal with every
// digit (readers that parse numbers as doubles lose precision past 2^53: read them as big integers);
// doubles always carry a decimal point or exponent; NaN and ±Infinity, which JSON lacks, are the strings
// "NaN", "Infinity", "-Infinity"; binary is a string (base64, or UTF-8 per binaryEncoding); timestamps are
// ISO-8601 UTC strings with milliseconds, or dateFormat text. U+2028/U+2029 are escaped, and lone surrogates
// become U+FFFD, so every line is valid UTF-8 and valid JavaScript too.

const EMPTY = new Uint8Array(0);
const LINE_END = new Uint8Array([125, 10]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_SEPARATORS = /[\u2028\u2029]/g;
const NEEDS_REWRITE = /[\uD800-\uDFFF\u2028\u2029]/;
const HEX = '0123456789abcdef';
/** The escape JSON.stringify writes after the backslash for each control character, "u" for \u00XX. */
const SHORT_ESCAPES: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114, 34: 34, 92: 92 };

/** A JSON string literal as text: JSON.stringify with lone surrogates as U+FFFD and U+2028/9 escaped. */
export function jsonString(s: string): string {
  if (!NEEDS_REWRITE.test(s)) return JSON.stringify(s);
  const json = JSON.stringify(s.replace(LONE_SURROGATE, '\uFFFD'));
  return json.replace(LINE_SEPARATORS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** The escape of an ASCII control character, `"` or `\\` at b[p]; returns the end. */
function putAsciiEscape(b: Uint8Array, p: number, c: number): number {
  b[p++] = 92;
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) {
    b[p++] = short;
    return p;
  }
  b[p++] = 117;
  b[p++] = 48;
  b[p++] = 48;
  b[p++] = HEX.charCodeAt(c >> 4);
  b[p++] = HEX.charCodeAt(c & 15);
  return p;
}

/** \u2028 or \u2029 at b[p]; returns the end. */
function putSeparatorEscape(b: Uint8Array, p: number, c: 0x2028 | 0x2029): number {
  b[p++] = 92;
  b[p++] = 117;
  b[p++] = 50;
  b[p++] = 48;
  b[p++] = 50;
  b[p++] = c === 0x2028 ? 56 : 57;
  return p;
}

/**
 * Writes jsonString of the string that UTF-8 bytes[start, end) hold, copying them as they are but for the
 * escapes; false, with nothing written, when they are not valid UTF-8.
 */
function putJsonUtf8(out: ByteWriter, bytes: Uint8Array, start: number, end: number): boolean {
  out.reserve(6 * (end - start) + 2);
  const b = out.bytes;
  let p = out.pos;
  let ascii = true;
  b[p++] = 34;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) b[p++] = c;
    else if (c < 0x80) p = putAsciiEscape(b, p, c);
    else if (c === 0xe2 && bytes[i + 1] === 0x80 && (bytes[i + 2] === 0xa8 || bytes[i + 2] === 0xa9)) {
      p = putSeparatorEscape(b, p, bytes[i + 2] === 0xa8 ? 0x2028 : 0x2029);
      i += 2;
    } else {
      ascii = false;
      b[p++] = c;
    }
  }
  if (!ascii && !isUtf8(bytes.subarray(start, end))) return false;
  b[p++] = 34;
  out.pos = p;
  return true;
}

/** Writes jsonString(s) as UTF-8, in one pass for all but long strings. */
export function putJsonString(out: ByteWriter, s: string): void {
  const n = s.length;
  if (n > LONG_STRING) return out.utf8(jsonString(s));
  out.reserve(6 * n + 2);
  const b = out.bytes;
  let p = out.pos;
  b[p++] = 34;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) b[p++] = c;
    else if (c < 0x80) p = putAsciiEscape(b, p, c);
    else if (c === 0x2028 || c === 0x2029) p = putSeparatorEscape(b, p, c);
    else {
      p = putNonAscii(b, p, s, i, c);
      if (c >= 0xd800 && c <= 0xdbff && isPairAt(s, i)) i++;
    }
  }
  b[p++] = 34;
  out.pos = p;
}

export class JsonLinesEncoder implements FileEncoder, LineFields {
  readonly extension = 'jsonl';
  readonly contentType = 'application/x-ndjson; charset=utf-8';
  rowsWritten = 0;
  bytesWritten = 0;

  private readonly columns: readonly ColumnDef[];
  /** `{"a":` then `,"b":` ... as UTF-8 */
  private readonly keys: Uint8Array[];
  readonly out = new ByteWriter();
  readonly lineEnd = LINE_END;
  private readonly recent: RecentFields;
  private readonly dates?: DateFormatter;
  private readonly binaryEncoding: FormatOptions['binaryEncoding'];
  private finished = false;
  private wireLines?: WireLineWriter;
  wireLine = 0;

  constructor(schema: readonly ColumnDef[], options: FormatOptions) {
    this.columns = schema;
    this.keys = schema.map((c, i) => Buffer.from(`${i === 0 ? '{' : ','}${jsonString(c.name)}:`, 'utf8'));
    this.binaryEncoding = options.binaryEncoding;
    if (options.dateFormat !== undefined) this.dates = compileDateFormat(options.dateFormat, zoneOf(options.timeZone));
    this.recent = new RecentFields(this.out, schema.length);
  }

  write(rows: readonly Row[], from = 0, to = rows.length): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    const out = this.out;
    const columns = this.columns;
    const keys = this.keys;
    const recent = this.recent;
    const width = columns.length;
    for (let r = from; r < to; r++) {
      const row = rows[r]!;
      if (row.length !== width) {
        out.take(); // drops the part of the batch already written
        throw new FormatError(columns[0]?.name ?? '(none)', r, `the row has ${row.length} values for ${width} columns`);
      }
      if (width === 0) out.byte(123);
      for (let c = 0; c < width; c++) {
        const value = row[c]!;
        // Nulls stay out of the remembered values: a record's DR line must not evict its timestamp.
        if (value === null) {
          out.copy(keys[c]!);
          out.ascii('null');
          continue;
        }
        if (recent.repeat(c, value)) continue;
        const at = recent.mark();
        out.copy(keys[c]!);
        if (typeof value === 'string' && columns[c]!.type !== 'timestamp') putJsonString(out, value);
        else this.render(value, columns[c]!, r);
        recent.remember(c, value, at);
      }
      out.byte(125);
      out.byte(10);
    }
    return this.taken(to - from);
  }

  writeWire(records: readonly ChangeRecord[], from: number, to: number, layout: WireLayout): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    const lines = (this.wireLines ??= new WireLineWriter(this, layout.keyWidth));
    return this.taken(lines.render(records, from, to, layout));
  }

  private taken(rows: number): Uint8Array {
    const bytes = this.out.take();
    if (bytes.length === 0) return EMPTY;
    this.rowsWritten += rows;
    this.bytesWritten += bytes.byteLength;
    return bytes;
  }

  get before(): readonly Uint8Array[] {
    return this.keys;
  }

  nul(): void {
    this.out.ascii('null');
  }

  integer(value: number | bigint, c: number): void {
    if (typeof value === 'bigint') this.render(value, this.columns[c]!, this.wireLine);
    else putSafeInteger(this.out, value);
  }

  binary(bytes: Uint8Array, start: number, end: number, c: number): void {
    if (this.binaryEncoding !== 'base64') return this.value(bytes.subarray(start, end), c);
    this.out.byte(34);
    putBase64(this.out, bytes, start, end);
    this.out.byte(34);
  }

  value(value: Exclude<OutputValue, null>, c: number): void {
    if (typeof value === 'string' && this.columns[c]!.type !== 'timestamp') putJsonString(this.out, value);
    else this.render(value, this.columns[c]!, this.wireLine);
  }

  utf8(bytes: Uint8Array, start: number, end: number): void {
    // Long strings take the string path, as the row path does: its native escaping needs no room for six bytes a byte.
    if (end - start > LONG_STRING || !putJsonUtf8(this.out, bytes, start, end)) putJsonString(this.out, bufferOf(bytes).toString('utf8', start, end));
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the encoder is already finished');
    this.finished = true;
    this.out.close();
    return EMPTY;
  }

  private render(value: Exclude<OutputValue, null>, column: ColumnDef, rowIndex: number): void {
    const out = this.out;
    if (column.type === 'timestamp') {
      const ms = epochMillis(value);
      if (ms === undefined) {
        out.take();
        throw new FormatError(column.name, rowIndex, `a timestamp needs integer epoch milliseconds, got ${describeValue(value)}`);
      }
      if (this.dates) return putJsonString(out, this.dates.format(ms));
      out.reserve(26);
      const end = putIsoMillis(out.bytes, out.pos + 1, ms);
      if (end < 0) return out.ascii(`"${new Date(ms).toISOString()}"`);
      out.bytes[out.pos] = 34;
      out.bytes[end] = 34;
      out.pos = end + 1;
      return;
    }
    switch (typeof value) {
      case 'number':
        if (putShortDecimal(out, value)) return;
        if (value === Infinity) return out.ascii('"Infinity"');
        if (value === -Infinity) return out.ascii('"-Infinity"');
        return out.ascii(value === value ? jsonDouble(value) : '"NaN"');
      case 'bigint':
        if (putInt64(out, value)) return;
        return out.ascii(value.toString());
      case 'boolean':
        return out.ascii(value ? 'true' : 'false');
      case 'string':
        return putJsonString(out, value);
      default:
        if (this.binaryEncoding !== 'base64') return putJsonString(out, binaryText(value, 'utf8'));
        out.byte(34);
        putBase64(out, value);
        return out.byte(34);
    }
  }
}
