// The field delimiters csv and text can be written with: the encoders check them, and the job schema
// asks the same when a job is read, so a bad one is refused before the first window.
import type { FileFormat } from './types.ts';

/** What is wrong with the delimiter for the format, or undefined; jsonl and parquet have none. */
export function fieldDelimiterProblem(format: FileFormat, delimiter: string): string | undefined {
  if (format !== 'csv' && format !== 'text') return undefined;
  if (delimiter.length === 0) return 'must not be empty; use "," or "\\t"';
  // csv compares each UTF-16 unit against the delimiter when deciding on quotes; text only copies it.
  if (format === 'csv' && delimiter.length !== 1) return 'csv needs exactly one character, such as "," or "\\t" (text takes several, such as "||")';
  if (/[\r\n]/.test(delimiter)) return 'a line break cannot separate fields; use "," or "\\t"';
  if (/[\ud800-\udfff]/u.test(delimiter)) return 'must be whole characters: it holds half of a surrogate pair; use a character such as "," or "\\t" or "\\u0001"';
  if (format === 'csv' && delimiter === '"') return 'csv quotes with ", so it cannot also separate fields; use "," or "\\t", or fileFormat text';
  return undefined;
}
