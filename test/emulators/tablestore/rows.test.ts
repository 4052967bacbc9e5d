import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attrs, createTable, expectExist, expectNotExist, ignore, int, key, sdkError, TableStore, useHarness } from './harness.ts';

const T0 = Date.UTC(2030, 0, 1);

describe('Tablestore emulator: rows', () => {
  let clock = T0;
  const h = useHarness({ now: () => clock }, ({ client }) => createTable(client, 'rows', { maxVersions: 3 }));

  const get = (pk: string, seq: number, extra: Partial<TableStore.GetRowParams> = {}) =>
    h.client.getRow({ tableName: 'rows', primaryKey: key(pk, seq), ...extra });

  it('puts and gets every value type', async () => {
    await h.client.putRow({
      tableName: 'rows',
      condition: ignore(),
      primaryKey: key('types', 1),
      attributeColumns: [{ s: 'a,"b"\n日本' }, { i: int('-9223372036854775808') }, { d: -1.5 }, { b: false }, { x: Buffer.from([0, 1, 255]) }],
    });
    const row = (await get('types', 1)).row;
    assert.deepEqual(row.primaryKey?.map((c) => [c.name, c.value.toString()]), [['pk', 'types'], ['seq', '1']]);
    assert.deepEqual(attrs(row), { b: false, d: -1.5, i: -9223372036854775808n, s: 'a,"b"\n日本', x: Buffer.from([0, 1, 255]) });
    assert.equal(Number(row.attributes![0]!.timestamp!.toString()), T0, 'cells get the server time as their version');
    assert.deepEqual((await get('absent', 1)).row, {});
  });

  it('keeps versions up to max_versions and reads them by count and time range', async () => {
    for (const [ts, v] of [[T0 - 4000, 'v1'], [T0 - 3000, 'v2'], [T0 - 2000, 'v3'], [T0 - 1000, 'v4']] as const) {
      await h.client.updateRow({ tableName: 'rows', condition: ignore(), primaryKey: key('ver', 1), updateOfAttributeColumns: [{ PUT: [{ c: v, timestamp: ts }] }] });
    }
    const all = (await get('ver', 1, { maxVersions: 10 })).row.attributes!;
    assert.deepEqual(all.map((a) => a.columnValue), ['v4', 'v3', 'v2'], 'the oldest version is dropped beyond max_versions, newest first');
    const ranged = (await get('ver', 1, { maxVersions: 10, timeRange: { startTime: T0 - 3000, endTime: T0 - 1000 } })).row.attributes!;
    assert.deepEqual(ranged.map((a) => a.columnValue), ['v3', 'v2']);
    const specific = (await get('ver', 1, { maxVersions: 10, timeRange: { specificTime: T0 - 2000 } })).row.attributes!;
    assert.deepEqual(specific.map((a) => a.columnValue), ['v3']);
    assert.deepEqual((await get('ver', 1)).row.attributes!.map((a) => a.columnValue), ['v4']);

    const tooOld = await sdkError(
      h.client.putRow({ tableName: 'rows', condition: ignore(), primaryKey: key('ver', 2), attributeColumns: [{ c: 'x', timestamp: T0 - 2 * 86400_000 }] }),
      'PutRow',
    );
    assert.equal(tooOld.code, 'OTSParameterInvalid');
  });

  it('applies update operations: put, delete one version, delete all versions, increment', async () => {
    await h.client.putRow({
      tableName: 'rows',
      condition: ignore(),
      primaryKey: key('upd', 1),
      attributeColumns: [{ a: 'a1', timestamp: T0 - 10 }, { b: 'b1' }, { n: int(40) }, { keep: 'k' }],
    });
    await h.client.updateRow({ tableName: 'rows', condition: ignore(), primaryKey: key('upd', 1), updateOfAttributeColumns: [{ PUT: [{ a: 'a2', timestamp: T0 - 5 }] }] });
    await h.client.updateRow({
      tableName: 'rows',
      condition: expectExist(),
      primaryKey: key('upd', 1),
      updateOfAttributeColumns: [{ DELETE: [{ a: int(T0 - 5) }] }, { DELETE_ALL: ['b'] }, { INCREMENT: [{ n: int(2) }] }],
    });
    const row = (await get('upd', 1, { maxVersions: 5 })).row;
    assert.deepEqual(attrs(row), { a: 'a1', keep: 'k', n: 42n });
    const columns = await get('upd', 1, { columnsToGet: ['keep', 'nothing'] });
    assert.deepEqual(attrs(columns.row), { keep: 'k' });
    assert.deepEqual((await get('upd', 1, { columnsToGet: ['nothing'] })).row, {});
    const keyOnly = (await get('upd', 1, { columnsToGet: ['pk'] })).row;
    assert.deepEqual([keyOnly.primaryKey?.length, keyOnly.attributes], [2, []]);
  });

  it('deletes rows and checks row existence conditions', async () => {
    await h.client.putRow({ tableName: 'rows', condition: expectNotExist(), primaryKey: key('cond', 1), attributeColumns: [{ v: 'x' }] });
    const again = await sdkError(
      h.client.putRow({ tableName: 'rows', condition: expectNotExist(), primaryKey: key('cond', 1), attributeColumns: [{ v: 'y' }] }),
      'PutRow',
    );
    assert.deepEqual([again.code, again.httpStatus], ['OTSConditionCheckFail', 403]);
    const missing = await sdkError(
      h.client.updateRow({ tableName: 'rows', condition: expectExist(), primaryKey: key('cond', 2), updateOfAttributeColumns: [{ PUT: [{ v: 'z' }] }] }),
      'UpdateRow',
    );
    assert.equal(missing.code, 'OTSConditionCheckFail');
    await h.client.deleteRow({ tableName: 'rows', condition: expectExist(), primaryKey: key('cond', 1) });
    assert.deepEqual((await get('cond', 1)).row, {});
    assert.equal(
      (await sdkError(h.client.deleteRow({ tableName: 'rows', condition: expectExist(), primaryKey: key('cond', 1) }), 'DeleteRow')).code,
      'OTSConditionCheckFail',
    );
  });

  it('evaluates single and composite column conditions', async () => {
    await h.client.putRow({ tableName: 'rows', condition: ignore(), primaryKey: key('col', 1), attributeColumns: [{ version: int(3) }, { owner: 'me' }] });
    const eq = (name: string, value: TableStore.ColumnValue, cmp = TableStore.ComparatorType.EQUAL, passIfMissing = true) =>
      new TableStore.SingleColumnCondition(name, value, cmp, passIfMissing, true);
    const write = (cond: TableStore.ColumnCondition) =>
      h.client.updateRow({ tableName: 'rows', condition: expectExist(cond), primaryKey: key('col', 1), updateOfAttributeColumns: [{ PUT: [{ touched: true }] }] });

    await write(eq('version', int(3)));
    assert.equal((await sdkError(write(eq('version', int(4))), 'UpdateRow')).code, 'OTSConditionCheckFail');
    await write(eq('version', int(2), TableStore.ComparatorType.GREATER_THAN));
    await write(eq('missing', 'x'));
    assert.equal((await sdkError(write(eq('missing', 'x', TableStore.ComparatorType.EQUAL, false)), 'UpdateRow')).code, 'OTSConditionCheckFail');

    const both = new TableStore.CompositeCondition(TableStore.LogicalOperator.AND);
    both.addSubCondition(eq('owner', 'me'));
    both.addSubCondition(eq('version', int(10), TableStore.ComparatorType.LESS_THAN));
    await write(both);
    const either = new TableStore.CompositeCondition(TableStore.LogicalOperator.OR);
    either.addSubCondition(eq('owner', 'you'));
    either.addSubCondition(eq('version', int(99)));
    assert.equal((await sdkError(write(either), 'UpdateRow')).code, 'OTSConditionCheckFail');
    const not = new TableStore.CompositeCondition(TableStore.LogicalOperator.NOT);
    not.addSubCondition(eq('owner', 'you'));
    await write(not);

    const filtered = await get('col', 1, { columnFilter: eq('owner', 'you') });
    assert.deepEqual(filtered.row, {}, 'a read filter that fails hides the row');
  });

  it('scans ranges forward and backward with limits and the next start key', async () => {
    for (let seq = 1; seq <= 5; seq++) {
      await h.client.putRow({ tableName: 'rows', condition: ignore(), primaryKey: key('range', seq), attributeColumns: [{ n: int(seq) }] });
    }
    const scan = (direction: 'FORWARD' | 'BACKWARD', start: TableStore.PrimaryKeyInput, end: TableStore.PrimaryKeyInput, limit?: number) =>
      h.client.getRange({ tableName: 'rows', direction, inclusiveStartPrimaryKey: start, exclusiveEndPrimaryKey: end, maxVersions: 1, ...(limit ? { limit } : {}) });
    const seqs = (r: TableStore.GetRangeResult) => r.rows.map((row) => Number(row.primaryKey![1]!.value.toString()));

    const all = await scan('FORWARD', [{ pk: 'range' }, { seq: TableStore.INF_MIN }], [{ pk: 'range' }, { seq: TableStore.INF_MAX }]);
    assert.deepEqual(seqs(all), [1, 2, 3, 4, 5]);
    assert.equal(all.nextStartPrimaryKey, null);

    const page = await scan('FORWARD', key('range', 2), [{ pk: 'range' }, { seq: TableStore.INF_MAX }], 2);
    assert.deepEqual(seqs(page), [2, 3]);
    assert.deepEqual(page.nextStartPrimaryKey?.map((c) => c.value.toString()), ['range', '4']);

    const back = await scan('BACKWARD', key('range', 4), key('range', 1), 2);
    assert.deepEqual(seqs(back), [4, 3]);
    assert.deepEqual(back.nextStartPrimaryKey?.map((c) => c.value.toString()), ['range', '2']);
    const rest = await scan('BACKWARD', key('range', 2), key('range', 1));
    assert.deepEqual(seqs(rest), [2]);

    const reversed = await sdkError(scan('FORWARD', key('range', 4), key('range', 1)), 'GetRange');
    assert.equal(reversed.code, 'OTSParameterInvalid');
  });

  it('writes and reads batches, with per-row outcomes', async () => {
    const result = await h.client.batchWriteRow({
      tables: [
        {
          tableName: 'rows',
          rows: [
            { type: 'PUT', condition: ignore(), primaryKey: key('batch', 1), attributeColumns: [{ v: 'one' }] },
            { type: 'PUT', condition: expectExist(), primaryKey: key('batch', 2), attributeColumns: [{ v: 'two' }] },
            { type: 'UPDATE', condition: ignore(), primaryKey: key('batch', 3), attributeColumns: [{ PUT: [{ v: 'three' }] }] },
            { type: 'DELETE', condition: ignore(), primaryKey: key('batch', 4) },
          ],
        },
        { tableName: 'no_such_table', rows: [{ type: 'PUT', condition: ignore(), primaryKey: key('x', 1), attributeColumns: [{ v: 'x' }] }] },
      ],
    });
    assert.deepEqual(
      result.tables.map((r) => [r.tableName, r.isOk, r.errorCode]),
      [
        ['rows', true, null],
        ['rows', false, 'OTSConditionCheckFail'],
        ['rows', true, null],
        ['rows', true, null],
        ['no_such_table', false, 'OTSObjectNotExist'],
      ],
    );
    const read = await h.client.batchGetRow({
      tables: [{ tableName: 'rows', primaryKey: [key('batch', 1), key('batch', 2), key('batch', 3)], maxVersions: 1 }],
    });
    assert.deepEqual(read.tables[0]!.map((r) => [r.isOk, attrs(r)['v']]), [[true, 'one'], [true, undefined], [true, 'three']]);
  });

  it('hides cells older than the TTL', async () => {
    await createTable(h.client, 'ttl', { ttl: 86400 });
    await h.client.putRow({ tableName: 'ttl', condition: ignore(), primaryKey: key('t', 1), attributeColumns: [{ v: 'soon gone' }] });
    assert.equal(attrs((await h.client.getRow({ tableName: 'ttl', primaryKey: key('t', 1) })).row)['v'], 'soon gone');
    clock = T0 + 86400_000 + 1;
    try {
      assert.deepEqual((await h.client.getRow({ tableName: 'ttl', primaryKey: key('t', 1) })).row, {});
      await h.client.putRow({ tableName: 'ttl', condition: expectNotExist(), primaryKey: key('t', 1), attributeColumns: [{ v: 'new' }] });
    } finally {
      clock = T0;
    }
  });
});
