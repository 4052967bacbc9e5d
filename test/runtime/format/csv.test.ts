import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEncoder, FormatError } from '../../../runtime/format/index.ts';
import { javaDouble } from '../../../runtime/format/values.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { parseCsv, values } from './rfc4180.ts';
import { INVALID_UTF8, MIXED_SCHEMA, STRING_SCHEMA, TRICKY_STRINGS, concat, options, wellFormed } from './fixtures.ts';

function csv(rows: Row[], schema = STRING_SCHEMA, overrides = {}): string {
  const encoder = createEncoder('csv', schema, options(overrides));
  return concat([encoder.write(rows), encoder.finish()]).toString('utf8');
}

describe('csv', () => {
  for (const delimiter of [',', '\t', ';', '|']) {
    it(`round-trips tricky strings in every position with delimiter ${JSON.stringify(delimiter)}`, () => {
      const rows: Row[] = TRICKY_STRINGS.map((s, i) => [s, BigInt(i), s]);
      const schema = [
        { name: 'first', type: 'string' },
        { name: 'i', type: 'int64' },
        { name: 'last', type: 'string' },
      ] as const;
      const parsed = values(parseCsv(csv(rows, schema, { fieldDelimiter: delimiter }), delimiter));
      assert.equal(parsed.length, TRICKY_STRINGS.length);
      parsed.forEach((record, i) => {
        const expected = wellFormed(TRICKY_STRINGS[i]!);
        assert.deepEqual(record, [expected, String(i), expected], `row ${i}`);
      });
    });
  }

  it('quotes only what needs quoting, doubles inner quotes, ends lines with LF', () => {
    const rows: Row[] = [
      ['plain', 'a,b'],
      ['', 'say "hi"'],
      ['#x', 'x#'],
      [' sp ', 'cr\ronly'],
      ['two\nlines', ''],
    ];
    const schema = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'string' },
    ] as const;
    assert.equal(
      csv(rows, schema),
      'plain,"a,b"\n' + '"","say ""hi"""\n' + '"#x",x#\n' + ' sp ,"cr\ronly"\n' + '"two\nlines",\n',
    );
  });

  it('writes nulls as nullFormat, unquoted unless it would break the line', () => {
    const rows: Row[] = [[null, null], [1n, 'x']];
    assert.equal(csv(rows), 'null,null\n1,x\n');
    assert.equal(csv(rows, STRING_SCHEMA, { nullFormat: '\\N' }), '\\N,\\N\n1,x\n');
    assert.equal(csv(rows, STRING_SCHEMA, { nullFormat: 'n,a' }), '"n,a","n,a"\n1,x\n');
    // An empty first field is quoted (as DataWorks does) so the line never reads as blank.
    assert.equal(csv(rows, STRING_SCHEMA, { nullFormat: '' }), '"",\n1,x\n');
  });

  it('writes the header once per object, quoted like any field, also when no row follows', () => {
    const schema = [
      { name: 'id', type: 'int64' },
      { name: 'a,b', type: 'string' },
    ] as const;
    const encoder = createEncoder('csv', schema, options({ header: true }));
    const first = Buffer.from(encoder.write([[1n, 'x']])).toString();
    const second = Buffer.from(encoder.write([[2n, 'y']])).toString();
    assert.equal(first, 'id,"a,b"\n1,x\n');
    assert.equal(second, '2,y\n');
    assert.equal(Buffer.from(encoder.finish()).length, 0);

    const empty = createEncoder('csv', schema, options({ header: true }));
    assert.equal(Buffer.from(empty.finish()).toString(), 'id,"a,b"\n');
    const none = createEncoder('csv', schema, options({ header: false }));
    assert.equal(none.finish().length, 0);
  });

  it('renders every value type as DataWorks does', () => {
    const rows: Row[] = [
      [-(2n ** 63n), 'n', 1.5, true, new Uint8Array([0, 255, 34]), 0, 'any'],
      [2n ** 63n - 1n, 'm', -0, false, new Uint8Array(0), -1, 42n],
      [0n, 'o', NaN, null, null, 1_700_000_000_123, Infinity],
      [1n, 'p', 1e10, true, new Uint8Array([104, 105]), 1, -Infinity],
      [2n, 'q', 1e-5, true, new Uint8Array([1]), 2, new Uint8Array([0xff])],
    ];
    const parsed = values(parseCsv(csv(rows, MIXED_SCHEMA)));
    assert.deepEqual(parsed, [
      ['-9223372036854775808', 'n', '1.5', 'true', 'AP8i', '0', 'any'],
      ['9223372036854775807', 'm', '-0.0', 'false', '', '-1', '42'],
      ['0', 'o', 'NaN', 'null', 'null', '1700000000123', 'Infinity'],
      ['1', 'p', '10000000000', 'true', 'aGk=', '1', '-Infinity'],
      ['2', 'q', '0.000010', 'true', 'AQ==', '2', '/w=='],
    ]);
  });

  it('decodes binary as UTF-8 on request; invalid bytes become U+FFFD and never break the structure', () => {
    const rows: Row[] = [[INVALID_UTF8, 1n], [new Uint8Array([0x22, 0x0a]), 2n]];
    const schema = [
      { name: 'b', type: 'binary' },
      { name: 'i', type: 'int64' },
    ] as const;
    const text = csv(rows, schema, { binaryEncoding: 'utf8' });
    const parsed = values(parseCsv(text));
    assert.deepEqual(parsed, [
      [Buffer.from(INVALID_UTF8).toString('utf8'), '1'],
      ['"\n', '2'],
    ]);
    assert.ok(parsed[0]![0]!.includes('\ufffd'));
    assert.equal(Buffer.from(text, 'utf8').toString('utf8'), text, 'the file is valid UTF-8');
  });

  it('formats timestamps as epoch milliseconds, or with dateFormat', () => {
    const schema = [{ name: 'at', type: 'timestamp' }] as const;
    const at = Date.UTC(2024, 1, 29, 23, 5, 9, 7);
    assert.equal(csv([[at], [at + 1]], schema), `${at}\n${at + 1}\n`);
    assert.equal(csv([[at]], schema, { dateFormat: 'yyyy-MM-dd HH:mm:ss.SSS' }), '2024-02-29 23:05:09.007\n');
    // Formatted text that holds the delimiter is quoted.
    assert.equal(csv([[BigInt(at)]], schema, { dateFormat: "yyyy,MM" }), '"2024,02"\n');
    assert.equal(csv([[-5]], schema, { fieldDelimiter: '-' }), '"-5"\n');
    assert.throws(() => csv([['2024-01-01']], schema), FormatError);
    assert.throws(() => csv([[1.5]], schema), /integer epoch milliseconds/);
  });

  it('quotes numbers when the delimiter can occur in them', () => {
    const schema = [
      { name: 'd', type: 'double' },
      { name: 'i', type: 'int64' },
      { name: 'b', type: 'boolean' },
    ] as const;
    for (const delimiter of ['.', '-', '0', 'e', 'r']) {
      const rows: Row[] = [[-1.25e-7, -10n, true], [1e21, 0n, false]];
      const parsed = values(parseCsv(csv(rows, schema, { fieldDelimiter: delimiter }), delimiter));
      assert.deepEqual(parsed, [
        [javaDouble(-1.25e-7), '-10', 'true'],
        [javaDouble(1e21), '0', 'false'],
      ], `delimiter ${delimiter}`);
    }
  });

  it('keeps a 1 MB string whole and counts rows and bytes exactly', () => {
    const big = '€'.repeat(1 << 19) + '"\n';
    const encoder = createEncoder('csv', STRING_SCHEMA, options());
    const parts = [encoder.write([[1n, big]]), encoder.write([]), encoder.write([[2n, 'a'], [3n, null]]), encoder.finish()];
    const bytes = concat(parts);
    assert.equal(encoder.rowsWritten, 3);
    assert.equal(encoder.bytesWritten, bytes.length);
    assert.deepEqual(values(parseCsv(bytes.toString('utf8'))), [['1', big], ['2', 'a'], ['3', 'null']]);
  });

  it('rejects a row of the wrong width without writing anything, and any write after finish', () => {
    const encoder = createEncoder('csv', STRING_SCHEMA, options());
    assert.throws(() => encoder.write([[1n, 'a'], [2n]]), (e: unknown) => e instanceof FormatError && /1 values for 2 columns/.test(e.message));
    assert.equal(encoder.rowsWritten, 0);
    assert.equal(encoder.bytesWritten, 0);
    assert.equal(Buffer.from(encoder.write([[1n, 'a']])).toString(), '1,a\n');
    encoder.finish();
    assert.throws(() => encoder.write([[1n, 'a']]), /finished/);
    assert.throws(() => encoder.finish(), /finished/);
  });

  it('names the file csv with a text/csv content type', () => {
    const encoder = createEncoder('csv', STRING_SCHEMA, options());
    assert.equal(encoder.extension, 'csv');
    assert.match(encoder.contentType, /^text\/csv/);
  });
});
