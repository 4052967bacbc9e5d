import type { CellValue, ChangeRecord } from '../../runtime/core/change.ts';

// What the exporter must write, derived from the emulator's change log by hand-written rules: DataWorks'
// OTSStream Reader line shapes (FACTS.md, issue 4) and the documented csv/text/jsonl value texts
// (runtime/format/README.md). Deliberately independent of the project's mappers and encoders.

/** A value of a timestamp column (cell version or commit time), in epoch milliseconds. */
export class Millis {
  constructor(readonly ms: number) {}
}
export type Field = CellValue | null | Millis;
export type Line = Field[];

/**
 * Every double the tests write, with the text each format must give it: csv/text follow DataX
 * (Java's Double.toString, then BigDecimal.toPlainString), jsonl keeps a JSON number with a point or
 * exponent, and NaN/Infinity as strings.
 */
export const DOUBLES: ReadonlyArray<{ value: number; text: string; json: string }> = [
  { value: -250.5, text: '-250.5', json: '-250.5' },
  { value: 100, text: '100.0', json: '100.0' },
  { value: 0.1, text: '0.1', json: '0.1' },
  { value: -0, text: '-0.0', json: '-0.0' },
  { value: Number.NaN, text: 'NaN', json: '"NaN"' },
  { value: Number.NEGATIVE_INFINITY, text: '-Infinity', json: '"-Infinity"' },
  { value: Number.POSITIVE_INFINITY, text: 'Infinity', json: '"Infinity"' },
  { value: 1e21, text: '1000000000000000000000', json: '1e+21' },
  { value: 1.5e-7, text: '0.00000015', json: '1.5e-7' },
  { value: 12345678.9, text: '12345678.9', json: '12345678.9' },
];

function double(x: number): { text: string; json: string } {
  const found = DOUBLES.find((d) => Object.is(d.value, x));
  if (!found) throw new Error(`no hand-written expectation for the double ${x}: add it to DOUBLES`);
  return found;
}

const zero = (n: number, width: number): string => String(n).padStart(width, '0');

/** `%010d_%020d_%010d_%s`: epoch, commit time (µs), row index, shard id. */
export function sequenceOf(r: Pick<ChangeRecord, 'sequence' | 'shardId'>): string {
  return `${zero(r.sequence.epoch, 10)}_${zero(r.sequence.timestampMicros, 20)}_${zero(r.sequence.rowIndex, 10)}_${r.shardId}`;
}

/** Multi-version lines: pk..., columnName, timestamp, columnValue, opType[, sequenceInfo:colIdx]. */
export function multiVersionLines(r: ChangeRecord, withSequence: boolean): Line[] {
  const pk = r.primaryKey.map((c) => c.value);
  const lines: Line[] = [];
  const add = (name: string | null, ts: number | undefined | null, value: CellValue | null, op: string) => {
    const line: Line = [...pk, name, ts == null ? null : new Millis(ts), value, op];
    if (withSequence) line.push(`${sequenceOf(r)}:${zero(lines.length, 10)}`);
    lines.push(line);
  };
  if (r.action === 'PUT' || r.action === 'DELETE') add(null, null, null, 'DR');
  if (r.action === 'DELETE') return lines;
  for (const c of r.cells) {
    if (c.op === 'PUT') add(c.name, c.timestamp, c.value ?? null, 'U');
    else if (c.op === 'DELETE_ONE_VERSION') add(c.name, c.timestamp, null, 'DO');
    else add(c.name, null, null, 'DA');
  }
  return lines;
}

/** How many lines a record gives in multi-version mode. */
export function multiVersionLineCount(r: ChangeRecord): number {
  return (r.action === 'UPDATE' ? 0 : 1) + (r.action === 'DELETE' ? 0 : r.cells.length);
}

/**
 * single_version_and_update_only: one line per PUT/UPDATE with the configured columns (key or
 * attribute names; missing ones null); delete cells ignored; DELETE dropped; no line if no configured
 * column has a value.
 */
export function singleVersionLine(r: ChangeRecord, columns: readonly string[], withSequence: boolean): Line | undefined {
  if (r.action === 'DELETE') return undefined;
  const values = new Map<string, CellValue>(r.primaryKey.map((c) => [c.name, c.value]));
  for (const c of r.cells) if (c.op === 'PUT' && c.value !== undefined) values.set(c.name, c.value);
  const line: Line = columns.map((name) => values.get(name) ?? null);
  if (line.every((v) => v === null)) return undefined;
  if (withSequence) line.push(sequenceOf(r));
  return line;
}

function compareValue(a: CellValue, b: CellValue): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const bytes = (v: CellValue) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v as Uint8Array));
  return Buffer.compare(bytes(a), bytes(b));
}

/**
 * compacted: one row per key changed in the window, in key order: pk..., every attribute name put in the
 * window (sorted), _deleted, _image (full after a PUT or DELETE, else partial), _sequence, _timestamp.
 * `records` are the window's records in commit order.
 */
export function compactedRows(records: readonly ChangeRecord[]): { columns: string[]; rows: Line[] } {
  interface State { record: ChangeRecord; cells: Map<string, { value: CellValue; ts: number }>; deleted: boolean; full: boolean }
  const states = new Map<string, State>();
  const names = new Set<string>();
  for (const r of records) {
    const id = JSON.stringify(r.primaryKey.map((c) => (typeof c.value === 'string' ? `s${c.value}` : typeof c.value === 'bigint' ? `i${c.value}` : `b${Buffer.from(c.value).toString('hex')}`)));
    const state = states.get(id) ?? { record: r, cells: new Map(), deleted: false, full: false };
    states.set(id, state);
    state.record = r;
    if (r.action === 'DELETE') {
      state.cells.clear();
      state.deleted = true;
      state.full = true;
      continue;
    }
    if (r.action === 'PUT') {
      state.cells.clear();
      state.full = true;
    }
    state.deleted = false;
    for (const c of r.cells) {
      const kept = state.cells.get(c.name);
      if (c.op === 'PUT') {
        names.add(c.name);
        if (!kept || kept.ts <= c.timestamp!) state.cells.set(c.name, { value: c.value!, ts: c.timestamp! });
      } else if (c.op === 'DELETE_ALL_VERSIONS' || kept?.ts === c.timestamp) {
        state.cells.delete(c.name);
      }
    }
  }
  const columns = [...names].sort();
  const ordered = [...states.values()].sort((a, b) => {
    const ka = a.record.primaryKey;
    const kb = b.record.primaryKey;
    for (let i = 0; i < ka.length; i++) {
      const c = compareValue(ka[i]!.value, kb[i]!.value);
      if (c !== 0) return c;
    }
    return 0;
  });
  const rows = ordered.map((s): Line => [
    ...s.record.primaryKey.map((c) => c.value),
    ...columns.map((name) => s.cells.get(name)?.value ?? null),
    s.deleted,
    s.full ? 'full' : 'partial',
    sequenceOf(s.record),
    new Millis(Math.floor(s.record.sequence.timestampMicros / 1000)),
  ]);
  return { columns, rows };
}

// ---- value texts ----

/** A non-null value as csv/text write it: binary as base64, timestamps as epoch milliseconds. */
export function valueText(v: Exclude<Field, null>): string {
  if (v instanceof Millis) return String(v.ms);
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return double(v).text;
  return Buffer.from(v).toString('base64');
}

export interface DelimitedOptions {
  delimiter?: string;
  nullFormat?: string;
}

/**
 * RFC 4180 as the sink documents it: quote with `"` (doubling inner quotes) a field holding the
 * delimiter, a quote, CR or LF, and the first field when it is empty or starts with `#`.
 */
export function csvField(text: string, first: boolean, delimiter: string): string {
  const special = text.includes(delimiter) || /["\r\n]/.test(text) || (first && (text === '' || text.startsWith('#')));
  return special ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(line: readonly (Field | string)[], options: DelimitedOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  return line.map((v, i) => csvField(v === null ? options.nullFormat ?? 'null' : valueText(v), i === 0, delimiter)).join(delimiter) + '\n';
}

/** text: fields joined by the delimiter, nothing escaped. */
export function textLine(line: readonly Field[], options: DelimitedOptions = {}): string {
  return line.map((v) => (v === null ? options.nullFormat ?? 'null' : valueText(v))).join(options.delimiter ?? ',') + '\n';
}

function jsonString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** One jsonl line: keys in column order; int64 as a number literal, timestamps as ISO-8601 with ms. */
export function jsonLine(columns: readonly string[], line: readonly Field[]): string {
  const parts = line.map((v, i) => {
    let text: string;
    if (v === null) text = 'null';
    else if (v instanceof Millis) text = jsonString(new Date(v.ms).toISOString());
    else if (typeof v === 'string') text = jsonString(v);
    else if (typeof v === 'bigint') text = v.toString();
    else if (typeof v === 'boolean') text = String(v);
    else if (typeof v === 'number') text = double(v).json;
    else text = jsonString(Buffer.from(v).toString('base64'));
    return `${jsonString(columns[i]!)}:${text}`;
  });
  return `{${parts.join(',')}}\n`;
}

export function multiVersionColumns(keyNames: readonly string[], withSequence: boolean): string[] {
  return [...keyNames, 'columnName', 'timestamp', 'columnValue', 'opType', ...(withSequence ? ['sequenceInfo'] : [])];
}
