import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeCell, ChangeRecord, PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import type { OutputValue, Row } from '../../../runtime/core/row.ts';
import { RecordMappingError, WindowCompactor } from '../../../runtime/core/record.ts';
import { formatSequenceInfo } from '../../../runtime/core/sequence.ts';
import { compareKeys } from '../../../runtime/core/primary-key.ts';
import { forSeeds, type Random } from './random.ts';
import { deleteAll, deleteOne, key, PK, put, reader, record } from './records.ts';
import type { ReaderConfig } from '../../../runtime/config/job.ts';

const compacted = (column?: ReaderConfig['column']) => new WindowCompactor(reader({ mode: 'compacted', column }), PK);
const meta = (r: ChangeRecord, deleted: boolean, image: 'full' | 'partial'): OutputValue[] =>
  [deleted, image, formatSequenceInfo(r.sequence, r.shardId), Math.floor(r.sequence.timestampMicros / 1000)];

describe('WindowCompactor', () => {
  it('keeps the last image per key, in key order', () => {
    const c = compacted();
    const p1 = record('PUT', key('b', 1n), [put('x', 'one', 1), put('y', 1n, 1)]);
    const u1 = record('UPDATE', key('b', 1n), [put('x', 'two', 2), deleteAll('y'), put('z', true, 2)]);
    const u2 = record('UPDATE', key('a', 9n), [put('x', 'partial', 3)]);
    const d1 = record('DELETE', key('a', 2n));
    for (const r of [p1, u1, u2, d1]) c.add(r);
    assert.deepEqual(c.schema(), [
      ...PK,
      { name: 'x', type: 'any' }, { name: 'y', type: 'any' }, { name: 'z', type: 'any' },
      { name: '_deleted', type: 'boolean' }, { name: '_image', type: 'string' },
      { name: '_sequence', type: 'string' }, { name: '_timestamp', type: 'timestamp' },
    ]);
    assert.equal(c.size, 3);
    assert.deepEqual(c.rows(), [
      ['a', 2n, null, null, null, ...meta(d1, true, 'full')],
      ['a', 9n, 'partial', null, null, ...meta(u2, false, 'partial')],
      ['b', 1n, 'two', null, true, ...meta(u1, false, 'full')],
    ]);
    assert.equal(c.size, 0, 'handing out the rows releases the held window');
  });

  it('hands rows out in batches of the given size, in key order', () => {
    const c = compacted();
    for (let i = 0; i < 25; i++) c.add(record('PUT', key('k', BigInt((i * 7) % 25)), [put('x', i, 1)]));
    const batches = [...c.batches(10)];
    assert.deepEqual(batches.map((b) => b.length), [10, 10, 5]);
    assert.deepEqual(batches.flat().map((row) => row[1]), Array.from({ length: 25 }, (_, i) => BigInt(i)));
  });

  it('keeps its own copy of binary values, not a view into the response they came in', () => {
    const c = compacted();
    const response = Buffer.alloc(8); // its own memory, as a response body has
    response.set([1, 2, 3, 4, 5, 6, 7, 8]);
    c.add(record('PUT', key('k', 1n), [put('b', response.subarray(2, 5), 1)]));
    response.fill(0);
    const [row] = c.rows();
    assert.deepEqual([...(row![2] as Uint8Array)], [3, 4, 5]);
    assert.notEqual((row![2] as Uint8Array).buffer, response.buffer);
  });

  it('revives a deleted row with a later PUT or UPDATE', () => {
    const c = compacted();
    const d = record('DELETE', key('k', 1n));
    const u = record('UPDATE', key('k', 1n), [put('x', 5n, 9)]);
    c.add(record('PUT', key('k', 1n), [put('x', 1n, 1), put('y', 2n, 1)]));
    c.add(d);
    c.add(u);
    assert.deepEqual(c.rows(), [['k', 1n, 5n, null, ...meta(u, false, 'full')]]);
  });

  it('follows versions: an older put loses, a delete of the kept version removes it', () => {
    const c = compacted();
    c.add(record('PUT', key('k', 1n), [put('x', 'new', 20), put('y', 'keep', 20)]));
    c.add(record('UPDATE', key('k', 1n), [put('x', 'older', 10), deleteOne('y', 19)]));
    const last = record('UPDATE', key('k', 1n), [deleteOne('x', 20)]);
    c.add(last);
    assert.deepEqual(c.rows(), [['k', 1n, null, 'keep', ...meta(last, false, 'full')]]);
  });

  it('keeps only configured columns, typed, key columns leading once', () => {
    const c = compacted(['pk2', { name: 'price', type: 'double' }, 'note']);
    const p = record('PUT', key('k', 1n), [put('price', 9.5, 1), put('other', 'dropped', 1)]);
    c.add(p);
    assert.deepEqual(c.schema().map((d) => `${d.name}:${d.type}`).slice(0, 4), ['pk1:string', 'pk2:int64', 'price:double', 'note:any']);
    assert.deepEqual(c.rows(), [['k', 1n, 9.5, null, ...meta(p, false, 'full')]]);
    assert.throws(() => c.add(record('UPDATE', key('k', 1n), [put('price', 1n, 2)])), (e: unknown) =>
      e instanceof RecordMappingError && /price holds int64, declared double/.test(e.message));
  });

  it('rejects records whose key does not fit the table', () => {
    assert.throws(() => compacted().add(record('PUT', [{ name: 'pk1', value: 1n }, { name: 'pk2', value: 1n }])), RecordMappingError);
  });

  it('agrees with a backwards reading of each key\'s changes (seeded)', () => {
    forSeeds(150, (r) => {
      const configured = r.bool(0.3) ? ['c1', 'c3'] : undefined;
      const c = compacted(configured);
      const byKey = new Map<string, { pk: PrimaryKeyColumn[]; records: ChangeRecord[] }>();
      let version = 1;
      for (let i = r.int(0, 60); i > 0; i--) {
        const pk = key(r.pick(['', 'a', 'é', '😀', 'b\u0000']), BigInt(r.int(-2, 2)));
        const rec = randomRecord(r, pk, () => version++);
        c.add(rec);
        const id = JSON.stringify(pk, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
        const entry = byKey.get(id) ?? { pk, records: [] };
        entry.records.push(rec);
        byKey.set(id, entry);
      }
      const names = c.schema().slice(2, -4).map((d) => d.name);
      const expectedNames = configured ?? [...new Set([...byKey.values()].flatMap((e) => e.records.flatMap((x) => x.cells.filter((cell) => cell.op === 'PUT').map((cell) => cell.name))))].sort();
      assert.deepEqual(names, expectedNames);
      const expected = [...byKey.values()].sort((a, b) => compareKeys(a.pk, b.pk)).map((e) => backwards(e.pk, e.records, names));
      assert.deepEqual(c.rows(), expected);
    });
  });
});

function randomRecord(r: Random, pk: PrimaryKeyColumn[], nextVersion: () => number): ChangeRecord {
  const action = r.pick(['PUT', 'UPDATE', 'UPDATE', 'DELETE'] as const);
  if (action === 'DELETE') return record('DELETE', pk);
  const cells: ChangeCell[] = [];
  for (let i = r.int(action === 'PUT' ? 0 : 1, 3); i > 0; i--) {
    const name = r.pick(['c1', 'c2', 'c3']);
    const v = nextVersion();
    if (action === 'PUT' || r.bool(0.6)) cells.push(put(name, r.pick([`s${v}`, BigInt(v), v / 3, v % 2 === 0]), v));
    else if (r.bool()) cells.push(deleteAll(name));
    else cells.push(deleteOne(name, r.bool() ? v - r.int(1, 3) : v));
  }
  return record(action, pk, cells);
}

/** The expected row, read from the last change backwards: a different route to the same state. */
function backwards(pk: PrimaryKeyColumn[], records: ChangeRecord[], names: string[]): Row {
  const last = records.at(-1) as ChangeRecord;
  let base = -1;
  for (let i = records.length - 1; i >= 0; i--) if ((records[i] as ChangeRecord).action !== 'UPDATE') { base = i; break; }
  const from = base >= 0 && (records[base] as ChangeRecord).action === 'DELETE' ? base + 1 : Math.max(base, 0);
  const events = records.slice(from).flatMap((x) => x.cells);
  const values = names.map((name) => {
    const removedVersions = new Set<number | undefined>();
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as ChangeCell;
      if (e.name !== name) continue;
      if (e.op === 'DELETE_ALL_VERSIONS') return null;
      if (e.op === 'DELETE_ONE_VERSION') removedVersions.add(e.timestamp);
      else return removedVersions.has(e.timestamp) ? null : (e.value ?? null);
    }
    return null;
  });
  return [...pk.map((c) => c.value), ...values, last.action === 'DELETE', base >= 0 ? 'full' : 'partial', formatSequenceInfo(last.sequence, last.shardId), Math.floor(last.sequence.timestampMicros / 1000)];
}
