import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { createRecordMapper, RecordMappingError } from '../../../runtime/core/record.ts';
import { formatSequenceInfo } from '../../../runtime/core/sequence.ts';
import type { ReaderConfig } from '../../../runtime/config/job.ts';
import { ConfigError } from '../../../runtime/config/validation.ts';
import { WindowCompactor } from '../../../runtime/core/compactor.ts';
import { deleteAll, deleteOne, key, PK, put, reader, record } from './records.ts';

const single = (column: NonNullable<ReaderConfig['column']>, isExportSequenceInfo = false) =>
  createRecordMapper(reader({ mode: 'single_version_and_update_only', column, isExportSequenceInfo }), PK);

const rowsOf = (column: NonNullable<ReaderConfig['column']>, records: ChangeRecord[], seq = false): Row[] => {
  const mapper = single(column, seq);
  const out: Row[] = [];
  for (const r of records) mapper.map(r, out);
  return out;
};

describe('single_version_and_update_only mapping', () => {
  it('has the configured columns, typed by declaration, key type, or any', () => {
    assert.deepEqual(single(['pk2', { name: 'price', type: 'double' }, 'note', { name: 'pk1', type: 'any' }], true).schema, [
      { name: 'pk2', type: 'int64' },
      { name: 'price', type: 'double' },
      { name: 'note', type: 'any' },
      { name: 'pk1', type: 'string' },
      { name: 'sequenceInfo', type: 'string' },
    ]);
  });

  it('writes one line per PUT or UPDATE, missing columns null', () => {
    const rows = rowsOf(['pk1', 'a', 'pk2', 'b', 'missing'], [
      record('PUT', key('k', 7n), [put('a', 'x\n"y"', 1), put('b', 1.25, 1), put('other', 'ignored', 1)]),
      record('UPDATE', key('k', 7n), [put('b', 2n, 2)]),
    ]);
    assert.deepEqual(rows, [
      ['k', 'x\n"y"', 7n, 1.25, null],
      ['k', null, 7n, 2n, null],
    ]);
  });

  it('ignores delete cells and drops DELETE records', () => {
    const rows = rowsOf(['pk1', 'a', 'b'], [
      record('UPDATE', key('k', 1n), [deleteOne('a', 5), deleteAll('b'), put('a', 'kept', 6)]),
      record('DELETE', key('k', 1n)),
      record('UPDATE', key('k', 1n), [deleteAll('a')]),
    ]);
    assert.deepEqual(rows, [['k', 'kept', null], ['k', null, null]]);
  });

  it('gives no line for a record that sets none of the columns (no key column configured)', () => {
    const rows = rowsOf(['a'], [record('UPDATE', key('k', 1n), [put('b', 1n, 1)]), record('UPDATE', key('k', 1n), [deleteAll('a')]), record('PUT', key('k', 1n), [put('a', false, 2)])]);
    assert.deepEqual(rows, [[false]]);
  });

  it('keeps the last of several versions of a column in one record', () => {
    assert.deepEqual(rowsOf(['a'], [record('PUT', key('k', 1n), [put('a', 'old', 2), put('a', 'new', 1)])]), [['new']]);
  });

  it('appends the sequence info without a column index', () => {
    const r = record('PUT', key('k', 1n), [put('a', 1n, 1)]);
    assert.deepEqual(rowsOf(['a'], [r], true), [[1n, formatSequenceInfo(r.sequence, 'shard-1')]]);
  });

  it('rejects a value of another type than declared, naming the column', () => {
    const mapper = single(['pk1', { name: 'price', type: 'double' }]);
    assert.throws(() => mapper.map(record('PUT', key('k', 1n), [put('price', '12.5', 1)]), []), (e: unknown) =>
      e instanceof RecordMappingError && /column price holds string, declared double/.test(e.message));
    const out: Row[] = [];
    mapper.map(record('PUT', key('k', 1n), [put('price', 12.5, 1)]), out);
    assert.deepEqual(out, [['k', 12.5]]);
  });

  it('needs a column list', () => {
    assert.throws(() => createRecordMapper(reader({ mode: 'single_version_and_update_only' }), PK), /needs reader.column/);
  });

  it('refuses a key column declared with another type than the key\'s when built, naming the entry, both types and the fix', () => {
    const column = ['pk1', { name: 'pk2', type: 'string' as const }, 'a'];
    const refused = (e: unknown) => e instanceof ConfigError && e.problems.length === 1 &&
      e.problems[0] === 'reader.column[1]: declares pk2 as string, but pk2 is a primary-key column of type int64; declare it as int64, or give the name alone ("pk2") to take the key\'s type';
    assert.throws(() => single(column), refused);
    assert.throws(() => new WindowCompactor(reader({ mode: 'compacted', column }), PK), refused, 'compacted too, though its key columns lead');
    // The key's own type, any, or no type are fine; a declared type on an attribute is not the key's business.
    assert.deepEqual(single([{ name: 'pk2', type: 'int64' }, { name: 'pk1', type: 'any' }, { name: 'a', type: 'binary' }]).schema.map((c) => c.type), ['int64', 'string', 'binary']);
  });
});
