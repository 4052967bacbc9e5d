import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { createEncoder } from '../../../runtime/format/index.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { options } from './fixtures.ts';

const schema = [{ name: 'id', type: 'int64' }, { name: 'note', type: 'string' }] as const;
const rows = (from: number, n: number): Row[] => Array.from({ length: n }, (_, i) => [BigInt(from + i), `note ${from + i}, "quoted" ${'x'.repeat((from + i) % 50)}`]);

/** Every batch through an encoder, and what each write returned. */
function encode(format: 'csv' | 'jsonl' | 'text', compress: 'none' | 'gzip', batches: Row[][], header = true) {
  const encoder = createEncoder(format, schema, options({ compress, header }));
  const outputs = batches.map((b) => Buffer.from(encoder.write(b)));
  outputs.push(Buffer.from(encoder.finish()));
  return { encoder, outputs, all: Buffer.concat(outputs) };
}

describe('sink.compress gzip', () => {
  for (const format of ['csv', 'jsonl', 'text'] as const) {
    it(`${format}: the object gunzips to exactly the uncompressed encoder's bytes, in members of about 1 MiB`, () => {
      const batches = Array.from({ length: 300 }, (_, i) => rows(i * 256, 256));
      const plain = encode(format, 'none', batches);
      const gz = encode(format, 'gzip', batches);
      assert.deepEqual(gunzipSync(gz.all), plain.all);
      assert.ok(plain.all.length > 3 * 1024 * 1024, `${plain.all.length} bytes of text`);
      const members = gz.outputs.filter((o) => o.length > 0);
      assert.ok(members.length >= 3, `${members.length} members`);
      for (const m of members) assert.deepEqual([m[0], m[1]], [0x1f, 0x8b], 'each piece is a gzip member');
      assert.equal(gz.encoder.extension, `${format === 'text' ? 'txt' : format}.gz`);
      assert.equal(gz.encoder.contentType, 'application/gzip');
      assert.equal(gz.encoder.rowsWritten, 300 * 256);
      assert.equal(gz.encoder.bytesWritten, gz.all.length);
      assert.ok(gz.all.length < plain.all.length / 3, 'and it is smaller');
    });
  }

  it('writes a valid gzip file for a header alone', () => {
    const gz = encode('csv', 'gzip', []);
    assert.equal(gunzipSync(gz.all).toString('utf8'), 'id,note\n');
  });

  it('parquet: pages use the GZIP codec; an independent reader given gunzip reads the same rows', async () => {
    const batches = Array.from({ length: 40 }, (_, i) => rows(i * 256, 256));
    const parquet = (compress: 'none' | 'gzip') => {
      const encoder = createEncoder('parquet', schema, options({ compress }));
      const bytes = Buffer.concat([...batches.map((b) => encoder.write(b)), encoder.finish()]);
      assert.equal(encoder.extension, 'parquet');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    };
    const plain = parquet('none');
    const gz = parquet('gzip');
    assert.ok(gz.byteLength < plain.byteLength / 2, `${gz.byteLength} vs ${plain.byteLength} bytes`);
    const meta = parquetMetadata(gz);
    for (const group of meta.row_groups) {
      for (const c of group.columns) {
        assert.equal(c.meta_data?.codec, 'GZIP');
        assert.ok(Number(c.meta_data!.total_compressed_size) < Number(c.meta_data!.total_uncompressed_size));
      }
    }
    const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };
    const expected = await parquetReadObjects({ file: plain });
    assert.equal(expected.length, 40 * 256);
    assert.deepEqual(await parquetReadObjects({ file: gz, compressors }), expected);
    await assert.rejects(parquetReadObjects({ file: gz }), 'without gunzip the pages do not read');
  });
});
