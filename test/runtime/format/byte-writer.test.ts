import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter, LONG_STRING, putBase64, RecentFields } from '../../../runtime/format/byte-writer.ts';
import { putIsoMillis } from '../../../runtime/format/date-format.ts';
import { createEncoder } from '../../../runtime/format/index.ts';
import { jsonString, putJsonString } from '../../../runtime/format/jsonl.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { options } from './fixtures.ts';
import { seededRandom } from '../../../runtime/util/random.ts';
import { ChunkPool, outputChunks } from '../../../runtime/util/chunk-pool.ts';
import type { DelimitedEncoder } from '../../../runtime/format/delimited.ts';
import type { JsonLinesEncoder } from '../../../runtime/format/jsonl.ts';

// The byte-level writers against what Node and JSON.stringify produce for the same input, over
// random strings built from the characters each format treats specially, on both sides of the
// lengths where they switch to the native path.

const PIECES = ['a', 'Z', '0', ' ', ',', ';', '\t', '|', '"', '\\', '#', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0080', 'é', 'ß',
  '\u07ff', '\u0800', '中', '\uffff', '\u2028', '\u2029', '😀', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00'];

function randomStrings(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    // Short strings, then both sides of where csv and text fields (32) and other strings (LONG_STRING) go native.
    const roll = random();
    const length = roll < 0.1 ? LONG_STRING + Math.floor(random() * 40) - 20 : roll < 0.3 ? 20 + Math.floor(random() * 30) : Math.floor(random() * 24);
    let s = '';
    while (s.length < length) s += PIECES[Math.floor(random() * PIECES.length)]!;
    out.push(random() < 0.2 ? '#' + s : s);
  }
  return out;
}

const written = (write: (out: ByteWriter) => void): Buffer => {
  const out = new ByteWriter(64);
  write(out);
  return Buffer.from(out.take());
};

/** csv's quoting rule, as the encoder documents it, on strings. */
function csvField(s: string, delimiter: string, first: boolean): string {
  const special = s.includes('"') || s.includes('\r') || s.includes('\n') || s.includes(delimiter);
  return special || (first && (s.length === 0 || s.startsWith('#'))) ? `"${s.replace(/"/g, '""')}"` : s;
}

describe('byte writer', () => {
  it('writes UTF-8 as Buffer.from does, lone surrogates as U+FFFD', () => {
    for (const s of randomStrings(2000, 1)) assert.deepEqual(written((o) => o.utf8(s)), Buffer.from(s, 'utf8'), JSON.stringify(s));
  });

  it('writes JSON strings as JSON.stringify does, with U+2028/9 escaped and lone surrogates replaced', () => {
    for (const s of randomStrings(2000, 2)) {
      const bytes = written((o) => putJsonString(o, s));
      assert.deepEqual(bytes, Buffer.from(jsonString(s), 'utf8'), JSON.stringify(s));
      const parsed = JSON.parse(bytes.toString('utf8')) as string;
      assert.equal(parsed, Buffer.from(s, 'utf8').toString('utf8'));
    }
  });

  it('writes base64 as Buffer#toString does, padded, for every length up to the native path and past it', () => {
    const random = seededRandom(3);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 100, 3071, 3072, 3073, 5000]) {
      const src = Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
      const view = new Uint8Array(src.buffer.slice(0), 0, n);
      assert.equal(written((o) => putBase64(o, view)).toString('latin1'), Buffer.from(src).toString('base64'), `length ${n}`);
    }
  });

  it('writes ISO instants as Date#toISOString does for years 0-9999, and refuses others', () => {
    const random = seededRandom(4);
    const instants = [0, -1, 1, 86_399_999, 86_400_000, Date.UTC(0, 0, 1) - 1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), -62_167_219_200_000, 253_402_300_799_999];
    for (let i = 0; i < 5000; i++) instants.push(Math.floor((random() - 0.5) * 2 * 8.64e15));
    for (const ms of instants) {
      const b = Buffer.alloc(32);
      const end = putIsoMillis(b, 0, ms);
      const iso = new Date(ms).toISOString();
      if (/^\d{4}-/.test(iso)) assert.equal(b.subarray(0, end).toString('latin1'), iso, String(ms));
      else assert.equal(end, -1, `${ms} is ${iso}`);
    }
  });

  it('keeps taken views intact while later writes grow into new chunks', () => {
    const out = new ByteWriter(16);
    const views: Array<[Uint8Array, string]> = [];
    for (let i = 0; i < 200; i++) {
      const s = `${i}:${'é'.repeat(i % 13)};`;
      out.utf8(s);
      views.push([out.take(), s]);
    }
    for (const [view, s] of views) assert.equal(Buffer.from(view).toString('utf8'), s);
  });

  it('repeats a remembered field only while its bytes are in the current chunk', () => {
    const out = new ByteWriter(16);
    const recent = new RecentFields(out, 1);
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      const value = `v${Math.floor(i / 3)}`;
      if (!recent.repeat(0, value)) {
        const at = recent.mark();
        out.ascii(value);
        recent.remember(0, value, at);
      }
      out.byte(10);
      lines.push(value);
    }
    assert.equal(Buffer.from(out.take()).toString('latin1'), lines.map((l) => l + '\n').join(''));
  });

  it('never repeats a field from a chunk that went back to its pool and came back written over', () => {
    const pool = new ChunkPool(32, 4);
    const out = new ByteWriter(pool);
    const recent = new RecentFields(out, 1);
    const read: Buffer[] = [];
    /** Takes what is written, copies it and gives it back at once, as the quickest upload would. */
    const drain = () => {
      const view = out.take();
      read.push(Buffer.from(view));
      pool.release([view]);
    };
    const first = out.bytes;
    out.ascii('ab');
    const at = recent.mark();
    out.ascii('KEY');
    recent.remember(0, 'KEY', at);
    drain();
    // Over the chunk's end: the next one is fresh and the first goes back spare; then back to the first.
    for (const c of 'xxyy') {
      out.ascii(c.repeat(16));
      drain();
    }
    assert.equal(out.bytes, first, 'the pool lent the first chunk again');
    out.ascii('zz');
    if (!recent.repeat(0, 'KEY')) out.ascii('KEY');
    drain();
    assert.equal(Buffer.concat(read).toString('latin1'), 'abKEY' + 'x'.repeat(32) + 'y'.repeat(32) + 'zzKEY');
  });
});

describe('text encoders and the chunk pool', () => {
  it('give their last chunk back at finish, once the views taken from it are released', () => {
    const schema = [{ name: 'k', type: 'string' }, { name: 'n', type: 'int64' }] as const;
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => [`key-${i}-${'v'.repeat(100)}`, BigInt(i)]);
    for (const format of ['csv', 'text', 'jsonl'] as const) {
      const encoder = createEncoder(format, schema, options()) as DelimitedEncoder | JsonLinesEncoder;
      const views: Uint8Array[] = [];
      for (let i = 0; i < rows.length; i += 256) views.push(encoder.write(rows, i, Math.min(i + 256, rows.length))); // as the sink slices
      const last = encoder.out.bytes;
      views.push(encoder.finish());
      outputChunks.release(views);
      const next = outputChunks.lend(); // the chunk given back last
      assert.equal(next, last, format);
      outputChunks.retire(next);
    }
  });
});

describe('text encoders with remembered fields', () => {
  it('never lets 0 stand for -0, nor a null evict a repeated value', () => {
    const schema = [{ name: 'k', type: 'string' }, { name: 'd', type: 'double' }, { name: 't', type: 'timestamp' }] as const;
    const rows: Row[] = [['a', 0, 5], ['a', -0, null], ['a', 0, 5], [null, -0, 5]];
    const csv = createEncoder('csv', schema, options());
    assert.equal(Buffer.from(csv.write(rows)).toString('utf8'), 'a,0.0,5\na,-0.0,null\na,0.0,5\nnull,-0.0,5\n');
    const jsonl = createEncoder('jsonl', schema, options());
    assert.equal(Buffer.from(jsonl.write(rows)).toString('utf8').split('\n')[1], '{"k":"a","d":-0.0,"t":null}');
  });
});

describe('text encoders on random strings', () => {
  for (const delimiter of [',', '\t', '|', '§', '中']) {
    it(`csv quotes and encodes as its rule says, delimiter ${JSON.stringify(delimiter)}`, () => {
      const strings = randomStrings(1500, 5 + delimiter.charCodeAt(0));
      const schema = [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }] as const;
      const encoder = createEncoder('csv', schema, options({ fieldDelimiter: delimiter }));
      const rows: Row[] = strings.map((s, i) => [s, strings[(i * 7) % strings.length]!]);
      // Rows repeat to exercise the remembered fields.
      const all = [...rows, ...rows.slice(0, 50), ...rows.slice(0, 50)];
      const bytes = Buffer.concat([encoder.write(all), encoder.finish()]);
      const expected = all.map(([a, b]) => `${csvField(a as string, delimiter, true)}${delimiter}${csvField(b as string, delimiter, false)}\n`).join('');
      assert.deepEqual(bytes, Buffer.from(expected, 'utf8'));
    });
  }

  it('jsonl lines parse back to the values, lone surrogates as U+FFFD', () => {
    const strings = randomStrings(1500, 9);
    const schema = [{ name: 'k', type: 'string' }, { name: 'v', type: 'any' }] as const;
    const encoder = createEncoder('jsonl', schema, options());
    const rows: Row[] = strings.map((s, i) => [s, i % 3 === 0 ? s : i % 3 === 1 ? BigInt(i) : null]);
    const lines = Buffer.concat([encoder.write(rows), encoder.finish()]).toString('utf8').split('\n');
    assert.equal(lines.pop(), '');
    lines.forEach((line, i) => {
      const [s, v] = rows[i]!;
      const fixed = Buffer.from(s as string, 'utf8').toString('utf8');
      assert.deepEqual(JSON.parse(line), { k: fixed, v: typeof v === 'string' ? fixed : typeof v === 'bigint' ? Number(v) : null }, `row ${i}`);
    });
  });
});
