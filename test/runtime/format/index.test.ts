import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEncoder } from '../../../runtime/format/index.ts';
import { ConfigError } from '../../../runtime/config/validation.ts';
import { sinkSchema } from '../../../runtime/config/job.ts';
import { STRING_SCHEMA, options } from './fixtures.ts';

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
});
