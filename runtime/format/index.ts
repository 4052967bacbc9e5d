import { ConfigError } from '../config/validation.ts';
import type { ColumnDef } from '../core/row.ts';
import { zoneOf } from '../core/time-zone.ts';
import { compileDateFormat } from './date-format.ts';
import { DelimitedEncoder } from './delimited.ts';
import { fieldDelimiterProblem } from './field-delimiter.ts';
import { GzipEncoder } from './gzip.ts';
import { JsonLinesEncoder } from './jsonl.ts';
import { ParquetEncoder } from './parquet/encoder.ts';
import type { FileEncoder, FileFormat, FormatOptions } from './types.ts';

export type { FileEncoder, FileFormat, FormatOptions } from './types.ts';
export { FormatError } from './errors.ts';
export { compileDateFormat, type DateFormatter } from './date-format.ts';
export { javaDouble } from './values.ts';

/** Checks what the zod schema cannot know per format; throws a ConfigError naming the field. */
function checkOptions(format: FileFormat, schema: readonly ColumnDef[], options: FormatOptions): void {
  const problems: string[] = [];
  const delimiter = fieldDelimiterProblem(format, options.fieldDelimiter);
  if (delimiter) problems.push(`sink.fieldDelimiter: ${delimiter}`);
  if (options.encoding !== 'UTF-8') problems.push('sink.encoding: only UTF-8 is supported; set encoding to "UTF-8"');
  if (format === 'jsonl' || format === 'parquet') {
    const seen = new Set<string>();
    for (const { name } of schema) {
      if (name.length === 0) problems.push(`columns: ${format} needs every column named`);
      else if (seen.has(name)) problems.push(`columns: ${JSON.stringify(name)} appears twice; ${format} needs unique column names`);
      seen.add(name);
    }
  }
  if (problems.length) throw new ConfigError(`${format} output options`, problems);
  if (options.dateFormat !== undefined) compileDateFormat(options.dateFormat, zoneOf(options.timeZone));
}

/** A new encoder for one object; the sink opens another for each rotated file. */
export function createEncoder(format: FileFormat, schema: readonly ColumnDef[], options: FormatOptions): FileEncoder {
  checkOptions(format, schema, options);
  const gzip = (e: FileEncoder) => (options.compress === 'gzip' ? new GzipEncoder(e) : e);
  switch (format) {
    case 'csv':
      return gzip(new DelimitedEncoder(true, schema, options));
    case 'text':
      return gzip(new DelimitedEncoder(false, schema, options));
    case 'jsonl':
      return gzip(new JsonLinesEncoder(schema, options));
    case 'parquet':
      // Parquet compresses its pages (GZIP codec), not the file: readers need the footer as it is.
      return new ParquetEncoder(schema, options);
    default:
      throw new ConfigError('sink.fileFormat', [`${JSON.stringify(format)}: use csv, text, jsonl or parquet`]);
  }
}
