import type { ColumnDef, Row } from '../../../runtime/core/row.ts';
import type { FormatOptions } from '../../../runtime/format/index.ts';

export function options(overrides: Partial<FormatOptions> = {}): FormatOptions {
  return { fieldDelimiter: ',', nullFormat: 'null', header: false, binaryEncoding: 'base64', encoding: 'UTF-8', ...overrides, timeZone: overrides.timeZone ?? 'UTC' };
}

export const ONE_MB = 'x'.repeat(1 << 20);

/** Strings that break naive writers; lone surrogates come back as U+FFFD. */
export const TRICKY_STRINGS: readonly string[] = [
  '',
  ' ',
  '  padded  ',
  'a,b',
  'a;b|c\td',
  'say "hi"',
  '"',
  '""',
  'line\nbreak',
  'cr\ronly',
  'crlf\r\n',
  '\n',
  '#hash',
  'back\\slash',
  'nul\u0000ctl\u0001',
  '😀 emoji 👩‍👩‍👧',
  'é ü 中文 العربية',
  'lone high \ud800 here',
  'lone low \udc00',
  'ends high \ud83d',
  '\u2028 and \u2029',
  'null',
  'NULL',
  'x'.repeat(70) + '"' + 'y'.repeat(10),
  ONE_MB,
];

/** What a reader sees for a string written as UTF-8: lone surrogates replaced. */
export function wellFormed(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** Bytes that are not UTF-8: stray continuation, overlong, truncated sequence, 0xFF, plus quote and newline. */
export const INVALID_UTF8 = new Uint8Array([0x61, 0x80, 0xc0, 0xaf, 0x22, 0x0a, 0x2c, 0xe2, 0x82, 0xff, 0xf0, 0x9f, 0x98]);

export const MIXED_SCHEMA: readonly ColumnDef[] = [
  { name: 'id', type: 'int64' },
  { name: 'name', type: 'string' },
  { name: 'score', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'blob', type: 'binary' },
  { name: 'at', type: 'timestamp' },
  { name: 'value', type: 'any' },
];

export function stringRows(strings: readonly string[]): Row[] {
  return strings.map((s, i) => [BigInt(i), s]);
}

export const STRING_SCHEMA: readonly ColumnDef[] = [
  { name: 'i', type: 'int64' },
  { name: 's', type: 'string' },
];

export function concat(parts: readonly Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}
