import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobSchema, type JobConfig } from '../../runtime/config/job.ts';
import type { ChangeRecord } from '../../runtime/core/change.ts';
import { createRecordMapper } from '../../runtime/core/record.ts';
import type { Row } from '../../runtime/core/row.ts';
import { windowId, windowOf } from '../../runtime/core/window.ts';
import { createEncoder } from '../../runtime/format/index.ts';
import { LineTally } from './support/verify-lines.ts';

// The crash suite's checker for jobs without sequence info must fail on each way a window's lines can
// go wrong; files are built here with the project's encoders, then damaged.

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const ID = windowId(windowOf(T0, 1));

function job(fileFormat: 'csv' | 'jsonl', header = false): JobConfig {
  return jobSchema.parse({
    name: 'lines', source: { endpoint: 'http://127.0.0.1:1', instance: 'lines', table: 'orders' },
    window: { sizeMinutes: 1 }, reader: { isExportSequenceInfo: false },
    sink: { endpoint: 'http://127.0.0.1:1', bucket: 'lines-bucket', fileFormat, header, object: 'x/{date}' },
  });
}

/** A PUT of two cells, and a DELETE of the same key, the same minute: DR twice, U twice. */
const truth: ChangeRecord[] = [
  { action: 'PUT', primaryKey: [{ name: 'id', value: 'a,"b"' }, { name: 'n', value: 1n }], shardId: 's', sequence: { epoch: 1, timestampMicros: T0 * 1000, rowIndex: 0 },
    cells: [{ name: 'status', op: 'PUT', value: 'new\nline', timestamp: T0 }, { name: 'qty', op: 'PUT', value: 3n, timestamp: T0 }] },
  { action: 'DELETE', primaryKey: [{ name: 'id', value: 'a,"b"' }, { name: 'n', value: 1n }], shardId: 's', sequence: { epoch: 1, timestampMicros: T0 * 1000 + 5, rowIndex: 0 }, cells: [] },
];

/** The file the job writes for `truth`, header included when the job has one. */
function file(j: JobConfig): string {
  const mapper = createRecordMapper(j.reader, [{ name: 'id', type: 'string' }, { name: 'n', type: 'int64' }]);
  const rows: Row[] = [];
  for (const r of truth) mapper.map(r, rows);
  const encoder = createEncoder(j.sink.fileFormat, mapper.schema, j.sink);
  return Buffer.from(encoder.write(rows)).toString('utf8') + Buffer.from(encoder.finish()).toString('utf8');
}

function check(j: JobConfig, ...bodies: string[]) {
  const tally = new LineTally(j);
  bodies.forEach((b, i) => tally.add(ID, `o${i}`, Buffer.from(b)));
  return tally.finish(truth);
}

const clean = { lost: [], duplicated: [], unexpected: [], problems: [] };

describe('the lines checker (jobs without sequence info)', () => {
  for (const format of ['csv', 'jsonl'] as const) {
    const j = job(format);
    const body = file(j);

    it(`${format}: passes the file as written, and the same lines split over two objects`, () => {
      assert.deepEqual(check(j, body), clean);
      const cut = body.indexOf('\n', body.indexOf('"U"') > 0 ? body.indexOf('"U"') : body.indexOf(',U')) + 1;
      assert.deepEqual(check(j, body.slice(0, cut), body.slice(cut)), clean);
    });

    it(`${format}: finds a line lost, one written twice and one no change explains`, () => {
      const lines = body.split(/(?<=\n)(?=[^\n]*(?:DR|,U|"U"))/);
      const last = lines.at(-1)!;
      assert.equal(check(j, body.slice(0, body.length - last.length)).lost.length, 1);
      assert.equal(check(j, body + last).duplicated.length, 1);
      assert.equal(check(j, body, body.replace('new', 'old')).unexpected.length > 0, true);
    });

    it(`${format}: finds a file without its last line break, and a blank line`, () => {
      // The csv reader refuses a last record with no line end itself; verifyExport reports it as not parsing.
      let said: string;
      try {
        said = check(j, body.slice(0, -1)).problems.join();
      } catch (error) {
        said = (error as Error).message;
      }
      assert.match(said, /does not end with a line break|has no line end/);
      const blank = check(j, body.replace('\n', '\n\n'));
      assert.ok(blank.unexpected.length + blank.problems.length > 0, JSON.stringify(blank));
    });
  }

  it('csv: checks each object\'s header against the columns', () => {
    const j = job('csv', true);
    const body = file(j);
    assert.deepEqual(check(j, body), clean);
    const wrong = body.replace(/^[^\n]*/, 'x,y,z');
    assert.match(check(j, wrong).problems.join(), /o0: the header is \["x","y","z"\]/);
  });
});
