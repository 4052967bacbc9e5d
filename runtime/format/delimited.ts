import type { ColumnDef, OutputValue, Row } from '../core/row.ts';
import { compileDateFormat, type DateFormatter } from './date-format.ts';
import { FormatError, describeValue } from './errors.ts';
import type { FileEncoder, FormatOptions } from './types.ts';
import { binaryText, epochMillis, javaDouble } from './values.ts';

// csv and text, one line per row ending in "\n" (what DataWorks' OSS writer writes on Linux).
// csv quotes a field with " (inner quotes doubled) when it holds the delimiter, a quote, CR or LF, and,
// as DataWorks does, when it is the first field and empty or starts with "#". Unlike DataWorks it keeps
// leading and trailing spaces (DataWorks trims them) and also quotes a lone CR (DataWorks does not).
// text joins fields with the delimiter and escapes nothing, exactly as DataWorks: a value holding the
// delimiter or a line break shifts columns or splits the line for whoever reads the file.

const EMPTY = new Uint8Array(0);

export class DelimitedEncoder implements FileEncoder {
  readonly extension: string;
  readonly contentType: string;
  rowsWritten = 0;
  bytesWritten = 0;

  private readonly columns: readonly ColumnDef[];
  private readonly delimiter: string;
  private readonly special: RegExp;
  /** Numbers, booleans and base64 need the quoting check only when the delimiter can occur in them. */
  private readonly checkPlain: boolean;
  private readonly nullText: string;
  private readonly nullTextFirst: string;
  private readonly dates?: DateFormatter;
  private readonly binaryEncoding: FormatOptions['binaryEncoding'];
  private pendingHeader: boolean;
  private finished = false;

  constructor(
    private readonly quoting: boolean,
    schema: readonly ColumnDef[],
    options: FormatOptions,
  ) {
    this.extension = quoting ? 'csv' : 'txt';
    this.contentType = quoting ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8';
    this.columns = schema;
    this.delimiter = options.fieldDelimiter;
    this.special = new RegExp(`["\\r\\n${options.fieldDelimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
    this.checkPlain = quoting && /[A-Za-z0-9+/=.-]/.test(options.fieldDelimiter);
    this.binaryEncoding = options.binaryEncoding;
    if (options.dateFormat !== undefined) this.dates = compileDateFormat(options.dateFormat);
    this.nullText = this.field(options.nullFormat, false);
    this.nullTextFirst = this.field(options.nullFormat, true);
    this.pendingHeader = options.header;
  }

  write(rows: readonly Row[]): Uint8Array {
    if (this.finished) throw new Error('the encoder is finished; open a new one for the next object');
    let out = this.pendingHeader ? this.headerLine() : '';
    const columns = this.columns;
    const width = columns.length;
    const delimiter = this.delimiter;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length !== width) {
        throw new FormatError(columns[0]?.name ?? '(none)', r, `the row has ${row.length} values for ${width} columns`);
      }
      for (let c = 0; c < width; c++) {
        if (c > 0) out += delimiter;
        const value = row[c]!;
        if (value === null) {
          out += c === 0 ? this.nullTextFirst : this.nullText;
          continue;
        }
        const column = columns[c]!;
        if (typeof value === 'string' && column.type !== 'timestamp') {
          out += this.field(value, c === 0);
          continue;
        }
        out += this.render(value, column, c === 0, r);
      }
      out += '\n';
    }
    if (out.length === 0) return EMPTY;
    const bytes = Buffer.from(out, 'utf8');
    this.pendingHeader = false;
    this.rowsWritten += rows.length;
    this.bytesWritten += bytes.byteLength;
    return bytes;
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the encoder is already finished');
    // An object with no rows still gets its header line.
    const bytes = this.pendingHeader ? this.write([]) : EMPTY;
    this.finished = true;
    return bytes;
  }

  private headerLine(): string {
    let line = '';
    for (let c = 0; c < this.columns.length; c++) {
      if (c > 0) line += this.delimiter;
      line += this.field(this.columns[c]!.name, c === 0);
    }
    return line + '\n';
  }

  private render(value: Exclude<OutputValue, null>, column: ColumnDef, first: boolean, rowIndex: number): string {
    if (column.type === 'timestamp') {
      const ms = epochMillis(value);
      if (ms === undefined) {
        throw new FormatError(column.name, rowIndex, `a timestamp needs integer epoch milliseconds, got ${describeValue(value)}`);
      }
      if (this.dates) return this.field(this.dates.format(ms), first);
      return this.checkPlain ? this.field(String(ms), first) : String(ms);
    }
    let text: string;
    switch (typeof value) {
      case 'number':
        text = javaDouble(value);
        break;
      case 'bigint':
        text = value.toString();
        break;
      case 'boolean':
        text = value ? 'true' : 'false';
        break;
      case 'string':
        return this.field(value, first);
      default:
        return this.field(binaryText(value, this.binaryEncoding), first);
    }
    return this.checkPlain ? this.field(text, first) : text;
  }

  /** The field as csv writes it (quoted when needed), or as is for text. */
  private field(text: string, first: boolean): string {
    if (!this.quoting) return text;
    if (this.special.test(text) || (first && (text.length === 0 || text.charCodeAt(0) === 35))) {
      return `"${text.indexOf('"') < 0 ? text : text.replace(/"/g, '""')}"`;
    }
    return text;
  }
}
