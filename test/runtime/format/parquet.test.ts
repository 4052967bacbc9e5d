import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { createEncoder, FormatError } from '../../../runtime/format/index.ts';
import { ParquetEncoder } from '../../../runtime/format/parquet/encoder.ts';
import type { ColumnDef, Row } from '../../../runtime/core/row.ts';
import { javaDouble } from '../../../runtime/format/values.ts';
import { INVALID_UTF8, MIXED_SCHEMA, ONE_MB, TRICKY_STRINGS, concat, options, wellFormed } from './fixtures.ts';

// Files are read back with hyparquet, an implementation independent of this encoder.

function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function read(bytes: Buffer): Promise<Record<string, unknown>[]> {
  return (await parquetReadObjects({ file: arrayBuffer(bytes), utf8: false })) as Record<string, unknown>[];
}

function encode(schema: readonly ColumnDef[], batches: Row[][], encoder = createEncoder('parquet', schema, options())): Buffer {
  const parts = batches.map((b) => encoder.write(b));
  parts.push(encoder.finish());
  const bytes = concat(parts);
  assert.equal(encoder.bytesWritten, bytes.length);
  return bytes;
}

describe('parquet', () => {
  it('writes typed OPTIONAL columns that an independent reader reads back exactly', async () => {
    const rows: Row[] = [
      [-(2n ** 63n), 'plain', 1.5, true, INVALID_UTF8, 0, 'text'],
      [2n ** 63n - 1n, '😀 é 中文', NaN, false, new Uint8Array(0), -1, 42n],
      [0n, 'lone \ud800', Infinity, null, null, 1_700_000_000_123, 1e10],
      [null, null, -Infinity, true, new Uint8Array([0, 0x22, 0x0a]), null, true],
      [7, ONE_MB, -0, false, new Uint8Array(256).map((_, i) => i), 8.64e15, new Uint8Array([0xff])],
      [Number.MAX_SAFE_INTEGER + 1, '', 5e-324, null, null, -8.64e15, null],
    ];
    const bytes = encode(MIXED_SCHEMA, [rows]);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1');
    assert.equal(bytes.subarray(-4).toString('latin1'), 'PAR1');

    const meta = parquetMetadata(arrayBuffer(bytes));
    assert.equal(meta.num_rows, BigInt(rows.length));
    const [, ...leaves] = meta.schema;
    assert.deepEqual(
      leaves.map((e) => [e.name, e.type, e.repetition_type, e.converted_type, e.logical_type?.type]),
      [
        ['id', 'INT64', 'OPTIONAL', undefined, undefined],
        ['name', 'BYTE_ARRAY', 'OPTIONAL', 'UTF8', 'STRING'],
        ['score', 'DOUBLE', 'OPTIONAL', undefined, undefined],
        ['ok', 'BOOLEAN', 'OPTIONAL', undefined, undefined],
        ['blob', 'BYTE_ARRAY', 'OPTIONAL', undefined, undefined],
        ['at', 'INT64', 'OPTIONAL', 'TIMESTAMP_MILLIS', 'TIMESTAMP'],
        ['value', 'BYTE_ARRAY', 'OPTIONAL', 'UTF8', 'STRING'],
      ],
    );
    const at = leaves[5]!.logical_type;
    assert.ok(at?.type === 'TIMESTAMP' && at.isAdjustedToUTC && at.unit === 'MILLIS');

    const back = await read(bytes);
    assert.equal(back.length, rows.length);
    assert.deepEqual(back.map((r) => r.id), [-(2n ** 63n), 2n ** 63n - 1n, 0n, null, 7n, 2n ** 53n]);
    assert.deepEqual(back.map((r) => r.name), ['plain', '😀 é 中文', 'lone \ufffd', null, ONE_MB, '']);
    const scores = back.map((r) => r.score as number);
    assert.ok(Number.isNaN(scores[1]));
    assert.deepEqual([scores[0], scores[2], scores[3], scores[5]], [1.5, Infinity, -Infinity, 5e-324]);
    assert.ok(Object.is(scores[4], -0));
    assert.deepEqual(back.map((r) => r.ok), [true, false, null, true, false, null]);
    assert.deepEqual(back.map((r) => (r.blob == null ? null : Buffer.from(r.blob as Uint8Array).toString('hex'))), [
      Buffer.from(INVALID_UTF8).toString('hex'),
      '',
      null,
      '00220a',
      Buffer.from(new Uint8Array(256).map((_, i) => i)).toString('hex'),
      null,
    ]);
    assert.deepEqual(back.map((r) => (r.at == null ? null : (r.at as Date).getTime())), [0, -1, 1_700_000_000_123, null, 8.64e15, -8.64e15]);
    assert.deepEqual(back.map((r) => r.value), ['text', '42', javaDouble(1e10), 'true', '/w==', null]);
  });

  it('round-trips tricky strings, with dictionary encoding and without', async () => {
    const schema = [{ name: 's', type: 'string' }] as const;
    const tricky = TRICKY_STRINGS.filter((t) => t !== ONE_MB);
    const repeated: Row[] = [];
    for (let i = 0; i < 3000; i++) repeated.push([tricky[i % tricky.length]!]);
    const distinct: Row[] = [];
    for (let i = 0; i < 3000; i++) distinct.push([`${tricky[i % tricky.length]} #${i}`]);
    for (const rows of [repeated, distinct]) {
      const bytes = encode(schema, [rows]);
      const back = await read(bytes);
      assert.deepEqual(back.map((r) => r.s), rows.map((r) => wellFormed(r[0] as string)));
    }
    const encodings = (bytes: Buffer) => parquetMetadata(arrayBuffer(bytes)).row_groups[0]!.columns[0]!.meta_data!.encodings;
    assert.ok(encodings(encode(schema, [repeated])).includes('RLE_DICTIONARY'), 'repeating text is dictionary-encoded');
    assert.ok(!encodings(encode(schema, [distinct])).includes('RLE_DICTIONARY'), 'distinct text falls back to PLAIN');
  });

  it('writes INT64 statistics and null counts readers can trust', async () => {
    const schema = [{ name: 'n', type: 'int64' }, { name: 's', type: 'string' }] as const;
    const rows: Row[] = [[5n, null], [-(2n ** 40n), 'a'], [null, null], [2 ** 33, 'b'], [-3, null]];
    const meta = parquetMetadata(arrayBuffer(encode(schema, [rows])));
    const [n, s] = meta.row_groups[0]!.columns.map((c) => c.meta_data!.statistics!);
    assert.equal(n!.min_value, -(2n ** 40n));
    assert.equal(n!.max_value, 2n ** 33n);
    assert.equal(n!.null_count, 1n);
    assert.equal(s!.null_count, 3n);
  });

  it('streams row groups: bytes come out before finish, and the reader sees every row', async () => {
    const schema: ColumnDef[] = [
      { name: 'pk', type: 'string' },
      { name: 'seq', type: 'int64' },
      { name: 'at', type: 'timestamp' },
      { name: 'value', type: 'any' },
      { name: 'op', type: 'string' },
    ];
    const encoder = createEncoder('parquet', schema, options());
    const parts: Uint8Array[] = [];
    let emittedBeforeFinish = 0;
    let writesWithBytes = 0;
    for (let start = 0; start < 200_000; start += 1000) {
      const batch: Row[] = [];
      for (let i = start; i < start + 1000; i++) batch.push([`user${i % 977}`, BigInt(i), 1_700_000_000_000 + i, i % 3 ? i * 0.5 : null, i % 5 ? 'U' : 'DR']);
      const out = encoder.write(batch);
      if (out.byteLength > 4) writesWithBytes++;
      emittedBeforeFinish += out.byteLength;
      parts.push(out);
      assert.equal(encoder.rowsWritten, start + 1000);
      assert.equal(encoder.bytesWritten, emittedBeforeFinish);
    }
    parts.push(encoder.finish());
    const bytes = concat(parts);
    assert.ok(writesWithBytes >= 3, `row groups were emitted while writing (${writesWithBytes})`);
    assert.ok(emittedBeforeFinish > bytes.length / 2, 'most bytes left before finish');
    const meta = parquetMetadata(arrayBuffer(bytes));
    assert.equal(meta.num_rows, 200_000n);
    assert.ok(meta.row_groups.length >= 4);
    const back = await read(bytes);
    assert.equal(back.length, 200_000);
    for (const i of [0, 1, 65_535, 65_536, 131_071, 199_999]) {
      assert.deepEqual(back[i], {
        pk: `user${i % 977}`,
        seq: BigInt(i),
        at: new Date(1_700_000_000_000 + i),
        value: i % 3 ? javaDouble(i * 0.5) : null,
        op: i % 5 ? 'U' : 'DR',
      });
    }
  });

  it('closes a row group at its byte limit, whatever its row count', async () => {
    const schema = [{ name: 's', type: 'string' }] as const;
    const encoder = new ParquetEncoder(schema, options(), { maxRows: 1_000_000, maxBytes: 3 * (1 << 20) });
    const sizes: number[] = [];
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 10; i++) {
      const out = encoder.write([[`${i}:${ONE_MB}`]]);
      sizes.push(out.byteLength);
      parts.push(out);
    }
    parts.push(encoder.finish());
    assert.ok(sizes.filter((n) => n > 3 * (1 << 20)).length >= 2, `row groups flushed by size: ${sizes.join(',')}`);
    const bytes = concat(parts);
    const back = await read(bytes);
    assert.deepEqual(back.map((r) => (r.s as string).split(':')[0]), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.ok(parquetMetadata(arrayBuffer(bytes)).row_groups.length >= 3);
  });

  it('keeps memory flat as the row count grows', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const schema: ColumnDef[] = [
      { name: 'pk', type: 'string' },
      { name: 'seq', type: 'int64' },
      { name: 'value', type: 'string' },
    ];
    const heapAfter = (rows: number): number => {
      const encoder = createEncoder('parquet', schema, options());
      for (let start = 0; start < rows; start += 2000) {
        const batch: Row[] = [];
        for (let i = start; i < start + 2000; i++) batch.push([`key-${i}`, BigInt(i), `value ${i} ${'v'.repeat(40)}`]);
        encoder.write(batch);
      }
      gc();
      const used = process.memoryUsage().heapUsed;
      encoder.finish();
      return used;
    };
    heapAfter(50_000); // warm up
    const small = heapAfter(100_000);
    const large = heapAfter(400_000);
    // 300k more rows of ~60 bytes held anywhere would add far more than this.
    assert.ok(large - small < 12 * 1024 * 1024, `heap grew by ${((large - small) / 1048576).toFixed(1)} MB`);
  });

  it('writes a valid empty file when no row comes', async () => {
    const encoder = createEncoder('parquet', MIXED_SCHEMA, options());
    const bytes = concat([encoder.finish()]);
    assert.equal(encoder.rowsWritten, 0);
    assert.equal(encoder.bytesWritten, bytes.length);
    const meta = parquetMetadata(arrayBuffer(bytes));
    assert.equal(meta.num_rows, 0n);
    assert.equal(meta.schema.length, MIXED_SCHEMA.length + 1);
    assert.deepEqual(await read(bytes), []);
  });

  it('rejects a batch with a value its column cannot hold, before buffering any of it', async () => {
    const schema = [{ name: 'n', type: 'int64' }, { name: 'd', type: 'double' }, { name: 'b', type: 'boolean' }] as const;
    const encoder = createEncoder('parquet', schema, options());
    const bad: Array<[Row, RegExp]> = [
      [[1.5, 1, true], /column n .*takes integers/],
      [[2n ** 63n, 1, true], /column n .*int64 range/],
      [['7', 1, true], /column n/],
      [[1n, 'x', true], /column d/],
      [[1n, 2n ** 60n, true], /column d/],
      [[1n, 1, 'yes'], /column b/],
      [[1n, 1], /2 values for 3 columns/],
    ];
    for (const [row, why] of bad) {
      assert.throws(() => encoder.write([[0n, 0, false], row]), (e: unknown) => e instanceof FormatError && why.test(e.message));
    }
    assert.equal(encoder.rowsWritten, 0);
    const bytes = concat([encoder.write([[1n, 2n, true], [2, 3.5, null]]), encoder.finish()]);
    assert.deepEqual(await read(bytes), [
      { n: 1n, d: 2, b: true },
      { n: 2n, d: 3.5, b: null },
    ]);
  });

  it('rejects duplicate or empty column names', () => {
    assert.throws(() => createEncoder('parquet', [{ name: 'a', type: 'any' }, { name: 'a', type: 'int64' }], options()), /"a" appears twice/);
    assert.throws(() => createEncoder('jsonl', [{ name: '', type: 'any' }], options()), /every column named/);
  });
});
