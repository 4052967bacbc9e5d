import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import TableStore from 'tablestore';
import {
  AUTO_INCREMENT,
  decodeRow,
  decodeRows,
  decodeVariant,
  encodeRow,
  encodeRows,
  encodeVariant,
  INF_MAX,
  INF_MIN,
  PlainBufferError,
  type PlainBufferRow,
} from '../../../runtime/tablestore/plainbuffer/index.ts';

const L = (n: number | string) => (typeof n === 'number' ? TableStore.Long.fromNumber(n) : TableStore.Long.fromString(n));

/** Reads bytes with the SDK's own decoder (it cannot read op types or the extension). */
function sdkRead(bytes: Buffer): TableStore.Row[] {
  const input = new TableStore.PlainBufferInputStream({ buffer: bytes, offset: 0, limit: bytes.length });
  return new TableStore.PlainBufferCodedInputStream(input).readRows();
}

const sample: PlainBufferRow = {
  primaryKey: [
    { name: 'pk', value: 'héllo, "world"\n' },
    { name: 'seq', value: -9223372036854775808n },
    { name: 'bin', value: Buffer.from([0, 255, 7]) },
  ],
  cells: [
    { name: 'int', op: 'PUT', value: 9223372036854775807n, timestamp: 1_700_000_000_123 },
    { name: 'dbl', op: 'PUT', value: -0.5, timestamp: 1 },
    { name: 'nan', op: 'PUT', value: Number.NaN, timestamp: undefined },
    { name: 'pinf', op: 'PUT', value: Number.POSITIVE_INFINITY, timestamp: undefined },
    { name: 'ninf', op: 'PUT', value: Number.NEGATIVE_INFINITY, timestamp: undefined },
    { name: 'yes', op: 'PUT', value: true, timestamp: undefined },
    { name: 'no', op: 'PUT', value: false, timestamp: undefined },
    { name: 'str', op: 'PUT', value: '日本語 🙂 tab\there', timestamp: undefined },
    { name: 'empty', op: 'PUT', value: '', timestamp: undefined },
    { name: 'blob', op: 'PUT', value: Buffer.alloc(300, 0xab), timestamp: undefined },
    { name: 'null', op: 'PUT', value: null, timestamp: undefined },
    { name: 'gone', op: 'DELETE_ONE_VERSION', value: undefined, timestamp: 42 },
    { name: 'all', op: 'DELETE_ALL_VERSIONS', value: undefined, timestamp: undefined },
    { name: 'inc', op: 'INCREMENT', value: 3n, timestamp: undefined },
  ],
  deleteMarker: false,
  sequence: { epoch: 7, timestampMicros: 1_700_000_000_123_456, rowIndex: 3 },
};

describe('PlainBuffer codec', () => {
  it('round-trips every value type, op type, timestamps and sequence info', () => {
    const decoded = decodeRow(encodeRow(sample));
    assert.deepEqual(decoded.primaryKey.map((c) => c.name), ['pk', 'seq', 'bin']);
    assert.equal(decoded.primaryKey[0]!.value, 'héllo, "world"\n');
    assert.equal(decoded.primaryKey[1]!.value, -9223372036854775808n);
    assert.deepEqual(Buffer.from(decoded.primaryKey[2]!.value as Uint8Array), Buffer.from([0, 255, 7]));
    const byName = new Map(decoded.cells.map((c) => [c.name, c]));
    assert.equal(byName.get('int')!.value, 9223372036854775807n);
    assert.equal(byName.get('int')!.timestamp, 1_700_000_000_123);
    assert.equal(byName.get('dbl')!.value, -0.5);
    assert.ok(Number.isNaN(byName.get('nan')!.value));
    assert.equal(byName.get('pinf')!.value, Infinity);
    assert.equal(byName.get('ninf')!.value, -Infinity);
    assert.equal(byName.get('yes')!.value, true);
    assert.equal(byName.get('no')!.value, false);
    assert.equal(byName.get('str')!.value, '日本語 🙂 tab\there');
    assert.equal(byName.get('empty')!.value, '');
    assert.deepEqual(Buffer.from(byName.get('blob')!.value as Uint8Array), Buffer.alloc(300, 0xab));
    assert.equal(byName.get('null')!.value, null);
    assert.deepEqual({ ...byName.get('gone')! }, { name: 'gone', op: 'DELETE_ONE_VERSION', value: undefined, timestamp: 42 });
    assert.equal(byName.get('all')!.op, 'DELETE_ALL_VERSIONS');
    assert.equal(byName.get('all')!.timestamp, undefined);
    assert.equal(byName.get('inc')!.op, 'INCREMENT');
    assert.deepEqual(decoded.sequence, sample.sequence);
    assert.equal(decoded.deleteMarker, false);
    assert.deepEqual(decoded.cells.map((c) => c.name), sample.cells.map((c) => c.name));
  });

  it('keeps several rows under one header, with delete markers and primary-key sentinels', () => {
    const rows: PlainBufferRow[] = [
      { primaryKey: [{ name: 'a', value: 1n }], cells: [], deleteMarker: true, sequence: { epoch: 1, timestampMicros: 5, rowIndex: 0 } },
      { primaryKey: [{ name: 'a', value: INF_MIN }, { name: 'b', value: INF_MAX }, { name: 'c', value: AUTO_INCREMENT }], cells: [], deleteMarker: false },
      { primaryKey: [{ name: 'a', value: 'x' }], cells: [{ name: 'v', op: 'PUT', value: 1.25 }], deleteMarker: false },
    ];
    const decoded = decodeRows(encodeRows(rows));
    assert.equal(decoded.length, 3);
    assert.equal(decoded[0]!.deleteMarker, true);
    assert.deepEqual(decoded[0]!.sequence, { epoch: 1, timestampMicros: 5, rowIndex: 0 });
    assert.equal(decoded[1]!.primaryKey[0]!.value, INF_MIN);
    assert.equal(decoded[1]!.primaryKey[1]!.value, INF_MAX);
    assert.equal(decoded[1]!.primaryKey[2]!.value, AUTO_INCREMENT);
    assert.equal(decoded[1]!.sequence, undefined);
    assert.equal(decoded[2]!.cells[0]!.value, 1.25);
  });

  it('decodes what the SDK encodes for puts, updates, deletes and key bounds', () => {
    const put = TableStore.PlainBufferBuilder.serializeForPutRow(
      [{ pk: 'k1' }, { seq: L('-5') }, { bin: Buffer.from('zz') }],
      [{ s: 'v' }, { d: 2.5 }, { b: true }, { i: L(-3), timestamp: 1_600_000_000_000 }, { x: Buffer.from([1, 2]) }],
    );
    const p = decodeRow(put);
    assert.deepEqual(p.primaryKey.map((c) => c.value), ['k1', -5n, Buffer.from('zz')]);
    assert.deepEqual(
      p.cells.map((c) => [c.name, c.op, c.value, c.timestamp]),
      [
        ['s', 'PUT', 'v', undefined],
        ['d', 'PUT', 2.5, undefined],
        ['b', 'PUT', true, undefined],
        ['i', 'PUT', -3n, 1_600_000_000_000],
        ['x', 'PUT', Buffer.from([1, 2]), undefined],
      ],
    );

    const update = TableStore.PlainBufferBuilder.serializeForUpdateRow(
      [{ pk: 'k1' }],
      [{ PUT: [{ a: 'new', timestamp: 123 }] }, { DELETE: [{ b: L(456) }] }, { DELETE_ALL: ['c'] }, { INCREMENT: [{ n: L(2) }] }],
    );
    const u = decodeRow(update);
    assert.deepEqual(
      u.cells.map((c) => [c.name, c.op, c.value, c.timestamp]),
      [
        ['a', 'PUT', 'new', 123],
        ['b', 'DELETE_ONE_VERSION', undefined, 456],
        ['c', 'DELETE_ALL_VERSIONS', undefined, undefined],
        ['n', 'INCREMENT', 2n, undefined],
      ],
    );

    const del = decodeRow(TableStore.PlainBufferBuilder.serializeForDeleteRow([{ pk: 'k1' }, { seq: L(1) }]));
    assert.equal(del.deleteMarker, true);
    assert.equal(del.cells.length, 0);

    const bounds = decodeRow(TableStore.PlainBufferBuilder.serializePrimaryKey([{ pk: TableStore.INF_MIN }, { seq: TableStore.INF_MAX }]));
    assert.deepEqual(bounds.primaryKey.map((c) => c.value), [INF_MIN, INF_MAX]);
  });

  it('encodes a put row byte for byte as the SDK does', () => {
    const sdk = TableStore.PlainBufferBuilder.serializeForPutRow(
      [{ pk: 'ключ' }, { seq: L(77) }],
      [{ s: 'значение' }, { d: Number.NaN }, { f: false }, { i: L('9007199254740993'), timestamp: 1_234 }, { x: Buffer.from('raw') }],
    );
    const ours = encodeRow({
      primaryKey: [{ name: 'pk', value: 'ключ' }, { name: 'seq', value: 77n }],
      cells: [
        { name: 's', op: 'PUT', value: 'значение' },
        { name: 'd', op: 'PUT', value: Number.NaN },
        { name: 'f', op: 'PUT', value: false },
        { name: 'i', op: 'PUT', value: 9007199254740993n, timestamp: 1_234 },
        { name: 'x', op: 'PUT', value: Buffer.from('raw') },
      ],
      deleteMarker: false,
    });
    assert.equal(ours.toString('hex'), sdk.toString('hex'));
  });

  it('writes rows the SDK decodes, checksums included', () => {
    const bytes = encodeRows([
      {
        primaryKey: [{ name: 'pk', value: 'a' }, { name: 'n', value: 12n }],
        cells: [
          { name: 'c1', op: 'PUT', value: 'x', timestamp: 1000 },
          { name: 'c2', op: 'PUT', value: 1.5, timestamp: 1001 },
          { name: 'c3', op: 'PUT', value: true, timestamp: 1002 },
          { name: 'c4', op: 'PUT', value: Buffer.from([9]), timestamp: 1003 },
          { name: 'c5', op: 'PUT', value: -7n, timestamp: 1004 },
        ],
        deleteMarker: false,
      },
      { primaryKey: [{ name: 'pk', value: 'b' }, { name: 'n', value: 13n }], cells: [], deleteMarker: false },
    ]);
    const rows = sdkRead(bytes);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0]!.primaryKey!.map((c) => [c.name, c.value.toString()]), [['pk', 'a'], ['n', '12']]);
    const attrs = rows[0]!.attributes!;
    assert.deepEqual(attrs.map((a) => a.columnName), ['c1', 'c2', 'c3', 'c4', 'c5']);
    assert.equal(attrs[0]!.columnValue, 'x');
    assert.equal(attrs[1]!.columnValue, 1.5);
    assert.equal(attrs[2]!.columnValue, true);
    assert.deepEqual(attrs[3]!.columnValue, Buffer.from([9]));
    assert.equal(attrs[4]!.columnValue.toString(), '-7');
    assert.deepEqual(attrs.map((a) => Number(a.timestamp!.toString())), [1000, 1001, 1002, 1003, 1004]);
  });

  it('encodes and decodes bare values as column conditions carry them', () => {
    for (const value of ['s', 'ü', 5, -1.5, true]) {
      const sdkValue = typeof value === 'number' && Number.isInteger(value) ? L(value) : value;
      const sdk = TableStore.PlainBufferBuilder.serializeColumnValue(sdkValue);
      const expected = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
      assert.deepEqual(decodeVariant(sdk), expected);
      assert.equal(encodeVariant(expected).toString('hex'), sdk.toString('hex'));
    }
  });

  it('tolerates the zero padding the SDK appends to some update buffers', () => {
    const padded = TableStore.PlainBufferBuilder.serializeForUpdateRow([{ pk: 'k' }], [{ DELETE: [{ c: L(5) }] }]);
    assert.equal(padded[padded.length - 1], 0, 'the SDK pads this buffer');
    assert.equal(decodeRow(padded).cells[0]!.timestamp, 5);
    const junk = Buffer.concat([encodeRow(sample), Buffer.from([0, 1])]);
    assert.throws(() => decodeRow(junk), /unexpected bytes after the row/);
  });

  it('rejects checksum mismatches, bad headers and truncation with the position', () => {
    const good = encodeRow({ primaryKey: [{ name: 'k', value: 'v' }], cells: [{ name: 'c', op: 'PUT', value: 'hello' }], deleteMarker: false });
    const valueAt = good.indexOf(Buffer.from('hello'));
    const flipped = Buffer.from(good);
    flipped[valueAt] = 'j'.charCodeAt(0);
    assert.throws(() => decodeRow(flipped), (err: unknown) => err instanceof PlainBufferError && /cell checksum mismatch for "c"/.test(err.message));

    const rowSum = Buffer.from(good);
    rowSum[rowSum.length - 1] ^= 0xff;
    assert.throws(() => decodeRow(rowSum), /row checksum mismatch/);

    const header = Buffer.from(good);
    header[0] = 0x76;
    assert.throws(() => decodeRow(header), /bad header 0x76/);

    for (const cut of [5, 12, good.length - 1]) {
      assert.throws(() => decodeRow(good.subarray(0, cut)), (err: unknown) => err instanceof PlainBufferError && err.offset <= cut);
    }
  });

  it('decodes many distinct column names correctly, again and again', () => {
    const names = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? `列${i}` : `c${i.toString(36)}${'_'.repeat(i % 7)}`));
    const row: PlainBufferRow = {
      primaryKey: [{ name: 'k', value: 1n }],
      cells: names.map((name, i) => ({ name, op: 'PUT', value: BigInt(i) })),
      deleteMarker: false,
    };
    const bytes = encodeRow(row);
    for (let round = 0; round < 3; round++) {
      const decoded = decodeRow(bytes);
      assert.deepEqual(decoded.cells.map((c) => c.name), names);
      assert.deepEqual(decoded.cells.map((c) => c.value), names.map((_, i) => BigInt(i)));
    }
  });

  it('refuses values it cannot encode', () => {
    assert.throws(
      () => encodeRow({ primaryKey: [{ name: 'k', value: 2n ** 63n }], cells: [], deleteMarker: false }),
      /does not fit in int64/,
    );
    assert.throws(
      () => encodeRow({ primaryKey: [{ name: 'k', value: 'a' }], cells: [{ name: 'c', op: 'PUT', value: 1, timestamp: -1 }], deleteMarker: false }),
      /timestamp -1/,
    );
  });
});
