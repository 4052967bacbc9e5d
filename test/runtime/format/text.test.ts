import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEncoder } from '../../../runtime/format/index.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { INVALID_UTF8, MIXED_SCHEMA, STRING_SCHEMA, concat, options } from './fixtures.ts';

function text(rows: Row[], schema = STRING_SCHEMA, overrides = {}): string {
  const encoder = createEncoder('text', schema, options(overrides));
  return concat([encoder.write(rows), encoder.finish()]).toString('utf8');
}

describe('text', () => {
  it('joins fields with the delimiter and ends lines with LF', () => {
    assert.equal(text([[1n, 'a'], [2n, 'b c']]), '1,a\n2,b c\n');
    assert.equal(text([[1n, 'a']], STRING_SCHEMA, { fieldDelimiter: '\t', header: true }), 'i\ts\n1\ta\n');
    assert.equal(text([[null, null]], STRING_SCHEMA, { nullFormat: '\\N' }), '\\N,\\N\n');
  });

  it('escapes nothing, as DataWorks: a delimiter or line break in a value changes the columns or lines', () => {
    // The documented hazard of text: the reader sees three fields, and then a second line.
    const out = text([[1n, 'a,"b"\nc']]);
    assert.equal(out, '1,a,"b"\nc\n');
    assert.equal(out.split('\n')[0]!.split(',').length, 3);
  });

  it('renders values like csv, without quotes', () => {
    const rows: Row[] = [[7n, 'x', 1e7, false, new Uint8Array([1, 2]), 86_400_000, 0.1]];
    assert.equal(text(rows, MIXED_SCHEMA), '7,x,10000000,false,AQI=,86400000,0.1\n');
    assert.equal(text([[1n, 'x', 2.5, true, null, 0, null]], MIXED_SCHEMA, { dateFormat: "dd/MM/yy'T'HH" }), '1,x,2.5,true,null,01/01/70T00,null\n');
  });

  it('replaces invalid UTF-8 and lone surrogates, so the file is always valid UTF-8', () => {
    const schema = [
      { name: 'b', type: 'binary' },
      { name: 's', type: 'string' },
    ] as const;
    const encoder = createEncoder('text', schema, options({ binaryEncoding: 'utf8' }));
    const bytes = concat([encoder.write([[INVALID_UTF8, 'x\ud800y']]), encoder.finish()]);
    assert.ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes).includes('x\ufffdy'));
    assert.equal(encoder.extension, 'txt');
    assert.equal(encoder.bytesWritten, bytes.length);
    assert.equal(encoder.rowsWritten, 1);
  });
});
