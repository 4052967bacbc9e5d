import type { JobConfig } from '../../../runtime/config/job.ts';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import type { ColumnDef, Row } from '../../../runtime/core/row.ts';
import { createRecordMapper } from '../../../runtime/core/record.ts';
import { windowId, windowOf } from '../../../runtime/core/window.ts';
import { createEncoder } from '../../../runtime/format/index.ts';
import { parseCsv } from '../../support/csv.ts';

// Exactly-once for jobs without sequence info, whose lines carry nothing that names their change (the
// default job, whose lines are rendered from the wire): each window's lines, as a multiset, against
// the lines its committed changes give. The expected lines come from the row path (mapper, then
// encoder), which the format suite checks byte for byte against the wire path; the exported objects
// and those lines are read back alike, csv through the tests' own RFC 4180 reader.
// What no check without sequence info can see: identical lines of different changes (two DELETEs of one
// key in a window give the same DR line), one lost while the other is written twice.

export interface LineVerdict {
  lost: string[];
  duplicated: string[];
  unexpected: string[];
  /** Objects whose layout is wrong: a header that is not the columns', a blank line, no final line break. */
  problems: string[];
}

/** A key's column types as its values show them (the change log's records hold the table's key). */
function keySchema(record: ChangeRecord): ColumnDef[] {
  return record.primaryKey.map(({ name, value }) => ({ name, type: typeof value === 'bigint' ? 'int64' : typeof value === 'string' ? 'string' : 'binary' }));
}

export class LineTally {
  private readonly seen = new Map<string, Map<string, number>>();
  /** Each csv object's first row, checked against the columns once the key's types are known. */
  private readonly headers: Array<{ key: string; row: string }> = [];
  private readonly problems: string[] = [];

  constructor(private readonly job: JobConfig) {
    const format = job.sink.fileFormat;
    if (format !== 'csv' && format !== 'jsonl') throw new Error(`lines are compared for csv and jsonl jobs, not ${format}`);
  }

  /** The lines of object `key` (uncompressed) of window `id`; returns how many. */
  add(id: string, key: string, body: Buffer): number {
    const text = body.toString('utf8');
    if (text.length > 0 && !text.endsWith('\n')) this.problems.push(`${key}: does not end with a line break`);
    let lines = this.lines(text);
    if (this.job.sink.fileFormat === 'csv' && this.job.sink.header) {
      this.headers.push({ key, row: lines[0] ?? '(none)' });
      lines = lines.slice(1);
    }
    const counts = this.seen.get(id) ?? new Map<string, number>();
    this.seen.set(id, counts);
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return lines.length;
  }

  /** Compares each window's lines with those of `truth`, the changes committed before the check's end. */
  finish(truth: readonly ChangeRecord[]): LineVerdict {
    const expected = new Map<string, Map<string, number>>();
    if (truth.length > 0) {
      const mapper = createRecordMapper(this.job.reader, keySchema(truth[0]!));
      const encoder = createEncoder(this.job.sink.fileFormat, mapper.schema, { ...this.job.sink, header: false, compress: 'none' });
      for (const r of truth) {
        const rows: Row[] = [];
        mapper.map(r, rows);
        const id = windowId(windowOf(Math.floor(r.sequence.timestampMicros / 1000), this.job.window.sizeMinutes));
        const counts = expected.get(id) ?? new Map<string, number>();
        expected.set(id, counts);
        for (const line of this.lines(Buffer.from(encoder.write(rows)).toString('utf8'))) counts.set(line, (counts.get(line) ?? 0) + 1);
      }
    }
    const verdict: LineVerdict = { lost: [], duplicated: [], unexpected: [], problems: this.problems };
    if (truth.length > 0) {
      const columns = JSON.stringify(createRecordMapper(this.job.reader, keySchema(truth[0]!)).schema.map((c) => c.name));
      for (const { key, row } of this.headers) if (row !== columns) verdict.problems.push(`${key}: the header is ${row}, not ${columns}`);
    }
    for (const id of new Set([...expected.keys(), ...this.seen.keys()])) {
      const want = expected.get(id) ?? new Map<string, number>();
      const got = this.seen.get(id) ?? new Map<string, number>();
      for (const [line, n] of want) {
        const m = got.get(line) ?? 0;
        if (m < n) verdict.lost.push(`${id}: ${line} (${n - m} of ${n})`);
        if (m > n) verdict.duplicated.push(`${id}: ${line} (${m} for ${n})`);
      }
      for (const [line, m] of got) if (!want.has(line)) verdict.unexpected.push(`${id}: ${line} (${m})`);
    }
    return verdict;
  }

  /** Each row of csv or jsonl text as one string; a jsonl line left empty is kept, to be found unexpected. */
  private lines(text: string): string[] {
    if (this.job.sink.fileFormat === 'jsonl') return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
    return parseCsv(text, this.job.sink.fieldDelimiter).map((r) => JSON.stringify(r.map((f) => f.value)));
  }
}
