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

export interface LineVerdict {
  lost: string[];
  duplicated: string[];
  unexpected: string[];
}

/** A key's column types as its values show them (the change log's records hold the table's key). */
function keySchema(record: ChangeRecord): ColumnDef[] {
  return record.primaryKey.map(({ name, value }) => ({ name, type: typeof value === 'bigint' ? 'int64' : typeof value === 'string' ? 'string' : 'binary' }));
}

export class LineTally {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly job: JobConfig) {
    const format = job.sink.fileFormat;
    if (format !== 'csv' && format !== 'jsonl') throw new Error(`lines are compared for csv and jsonl jobs, not ${format}`);
  }

  /** The lines of an object (uncompressed) of window `id`; returns how many. */
  add(id: string, body: Buffer): number {
    const lines = this.lines(body.toString('utf8'), this.job.sink.header);
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
        for (const line of this.lines(Buffer.from(encoder.write(rows)).toString('utf8'), false)) counts.set(line, (counts.get(line) ?? 0) + 1);
      }
    }
    const verdict: LineVerdict = { lost: [], duplicated: [], unexpected: [] };
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

  /** Each row of csv or jsonl text as one string, the header dropped. */
  private lines(text: string, header: boolean): string[] {
    if (this.job.sink.fileFormat === 'jsonl') return text.split('\n').filter((l) => l.length > 0);
    const rows = parseCsv(text, this.job.sink.fieldDelimiter).map((r) => JSON.stringify(r.map((f) => f.value)));
    return header ? rows.slice(1) : rows;
  }
}
