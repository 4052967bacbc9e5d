import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEncoder, FormatError } from '../../../runtime/format/index.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { ConfigError } from '../../../runtime/config/validation.ts';
import { sinkSchema } from '../../../runtime/config/job.ts';
import { MIXED_SCHEMA, STRING_SCHEMA, concat, options } from './fixtures.ts';

describe('createEncoder', () => {
  it('gives each format its extension and content type', () => {
    const cases = [
      ['csv', 'csv', 'text/csv; charset=utf-8'],
      ['text', 'txt', 'text/plain; charset=utf-8'],
      ['jsonl', 'jsonl', 'application/x-ndjson; charset=utf-8'],
      ['parquet', 'parquet', 'application/vnd.apache.parquet'],
    ] as const;
    for (const [format, extension, contentType] of cases) {
      const encoder = createEncoder(format, STRING_SCHEMA, options());
      assert.equal(encoder.extension, extension);
      assert.equal(encoder.contentType, contentType);
    }
  });

  it('takes a parsed sink config as its options', () => {
    const sink = sinkSchema.parse({ bucket: 'my-bucket', fieldDelimiter: '|', nullFormat: '', header: true });
    const encoder = createEncoder(sink.fileFormat, STRING_SCHEMA, sink);
    assert.equal(Buffer.from(encoder.write([[1n, null]])).toString(), 'i|s\n1|\n');
  });

  it('rejects delimiters that cannot work, naming the field', () => {
    const bad = [
      ['csv', '"', /csv quotes with "/],
      ['csv', '\n', /line break/],
      ['text', '\r', /line break/],
      ['csv', ',,', /exactly one character/],
      ['text', '\ud800', /surrogate/],
    ] as const;
    for (const [format, fieldDelimiter, why] of bad) {
      assert.throws(
        () => createEncoder(format, STRING_SCHEMA, options({ fieldDelimiter })),
        (e: unknown) => e instanceof ConfigError && e.message.includes('sink.fieldDelimiter') && why.test(e.message),
        `${format} ${JSON.stringify(fieldDelimiter)}`,
      );
    }
    // jsonl and parquet have no delimiter to check.
    createEncoder('jsonl', STRING_SCHEMA, options({ fieldDelimiter: '"' }));
  });

  it('rejects a bad dateFormat and an unknown format up front', () => {
    for (const format of ['csv', 'text', 'jsonl', 'parquet'] as const) {
      assert.throws(() => createEncoder(format, STRING_SCHEMA, options({ dateFormat: 'yyyy-MM-ddTHH' })), /sink\.dateFormat/);
    }
    assert.throws(() => createEncoder('xml' as 'csv', STRING_SCHEMA, options()), /sink\.fileFormat/);
  });

  it('encodes a range of a batch exactly as the same rows on their own, in every format', () => {
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => [
      BigInt(i), `name ${i}, "q"`, i / 4, i % 2 === 0, new Uint8Array([i, 0xff]), 1_767_268_800_000 + i, i % 3 === 0 ? null : `v${i}`,
    ]);
    for (const compress of ['none', 'gzip'] as const) {
      for (const format of ['csv', 'text', 'jsonl', 'parquet'] as const) {
        const ranged = createEncoder(format, MIXED_SCHEMA, options({ compress }));
        const sliced = createEncoder(format, MIXED_SCHEMA, options({ compress }));
        const a = concat([ranged.write(rows, 0, 7), ranged.write(rows, 7, 7), ranged.write(rows, 7, 40), ranged.finish()]);
        const b = concat([sliced.write(rows.slice(0, 7)), sliced.write(rows.slice(7)), sliced.finish()]);
        assert.ok(a.equals(b), `${format} ${compress}`);
        assert.equal(ranged.rowsWritten, 40, `${format} ${compress}`);
      }
    }
  });

  it('checks only the rows in the range, and names a bad row by its index in the batch', () => {
    const rows: Row[] = [[1n], [1n, 'a'], [2n, 'b'], [3n]];
    for (const format of ['csv', 'text', 'jsonl', 'parquet'] as const) {
      const encoder = createEncoder(format, STRING_SCHEMA, options());
      encoder.write(rows, 1, 3);
      assert.equal(encoder.rowsWritten, 2, format);
      assert.throws(() => encoder.write(rows, 2, 4), (e: unknown) => e instanceof FormatError && /row 3 of the batch/.test(e.message), format);
    }
  });
});
