// What an imported job writes, against what the DataWorks job it came from wrote (DataX's OSS Writer
// fed by the OTSStream Reader): the lines are encoded with the imported sink, as a run would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromDataWorks } from '../../../../runtime/config/dataworks/index.ts';
import type { ChangeRecord } from '../../../../runtime/core/change.ts';
import { createRecordMapper } from '../../../../runtime/core/record.ts';
import type { Row } from '../../../../runtime/core/row.ts';
import { createEncoder } from '../../../../runtime/format/index.ts';

const PK = [{ name: 'id', type: 'string' as const }];

/** The fixture script with writer parameters replaced (undefined removes one). */
function script(writer: Record<string, unknown>): unknown {
  const job = JSON.parse(readFileSync(new URL('../../../fixtures/dataworks/otsstream-to-oss.json', import.meta.url), 'utf8')) as { steps: Array<{ parameter: Record<string, unknown> }> };
  const parameter = job.steps[1]!.parameter;
  for (const [k, v] of Object.entries(writer)) {
    if (v === undefined) delete parameter[k];
    else parameter[k] = v;
  }
  return job;
}

/** The csv text the imported job writes for one UPDATE of one cell. */
function written(json: unknown, value: Uint8Array | string, timestamp: number, opts?: Parameters<typeof fromDataWorks>[1]): string {
  const { job } = fromDataWorks(json, opts);
  const mapper = createRecordMapper(job.reader, PK);
  const record: ChangeRecord = {
    action: 'UPDATE', primaryKey: [{ name: 'id', value: 'k1' }], cells: [{ name: 'c', op: 'PUT', value, timestamp }],
    sequence: { epoch: 1, timestampMicros: timestamp * 1000, rowIndex: 0 }, shardId: 's1',
  };
  const rows: Row[] = [];
  mapper.map(record, rows);
  const encoder = createEncoder(job.sink.fileFormat, mapper.schema, job.sink);
  return Buffer.concat([encoder.write(rows, 0, rows.length), encoder.finish()]).toString('utf8');
}

const report = (json: unknown, field: string) => fromDataWorks(json).report.find((e) => e.field === field);

describe('an imported job writes the timestamp column as DataWorks did', () => {
  it('in epoch milliseconds whatever dateFormat says: the OTSStream Reader gives the OSS Writer a number, not a date', () => {
    const at = Date.parse('2026-11-26T10:09:01.234Z');
    for (const dateFormat of ['yyyy-MM-dd HH:mm:ss', undefined]) {
      assert.equal(written(script({ dateFormat }), 'v', at, { utcOffsetMinutes: 480 }), `k1,c,${at},v,U\n`, `dateFormat ${dateFormat}`);
    }
  });

  it('leaves sink.dateFormat unset and reports dateFormat as having no effect, saying why', () => {
    const json = script({ dateFormat: 'yyyy-MM-dd HH:mm:ss' });
    assert.equal(fromDataWorks(json).job.sink.dateFormat, undefined);
    const entry = report(json, 'steps[1].parameter.dateFormat');
    assert.equal(entry?.status, 'ignored');
    assert.match(entry?.note ?? '', /^no effect in DataWorks with this reader: the OSS Writer applies dateFormat to date columns only/);
    assert.match(entry?.note ?? '', /DataWorks wrote epoch milliseconds/);
    assert.match(entry?.note ?? '', /set it in the converted job to write date text instead/);
  });
});

describe('an imported job writes binary values as DataWorks did', () => {
  const bytes = new Uint8Array(Buffer.from('héllo', 'utf8'));
  const at = 1_795_687_741_000;

  it('as UTF-8 text without byteEncoding (or with any value but base64), bytes that are not UTF-8 as U+FFFD', () => {
    for (const byteEncoding of [undefined, '', 'utf-8']) {
      assert.equal(written(script({ byteEncoding }), bytes, at), `k1,c,${at},héllo,U\n`, `byteEncoding ${JSON.stringify(byteEncoding)}`);
    }
    assert.equal(written(script({}), new Uint8Array([0x61, 0xff, 0x62]), at), `k1,c,${at},a\uFFFDb,U\n`);
  });

  it('as base64 with byteEncoding base64, in any case', () => {
    for (const byteEncoding of ['base64', 'BASE64']) {
      assert.equal(written(script({ byteEncoding }), bytes, at), `k1,c,${at},${Buffer.from(bytes).toString('base64')},U\n`);
    }
  });

  it('maps byteEncoding to sink.binaryEncoding and says so, absent too', () => {
    assert.equal(fromDataWorks(script({})).job.sink.binaryEncoding, 'utf8');
    assert.equal(fromDataWorks(script({ byteEncoding: 'Base64' })).job.sink.binaryEncoding, 'base64');
    const absent = report(script({}), 'steps[1].parameter.byteEncoding');
    assert.equal(absent?.status, 'mapped');
    assert.match(absent?.note ?? '', /^absent: sink\.binaryEncoding utf8; binary values are UTF-8 text, as the OSS Writer wrote them/);
    const other = report(script({ byteEncoding: 'hex' }), 'steps[1].parameter.byteEncoding');
    assert.equal(other?.status, 'mapped');
    assert.match(other?.note ?? '', /the OSS Writer writes base64 for "base64" only: sink\.binaryEncoding utf8/);
    assert.equal(report(script({ byteEncoding: 'base64' }), 'steps[1].parameter.byteEncoding')?.note, 'sink.binaryEncoding base64');
  });

  it('names the field when byteEncoding is no string', () => {
    assert.throws(() => fromDataWorks(script({ byteEncoding: 64 })), /steps\[1\]\.parameter\.byteEncoding: must be a string/);
  });
});
