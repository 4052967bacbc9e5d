import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parquetMetadata } from 'hyparquet';
import type { ChangeRecord } from '../../runtime/core/change.ts';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type Change, type E2E } from '../support/e2e.ts';
import { csvLine, jsonLine, Millis, multiVersionColumns, multiVersionLines, textLine, valueText, type Field } from '../support/dataworks.ts';
import { readParquet } from '../support/exported.ts';
import { rendersFromWire } from '../../runtime/export/source.ts';

// Rows put, updated (with delete-one-version and delete-all cells) and deleted, holding values that
// break naive exporters, come out exactly as DataWorks' multi-version lines specify. The expected bytes
// are built from the emulator's change log by the hand-written rules in test/support/dataworks.ts.

const KEY = [
  { name: 'id', type: 'STRING' as const },
  { name: 'n', type: 'INTEGER' as const },
  { name: 'b', type: 'BINARY' as const },
];
const KEY_NAMES = KEY.map((k) => k.name);
const BIG = 'x'.repeat(200 * 1024) + '<end>';
const INVALID_UTF8 = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x0a]);

const JOBS = {
  csv: { name: 'tricky-csv', sink: { fileFormat: 'csv', header: true } },
  semicolon: { name: 'tricky-semi', sink: { fileFormat: 'csv', header: false, fieldDelimiter: ';', nullFormat: '\\N' } },
  text: { name: 'tricky-text', sink: { fileFormat: 'text', header: false } },
  jsonl: { name: 'tricky-jsonl', sink: { fileFormat: 'jsonl' } },
  parquet: { name: 'tricky-parquet', sink: { fileFormat: 'parquet' } },
};
/** The default job, without sequence info: its lines are written straight from the records' wire cells. */
const WIRE = { reader: { isExportSequenceInfo: false } };
const WIRE_JOBS = {
  csv: { name: 'wire-csv', ...WIRE, sink: { fileFormat: 'csv', header: true } },
  semicolon: { name: 'wire-semi', ...WIRE, sink: { fileFormat: 'csv', header: false, fieldDelimiter: ';', nullFormat: '\\N' } },
  text: { name: 'wire-text', ...WIRE, sink: { fileFormat: 'text', header: false } },
  jsonl: { name: 'wire-jsonl', ...WIRE, sink: { fileFormat: 'jsonl' } },
};
const ALL_JOBS = [...Object.values(JOBS), ...Object.values(WIRE_JOBS)];

/** The writes, each at its own second of the first window; `at` is when the clock is set for it. */
function changes(): Array<{ at: number; change: Change }> {
  const k1 = ['plain', 1n, Buffer.from([0x00, 0xff])];
  const k2 = ['q"uote, and comma', -42n, Buffer.from([0x01])];
  const k3 = ['#hash', 0n, Buffer.from('#')];
  const k4 = ['', 7n, Buffer.from([0x02])];
  const k5 = ['semi;colon\r\nline', 3n, Buffer.from([0xfe, 0xff])];
  const k6 = ['bare', 9n, Buffer.from([0x03])];
  const at = (s: number) => T0 + s * 1000;
  return [
    { at: at(1), change: { kind: 'put', key: k1, cells: [['s', 'comma, inside'], ['d', -250.5], ['i', 9007199254740993n], ['bin', INVALID_UTF8], ['ok', true]] } },
    { at: at(2), change: { kind: 'put', key: k2, cells: [['s', 'quote " inside'], ['d', Number.NaN], ['i', -9223372036854775808n], ['ok', false], ['crlf', 'tab\tand\r\nCRLF']] } },
    { at: at(3), change: { kind: 'put', key: k3, cells: [['s', 'line\nbreak'], ['d', Number.NEGATIVE_INFINITY], ['i', 9223372036854775807n], ['uni', '中文 ünïcödé 🚀'], ['cr', 'lone\rcr']] } },
    { at: at(4), change: { kind: 'put', key: k4, cells: [['s', ''], ['d', 100], ['big', BIG], ['hash', '#not a comment'], ['null', 'null']] } },
    { at: at(5), change: { kind: 'put', key: k5, cells: [['s', 'a;b'], ['d', 0.1], ['z', -0], ['e', 1e21], ['tiny', 1.5e-7], ['m', 12345678.9], ['inf', Number.POSITIVE_INFINITY]] } },
    // A second version of s with an explicit (older) timestamp, then one version deleted and a column dropped.
    { at: at(6), change: { kind: 'update', key: k1, put: [['s', 'new "value"'], ['s', 'older', at(1) - 500]], deleteVersion: [['d', at(1)]], deleteAll: ['bin'] } },
    { at: at(7), change: { kind: 'update', key: k3, deleteAll: ['uni', 'never-existed'] } },
    { at: at(8), change: { kind: 'delete', key: k2 } },
    { at: at(9), change: { kind: 'put', key: k2, cells: [['s', 'back again']] } },
    { at: at(10), change: { kind: 'put', key: k6, cells: [] } },
    { at: at(11), change: { kind: 'update', key: k4, put: [['i', -1n], ['d', -0]], deleteVersion: [['big', at(4)]] } },
  ];
}

let e2e: E2E;
const WINDOW = T0;

/** The window's records of one job's table, grouped by shard, in commit order. */
function recordsByShard(job: string): Map<string, ChangeRecord[]> {
  const local = e2e.job(job);
  const log = e2e.pipeline.emulators.tablestore.changeLog(local.job.source.table, local.job.source.instance);
  const out = new Map<string, ChangeRecord[]>();
  for (const r of log) {
    const ms = r.sequence.timestampMicros / 1000;
    if (ms < WINDOW || ms >= WINDOW + MINUTE) continue;
    out.set(r.shardId, [...(out.get(r.shardId) ?? []), r]);
  }
  return out;
}

function objectKey(job: string, shardId: string, extension: string): string {
  return `${prefixAt(job, WINDOW)}/${windowIdAt(WINDOW)}_${shardId}_0000.${extension}`;
}

async function assertShardObjects(job: string, extension: string, render: (records: ChangeRecord[]) => string): Promise<void> {
  const byShard = recordsByShard(job);
  assert.ok(byShard.size >= 2, 'the writes reach more than one shard');
  const expectedKeys = [...byShard.keys()].map((s) => objectKey(job, s, extension)).sort();
  assert.deepEqual(await e2e.oss.dataKeys(`exports/${job}/`), expectedKeys, 'one object per shard that has records');
  for (const [shardId, records] of byShard) {
    const body = await e2e.oss.get(objectKey(job, shardId, extension));
    const expected = render(records);
    if (!body.equals(Buffer.from(expected, 'utf8'))) {
      // Show the first differing line rather than two 200 KB strings.
      const got = body.toString('utf8').split('\n');
      const want = expected.split('\n');
      const i = want.findIndex((line, j) => line !== got[j]);
      assert.fail(`${job} shard ${shardId}: line ${i} differs\n got: ${JSON.stringify(got[i]?.slice(0, 300))}\nwant: ${JSON.stringify(want[i]?.slice(0, 300))}`);
    }
  }
}

describe('e2e: tricky values come out exactly as specified (multi_version)', () => {
  before(async () => {
    e2e = await startE2E(ALL_JOBS.map((j) => ({ ...j, primaryKey: KEY })));
    for (const { at, change } of changes()) {
      e2e.pipeline.clock.set(at);
      for (const job of ALL_JOBS) await applyChange(e2e.job(job.name), change);
    }
    e2e.pipeline.clock.set(WINDOW + MINUTE + 11_000);
    for (const job of ALL_JOBS) {
      const summary = await e2e.tick(job.name);
      assert.ok(summary.ok, summary.error?.message);
      assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(WINDOW)]);
      assert.equal(summary.records, changes().length);
    }
  });
  after(() => e2e?.close());

  it('the change log holds what was written, delete cells included', () => {
    const all = [...recordsByShard(JOBS.csv.name).values()].flat();
    assert.equal(all.length, changes().length);
    const update = all.find((r) => r.action === 'UPDATE' && r.primaryKey[0]!.value === 'plain')!;
    assert.deepEqual(update.cells.map((c) => [c.name, c.op]), [
      ['s', 'PUT'], ['s', 'PUT'], ['d', 'DELETE_ONE_VERSION'], ['bin', 'DELETE_ALL_VERSIONS'],
    ]);
    assert.equal(update.cells[2]!.timestamp, T0 + 1000);
  });

  it('csv (header, RFC 4180 quoting) is byte-for-byte the DataWorks lines', async () => {
    const header = csvLine(multiVersionColumns(KEY_NAMES, true));
    await assertShardObjects(JOBS.csv.name, 'csv', (records) =>
      header + records.flatMap((r) => multiVersionLines(r, true)).map((l) => csvLine(l)).join(''));
  });

  it('csv with ";" delimiter and nullFormat \\N is byte-for-byte as specified', async () => {
    const options = { delimiter: ';', nullFormat: '\\N' };
    await assertShardObjects(JOBS.semicolon.name, 'csv', (records) =>
      records.flatMap((r) => multiVersionLines(r, true)).map((l) => csvLine(l, options)).join(''));
  });

  it('text joins fields unescaped, exactly as DataWorks', async () => {
    await assertShardObjects(JOBS.text.name, 'txt', (records) =>
      records.flatMap((r) => multiVersionLines(r, true)).map((l) => textLine(l)).join(''));
  });

  it('jsonl is byte-for-byte: int64 digits kept, NaN/Infinity as strings, binary base64, ISO timestamps', async () => {
    const columns = multiVersionColumns(KEY_NAMES, true);
    await assertShardObjects(JOBS.jsonl.name, 'jsonl', (records) =>
      records.flatMap((r) => multiVersionLines(r, true)).map((l) => jsonLine(columns, l)).join(''));
    // Spot check the raw text of values a double-based JSON reader would damage.
    const bodies = await Promise.all((await e2e.oss.dataKeys(`exports/${JOBS.jsonl.name}/`)).map((k) => e2e.oss.get(k)));
    const text = bodies.map((b) => b.toString('utf8')).join('');
    assert.match(text, /"columnName":"i","timestamp":"2026-03-14T10:00:01\.000Z","columnValue":9007199254740993,/);
    assert.match(text, /"columnValue":-9223372036854775808,/);
    assert.match(text, /"columnValue":"NaN"/);
  });

  it('the default job without sequence info, its lines written from the wire cells, is byte-for-byte the same lines in csv, text and jsonl', async () => {
    for (const job of Object.values(WIRE_JOBS)) assert.ok(rendersFromWire(e2e.job(job.name).job), `${job.name} reads wire cells`);
    const lines = (records: ChangeRecord[]) => records.flatMap((r) => multiVersionLines(r, false));
    const header = csvLine(multiVersionColumns(KEY_NAMES, false));
    await assertShardObjects(WIRE_JOBS.csv.name, 'csv', (records) => header + lines(records).map((l) => csvLine(l)).join(''));
    await assertShardObjects(WIRE_JOBS.semicolon.name, 'csv', (records) => lines(records).map((l) => csvLine(l, { delimiter: ';', nullFormat: '\\N' })).join(''));
    await assertShardObjects(WIRE_JOBS.text.name, 'txt', (records) => lines(records).map((l) => textLine(l)).join(''));
    const columns = multiVersionColumns(KEY_NAMES, false);
    await assertShardObjects(WIRE_JOBS.jsonl.name, 'jsonl', (records) => lines(records).map((l) => jsonLine(columns, l)).join(''));
  });

  it('parquet holds typed key columns and timestamps, and the csv text of each value', async () => {
    const job = JOBS.parquet.name;
    const byShard = recordsByShard(job);
    assert.deepEqual(await e2e.oss.dataKeys(`exports/${job}/`), [...byShard.keys()].map((s) => objectKey(job, s, 'parquet')).sort());
    for (const [shardId, records] of byShard) {
      const body = await e2e.oss.get(objectKey(job, shardId, 'parquet'));
      const meta = parquetMetadata(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      const types = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, [e.type, e.logical_type?.type]]));
      assert.deepEqual(types, {
        id: ['BYTE_ARRAY', 'STRING'], n: ['INT64', undefined], b: ['BYTE_ARRAY', undefined],
        columnName: ['BYTE_ARRAY', 'STRING'], timestamp: ['INT64', 'TIMESTAMP'], columnValue: ['BYTE_ARRAY', 'STRING'],
        opType: ['BYTE_ARRAY', 'STRING'], sequenceInfo: ['BYTE_ARRAY', 'STRING'],
      });
      const rows = await readParquet(body);
      const lines = records.flatMap((r) => multiVersionLines(r, true));
      assert.equal(rows.length, lines.length);
      const typed = (v: Field): unknown => (v === null ? null : v instanceof Millis ? v.ms : v);
      rows.forEach((row, i) => {
        const [id, n, b, columnName, timestamp, columnValue, opType, sequenceInfo] = lines[i]!;
        assert.deepEqual(
          {
            id: row.id, n: row.n, b: Buffer.from(row.b as Uint8Array).toString('hex'), columnName: row.columnName,
            timestamp: row.timestamp === null ? null : (row.timestamp as Date).getTime(),
            columnValue: row.columnValue, opType: row.opType, sequenceInfo: row.sequenceInfo,
          },
          {
            id, n, b: Buffer.from(b as Uint8Array).toString('hex'), columnName, timestamp: typed(timestamp!),
            columnValue: columnValue === null ? null : valueText(columnValue!), opType, sequenceInfo,
          },
          `${shardId} row ${i}`,
        );
      });
    }
  });
});
