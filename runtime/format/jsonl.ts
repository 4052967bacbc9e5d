import type { ColumnDef, OutputValue, Row } from '../core/row.ts';
import { compileDateFormat, isoMillis, type DateFormatter } from './date-format.ts';
import { FormatError, describeValue } from './errors.ts';
import type { FileEncoder, FormatOptions } from './types.ts';
import { binaryText, epochMillis, jsonDouble } from './values.ts';

// One JSON object per line, keyed by column name, in schema order. int64 is a number literal with every
// digit (readers that parse numbers as doubles lose precision past 2^53: read them as big integers);
// doubles always carry a decimal point or exponent; NaN and ±Infinity, which JSON lacks, are the strings
// "NaN", "Infinity", "-Infinity"; binary is a string (base64, or UTF-8 per binaryEncoding); timestamps are
// ISO-8601 UTC strings with milliseconds, or dateFormat text. U+2028/U+2029 are escaped, and lone surrogates
// become U+FFFD, so every line is valid UTF-8 and valid JavaScript too.

const EMPTY = new Uint8Array(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_SEPARATORS = /[\u2028\u2029]/g;
const NEEDS_REWRITE = /[\uD800-\uDFFF\u2028\u2029]/;

/** A JSON string literal; short strings that need no escaping skip JSON.stringify (the common case). */
export function jsonString(s: string): string {
  if (s.length <= 64) {
    let plain = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) {
        plain = false;
        break;
      }
    }
    if (plain) return '"' + s + '"';
  }
  // One native scan decides whether the two slower rewrites are needed at all.
  if (!NEEDS_REWRITE.test(s)) return JSON.stringify(s);
  const json = JSON.stringify(s.replace(LONE_SURROGATE, '\uFFFD'));
  return json.replace(LINE_SEPARATORS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

export class JsonLinesEncoder implements FileEncoder {
  readonly extension = 'jsonl';
  readonly contentType = 'application/x-ndjson; charset=utf-8';
  rowsWritten = 0;
  bytesWritten = 0;

  private readonly columns: readonly ColumnDef[];
  /** `{"a":` then `,"b":` ... */
  private readonly keys: string[];
  private readonly dates?: DateFormatter;
  private readonly binaryEncoding: FormatOptions['binaryEncoding'];
  private finished = false;

  constructor(schema: readonly ColumnDef[], options: FormatOptions) {
    this.columns = schema;
    this.keys = schema.map((c, i) => `${i === 0 ? '{' : ','}${jsonString(c.name)}:`);
    this.binaryEncoding = options.binaryEncoding;
    if (options.dateFormat !== undefined) this.dates = compileDateFormat(options.dateFormat);
  }

  write(rows: readonly Row[]): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    const columns = this.columns;
    const keys = this.keys;
    const width = columns.length;
    let out = '';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length !== width) {
        throw new FormatError(columns[0]?.name ?? '(none)', r, `the row has ${row.length} values for ${width} columns`);
      }
      if (width === 0) out += '{';
      for (let c = 0; c < width; c++) {
        out += keys[c]!;
        const value = row[c]!;
        if (value === null) out += 'null';
        else if (typeof value === 'string' && columns[c]!.type !== 'timestamp') out += jsonString(value);
        else out += this.render(value, columns[c]!, r);
      }
      out += '}\n';
    }
    if (out.length === 0) return EMPTY;
    const bytes = Buffer.from(out, 'utf8');
    this.rowsWritten += rows.length;
    this.bytesWritten += bytes.byteLength;
    return bytes;
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the encoder is already finished');
    this.finished = true;
    return EMPTY;
  }

  private render(value: Exclude<OutputValue, null>, column: ColumnDef, rowIndex: number): string {
    if (column.type === 'timestamp') {
      const ms = epochMillis(value);
      if (ms === undefined) {
        throw new FormatError(column.name, rowIndex, `a timestamp needs integer epoch milliseconds, got ${describeValue(value)}`);
      }
      return this.dates ? jsonString(this.dates.format(ms)) : `"${isoMillis(ms)}"`;
    }
    switch (typeof value) {
      case 'number':
        if (value === Infinity) return '"Infinity"';
        if (value === -Infinity) return '"-Infinity"';
        return value === value ? jsonDouble(value) : '"NaN"';
      case 'bigint':
        return value.toString();
      case 'boolean':
        return value ? 'true' : 'false';
      case 'string':
        return jsonString(value);
      default:
        return jsonString(binaryText(value, this.binaryEncoding));
    }
  }
}
