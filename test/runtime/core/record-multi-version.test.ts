import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CellCursor, ChangeCell, ChangeRecord } from '../../../runtime/core/change.ts';
import { MultiVersionMapper } from '../../../runtime/core/record-multi-version.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { createRecordMapper, RecordMappingError } from '../../../runtime/core/record.ts';
import { formatSequenceInfo, parseSequenceInfo } from '../../../runtime/core/sequence.ts';
import { forSeeds } from './random.ts';
import { deleteAll, deleteOne, key, PK, put, reader, record } from './records.ts';

const rowsOf = (records: ChangeRecord[], withSequence = false): Row[] => {
  const mapper = createRecordMapper(reader({ isExportSequenceInfo: withSequence }), PK);
  const out: Row[] = [];
  for (const r of records) mapper.map(r, out);
  return out;
};

describe('multi-version mapping', () => {
  it('has the DataWorks columns, typed', () => {
    assert.deepEqual(createRecordMapper(reader(), PK).schema, [
      { name: 'pk1', type: 'string' },
      { name: 'pk2', type: 'int64' },
      { name: 'columnName', type: 'string' },
      { name: 'timestamp', type: 'timestamp' },
      { name: 'columnValue', type: 'any' },
      { name: 'opType', type: 'string' },
    ]);
    assert.equal(createRecordMapper(reader({ isExportSequenceInfo: true }), PK).schema.at(-1)?.name, 'sequenceInfo');
  });

  it('gives a PUT a DR line, then a U line per cell', () => {
    const bytes = new Uint8Array([0, 255]);
    const rows = rowsOf([record('PUT', key('a', 1n), [put('col_a', 'v,1', 1441803688001), put('col_b', 42n, 1441803688002), put('col_c', bytes, 1441803688003)])]);
    assert.deepEqual(rows, [
      ['a', 1n, null, null, null, 'DR'],
      ['a', 1n, 'col_a', 1441803688001, 'v,1', 'U'],
      ['a', 1n, 'col_b', 1441803688002, 42n, 'U'],
      ['a', 1n, 'col_c', 1441803688003, bytes, 'U'],
    ]);
  });

  it('gives an UPDATE one line per cell: U, DO with timestamp, DA with neither', () => {
    const rows = rowsOf([record('UPDATE', key('b', -2n), [put('x', -0.5, 1441803688005), deleteOne('y', 1441803688000), deleteAll('z'), put('w', true, 7)])]);
    assert.deepEqual(rows, [
      ['b', -2n, 'x', 1441803688005, -0.5, 'U'],
      ['b', -2n, 'y', 1441803688000, null, 'DO'],
      ['b', -2n, 'z', null, null, 'DA'],
      ['b', -2n, 'w', 7, true, 'U'],
    ]);
  });

  it('gives a DELETE one DR line', () => {
    assert.deepEqual(rowsOf([record('DELETE', key('c', 3n))]), [['c', 3n, null, null, null, 'DR']]);
  });

  it('numbers a record\'s lines from 0 in the sequence info, the DR line included', () => {
    const put1 = record('PUT', key('a', 1n), [put('p', 'x', 1), put('q', 'y', 2)]);
    const upd = record('UPDATE', key('a', 1n), [deleteAll('p'), put('q', 'z', 3)]);
    const rows = rowsOf([put1, upd], true);
    const seqOf = (r: ChangeRecord) => formatSequenceInfo(r.sequence, r.shardId);
    assert.deepEqual(rows.map((r) => r.at(-1)), [
      `${seqOf(put1)}:0000000000`, `${seqOf(put1)}:0000000001`, `${seqOf(put1)}:0000000002`,
      `${seqOf(upd)}:0000000000`, `${seqOf(upd)}:0000000001`,
    ]);
  });

  it('maps any record to lines that reflect its cells one for one (seeded)', () => {
    forSeeds(200, (r) => {
      const cells: ChangeCell[] = Array.from({ length: r.int(0, 6) }, (_, i) =>
        r.pick([put(`c${i}`, r.pick(['s', 1n, 2.5, false]), r.int(0, 1e12)), deleteOne(`c${i}`, r.int(0, 1e12)), deleteAll(`c${i}`)]),
      );
      const action = r.pick(['PUT', 'UPDATE', 'DELETE'] as const);
      const rec = record(action, key(`k${r.int(0, 9)}`, BigInt(r.int(-5, 5))), action === 'DELETE' ? [] : action === 'PUT' ? cells.filter((c) => c.op === 'PUT') : cells);
      const rows = rowsOf([rec], true);
      const lead = action === 'UPDATE' ? 0 : 1;
      assert.equal(rows.length, lead + rec.cells.length);
      rows.forEach((row, i) => {
        assert.equal(row.length, 7);
        assert.deepEqual(row.slice(0, 2), rec.primaryKey.map((c) => c.value));
        assert.equal(parseSequenceInfo(row[6] as string).columnIndex, i);
        if (i < lead) return assert.deepEqual(row.slice(2, 6), [null, null, null, 'DR']);
        const cell = rec.cells[i - lead] as ChangeCell;
        const op = { PUT: 'U', DELETE_ONE_VERSION: 'DO', DELETE_ALL_VERSIONS: 'DA' }[cell.op];
        assert.deepEqual(row.slice(2, 6), [cell.name, cell.op === 'DELETE_ALL_VERSIONS' ? null : cell.timestamp, cell.op === 'PUT' ? cell.value : null, op]);
      });
    });
  });

  it('rejects a record whose key does not fit the table', () => {
    const mapper = createRecordMapper(reader(), PK);
    const bad = record('PUT', [{ name: 'pk1', value: 'a' }, { name: 'pk2', value: 'not-an-int' }]);
    assert.throws(() => mapper.map(bad, []), (e: unknown) => e instanceof RecordMappingError && /pk2 holds string, the table's type is int64/.test(e.message) && e.record === bad);
    assert.throws(() => mapper.map(record('PUT', [{ name: 'pk1', value: 'a' }]), []), /has 1 primary-key columns, the table has 2/);
    assert.throws(() => mapper.map(record('DELETE', [{ name: 'id', value: 'a' }, { name: 'pk2', value: 1n }]), []), /column 1 is id, the table's is pk1/);
  });

  it('refuses a column list and bad key schemas', () => {
    assert.throws(() => createRecordMapper(reader({ column: ['a'] }), PK), /multi_version exports every column/);
    assert.throws(() => createRecordMapper(reader(), []), /1 to 4 columns/);
    assert.throws(() => createRecordMapper(reader(), [{ name: 'k', type: 'double' }]), /key columns are int64, string or binary/);
    assert.throws(() => createRecordMapper(reader({ mode: 'compacted' }), PK), /WindowCompactor/);
  });

  it('maps from wire cells only without sequence info, whose column needs a row per line', () => {
    const withSequence = new MultiVersionMapper(PK, true);
    const noLines = { key() {}, line() {} };
    const noCells = { bytes: new Uint8Array(0), next: () => false } as unknown as CellCursor;
    assert.throws(() => withSequence.mapWire(record('PUT', key('a', 1n), []), noCells, noLines), /sequence info are mapped to rows/);
    assert.equal(new MultiVersionMapper(PK, false).mapWire(record('PUT', key('a', 1n), []), noCells, noLines), 1, 'a PUT without cells: its DR line');
  });
});
