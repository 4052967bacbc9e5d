import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEncoder, FormatError } from '../../../runtime/format/index.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { INVALID_UTF8, MIXED_SCHEMA, STRING_SCHEMA, TRICKY_STRINGS, concat, options, wellFormed } from './fixtures.ts';

function jsonl(rows: Row[], schema = STRING_SCHEMA, overrides = {}): string {
  const encoder = createEncoder('jsonl', schema, options(overrides));
  return concat([encoder.write(rows), encoder.finish()]).toString('utf8');
}

function lines(text: string): string[] {
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n');
}

describe('jsonl', () => {
  it('writes one JSON object per line keyed by column name; tricky strings parse back', () => {
    const out = jsonl(TRICKY_STRINGS.map((s, i) => [BigInt(i), s]));
    const parsed = lines(out).map((l) => JSON.parse(l) as { i: number; s: string });
    assert.equal(parsed.length, TRICKY_STRINGS.length);
    parsed.forEach((o, i) => {
      assert.deepEqual(Object.keys(o), ['i', 's']);
      assert.equal(o.i, i);
      assert.equal(o.s, wellFormed(TRICKY_STRINGS[i]!));
    });
  });

  it('escapes U+2028/U+2029 and never writes a lone surrogate, even escaped', () => {
    const out = jsonl([[1n, 'a\u2028b\u2029c'], [2n, 'x\ud800y\udc00'], [3n, 'ok 😀'], [4n, '\\ud800 is text']]);
    assert.ok(!/[\u2028\u2029]/.test(out));
    assert.ok(out.includes('\\u2028') && out.includes('\\u2029'));
    assert.ok(!/\\ud[89a-f]/i.test(out.replace(/\\\\/g, '')), 'no surrogate escapes');
    const parsed = lines(out).map((l) => JSON.parse(l) as { s: string });
    assert.deepEqual(parsed.map((o) => o.s), ['a\u2028b\u2029c', 'x\ufffdy\ufffd', 'ok 😀', '\\ud800 is text']);
  });

  it('keeps every digit of int64, writes doubles as doubles, NaN and infinities as strings', () => {
    const schema = [
      { name: 'i', type: 'int64' },
      { name: 'd', type: 'double' },
    ] as const;
    const out = jsonl([
      [-(2n ** 63n), 1],
      [2n ** 63n - 1n, -0],
      [0n, NaN],
      [1n, Infinity],
      [2n, -Infinity],
      [3n, 1e21],
      [4n, 5e-324],
      [5n, 0.1],
    ], schema);
    const rows = lines(out);
    assert.equal(rows[0], '{"i":-9223372036854775808,"d":1.0}');
    assert.equal(rows[1], '{"i":9223372036854775807,"d":-0.0}');
    const parsed = rows.map((l) => JSON.parse(l) as { d: unknown });
    assert.deepEqual(parsed.slice(2).map((o) => o.d), ['NaN', 'Infinity', '-Infinity', 1e21, 5e-324, 0.1]);
    assert.ok(Object.is(parsed[1]!.d, -0));
  });

  it('writes nulls as null, binary as base64 (or UTF-8), timestamps as ISO-8601 or dateFormat', () => {
    const at = Date.UTC(1999, 11, 31, 23, 59, 59, 999);
    const rows: Row[] = [
      [1n, 'a', 2.5, true, INVALID_UTF8, at, 3n],
      [null, null, null, null, null, null, null],
      [2n, 'b', 0, false, new Uint8Array(0), -1, new Uint8Array([0xfb, 0xff])],
    ];
    const parsed = lines(jsonl(rows, MIXED_SCHEMA)).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(parsed[0], { id: 1, name: 'a', score: 2.5, ok: true, blob: Buffer.from(INVALID_UTF8).toString('base64'), at: '1999-12-31T23:59:59.999Z', value: 3 });
    assert.deepEqual(parsed[1], { id: null, name: null, score: null, ok: null, blob: null, at: null, value: null });
    assert.deepEqual(parsed[2], { id: 2, name: 'b', score: 0, ok: false, blob: '', at: '1969-12-31T23:59:59.999Z', value: '+/8=' });

    const utf8 = lines(jsonl(rows.slice(0, 1), MIXED_SCHEMA, { binaryEncoding: 'utf8', dateFormat: "yyyyMMdd'\"'HH" }));
    const o = JSON.parse(utf8[0]!) as Record<string, unknown>;
    assert.equal(o.blob, Buffer.from(INVALID_UTF8).toString('utf8'));
    assert.equal(o.at, '19991231"23');
  });

  it('ignores nullFormat and header, counts rows and bytes, and checks the row width', () => {
    const encoder = createEncoder('jsonl', STRING_SCHEMA, options({ nullFormat: 'N', header: true }));
    const a = encoder.write([[1n, null]]);
    assert.equal(Buffer.from(a).toString(), '{"i":1,"s":null}\n');
    assert.throws(() => encoder.write([[1n, 'x', 'extra']]), FormatError);
    const b = encoder.finish();
    assert.equal(b.length, 0);
    assert.equal(encoder.rowsWritten, 1);
    assert.equal(encoder.bytesWritten, a.length);
    assert.equal(encoder.extension, 'jsonl');
  });
});
