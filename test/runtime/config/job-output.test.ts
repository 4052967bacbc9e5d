// Settings the encoders or mappers would refuse only at the first window are refused when the job is
// read: whatever the schema accepts, the run can build its mapper and encoder from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobSchema, type JobInput, type ReaderConfig, type SinkConfig } from '../../../runtime/config/job.ts';
import { WindowCompactor } from '../../../runtime/core/compactor.ts';
import { createRecordMapper } from '../../../runtime/core/record.ts';
import type { ColumnDef } from '../../../runtime/core/row.ts';
import { createEncoder } from '../../../runtime/format/index.ts';

const PK: ColumnDef[] = [{ name: 'id', type: 'string' }];
const FORMATS = ['csv', 'text', 'jsonl', 'parquet'] as const;

const parse = (reader: JobInput['reader'], sink: Partial<JobInput['sink']>) =>
  jobSchema.safeParse({ name: 'orders', source: { instance: 'shop', table: 'orders' }, window: {}, speed: {}, reader, sink: { bucket: 'shop-export', ...sink } });

const issuesOf = (reader: JobInput['reader'], sink: Partial<JobInput['sink']>) =>
  parse(reader, sink).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

/** Whether a run could build the job's mapper and its first object's encoder (the schema's checks not asked). */
function buildsAtRun(reader: NonNullable<JobInput['reader']>, sink: Partial<JobInput['sink']>): boolean {
  const base = parse({}, {});
  assert.ok(base.success);
  // The cases give every column type, so the input is the parsed shape.
  const r = { ...base.data.reader, ...reader } as ReaderConfig;
  const s = { ...base.data.sink, ...sink } as SinkConfig;
  try {
    const schema = r.mode === 'compacted' ? new WindowCompactor(r, PK).schema() : createRecordMapper(r, PK).schema;
    createEncoder(s.fileFormat, schema, s);
    return true;
  } catch {
    return false;
  }
}

describe('job schema: sink.fieldDelimiter', () => {
  it('refuses, when the job is read, each delimiter the csv and text encoders refuse, naming the field and the fix', () => {
    const expected: Record<string, RegExp> = {
      '"': /^sink\.fieldDelimiter: csv quotes with ", so it cannot also separate fields; use "," or "\\t", or fileFormat text$/,
      '\n': /^sink\.fieldDelimiter: a line break cannot separate fields; use "," or "\\t"$/,
      '\r': /^sink\.fieldDelimiter: a line break cannot separate fields/,
      '\ud800': /^sink\.fieldDelimiter: must be whole characters: it holds half of a surrogate pair/,
      '\udc00': /^sink\.fieldDelimiter: must be whole characters/,
      '||': /^sink\.fieldDelimiter: csv needs exactly one character, such as "," or "\\t" \(text takes several, such as "\|\|"\)$/,
    };
    for (const [d, message] of Object.entries(expected)) {
      const issues = issuesOf({}, { fileFormat: 'csv', fieldDelimiter: d });
      assert.equal(issues.length, 1, `${JSON.stringify(d)}: ${issues.join(' | ')}`);
      assert.match(issues[0]!, message);
    }
    assert.equal(issuesOf({}, { fileFormat: 'text', fieldDelimiter: '"' }).length, 0, 'text does not quote');
    assert.deepEqual(issuesOf({}, { fileFormat: 'text', fieldDelimiter: '|\n' }), ['sink.fieldDelimiter: a line break cannot separate fields; use "," or "\\t"']);
  });

  it('takes several characters in text, as DataWorks\' text writer does, and writes them between fields', () => {
    const job = parse({ mode: 'single_version_and_update_only', column: ['id', 'a'] }, { fileFormat: 'text', fieldDelimiter: '||', header: true });
    assert.ok(job.success, JSON.stringify(job.error?.issues));
    const mapper = createRecordMapper(job.data.reader, PK);
    const encoder = createEncoder('text', mapper.schema, job.data.sink);
    const rows = [['k1', 'x|y'], ['k2', null]];
    assert.equal(Buffer.concat([encoder.write(rows), encoder.finish()]).toString(), 'id||a\nk1||x|y\nk2||null\n');
  });

  it('is named beside the other fields\' problems, and a sink that did not parse is not checked again', () => {
    const issues = (input: unknown) => (jobSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    const base = { name: 'Orders', source: { instance: 'shop', table: 'orders' } };
    assert.deepEqual(issues({ ...base, sink: { bucket: 'Bad_Bucket', fieldDelimiter: '||' } }), ['name', 'sink.bucket', 'sink.fieldDelimiter']);
    assert.deepEqual(issues({ ...base, sink: 'exports' }), ['name', 'sink']);
    // Nor a job that is not an object at all.
    for (const notAJob of [null, 'orders', [], 5]) assert.deepEqual(issues(notAJob), [''], JSON.stringify(notAJob));
    assert.deepEqual(issues({ ...base, sink: { bucket: 'shop-export', fileFormat: 'xml', fieldDelimiter: '||' } }), ['name', 'sink.fileFormat']);
  });

  it('accepts exactly the delimiters the encoders take, in every format', () => {
    for (const fileFormat of FORMATS) {
      for (const d of ['"', '\n', '\r', '\ud800', '\udfff', ',', '\t', '\u0001', '|', ';', ' ', '\u00e9', '\uffff', '||', '\u0001\u0002', '\u{1F600}', 'a\ud800', ',\n', '""']) {
        assert.equal(parse({}, { fileFormat, fieldDelimiter: d }).success, buildsAtRun({}, { fileFormat, fieldDelimiter: d }), `${fileFormat} ${JSON.stringify(d)}`);
      }
    }
  });
});

describe('job schema: reader.column names', () => {
  it('refuses a column listed twice in any format, naming the repeat, the first and the fix', () => {
    for (const fileFormat of FORMATS) {
      for (const mode of ['single_version_and_update_only', 'compacted'] as const) {
        assert.deepEqual(issuesOf({ mode, column: ['id', 'a', { name: 'a', type: 'string' }] }, { fileFormat }),
          ['reader.column.2: lists "a" again (first at index 1); ots2oss writes each column once (DataWorks wrote a repeated column twice): remove the repeat'], `${fileFormat} ${mode}`);
      }
    }
  });

  it('refuses, in jsonl and parquet only, a column named as one the mode appends', () => {
    for (const fileFormat of ['jsonl', 'parquet'] as const) {
      assert.deepEqual(issuesOf({ mode: 'single_version_and_update_only', column: ['id', 'sequenceInfo'], isExportSequenceInfo: true }, { fileFormat }),
        [`reader.column.1: "sequenceInfo" is also the name of a column isExportSequenceInfo appends, and ${fileFormat} needs unique column names: leave the column out, turn isExportSequenceInfo off or use fileFormat csv or text`]);
      assert.deepEqual(issuesOf({ mode: 'compacted', column: ['_image'] }, { fileFormat }),
        [`reader.column.0: "_image" is also the name of a column compacted mode appends, and ${fileFormat} needs unique column names: leave the column out or use fileFormat csv or text`]);
      assert.deepEqual(issuesOf({ mode: 'single_version_and_update_only', column: ['sequenceInfo'] }, { fileFormat }), [], 'no sequence info, no clash');
    }
    assert.deepEqual(issuesOf({ mode: 'single_version_and_update_only', column: ['id', 'sequenceInfo'], isExportSequenceInfo: true }, { fileFormat: 'csv' }), []);
  });

  it('accepts exactly the column lists without repeats the mappers and encoders take', () => {
    // A repeat is refused whatever the format (above): csv and text would write it twice, as DataWorks did.
    const lists: Array<NonNullable<JobInput['reader']>> = [
      { mode: 'single_version_and_update_only', column: ['id', 'sequenceInfo'], isExportSequenceInfo: true },
      { mode: 'single_version_and_update_only', column: ['id', 'sequenceInfo'] },
      { mode: 'compacted', column: ['a', '_deleted', '_timestamp'] },
      { mode: 'compacted', column: ['a', 'sequenceInfo'], isExportSequenceInfo: true },
      { mode: 'single_version_and_update_only', column: ['id', 'a', 'b'], isExportSequenceInfo: true },
    ];
    for (const fileFormat of FORMATS) {
      for (const reader of lists) {
        assert.equal(parse(reader, { fileFormat }).success, buildsAtRun(reader, { fileFormat }), `${fileFormat} ${JSON.stringify(reader)}`);
      }
    }
  });
});
