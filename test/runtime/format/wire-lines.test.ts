import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { ActionType } from '../../../runtime/core/change.ts';
import { MultiVersionMapper } from '../../../runtime/core/record-multi-version.ts';
import type { ColumnDef, Row } from '../../../runtime/core/row.ts';
import { createEncoder, type FileFormat, type FormatOptions } from '../../../runtime/format/index.ts';
import { DelimitedEncoder } from '../../../runtime/format/delimited.ts';
import { JsonLinesEncoder } from '../../../runtime/format/jsonl.ts';
import { encodeRow, INF_MIN, type PlainBufferCell, type PlainBufferRow } from '../../../runtime/tablestore/plainbuffer/index.ts';
import { actionToWire, decodeStreamRecord } from '../../../runtime/tablestore/stream-records.ts';
import { outputChunks } from '../../../runtime/util/chunk-pool.ts';
import { forSeeds, type Random } from '../core/random.ts';

// Lines written straight from wire cells must be the bytes the row path writes (MultiVersionMapper, then
// the encoder), for any record and any options, and reading cells that way must refuse exactly the
// records the decoding read refuses.

const STRINGS = ['', 'plain', '#hash', 'a,b', 'a|b', 'tab\there', 'semi;colon', 'quote " inside', 'line\nbreak', 'cr\ronly', 'back\\slash',
  'ctl\u0001\u001f', '中文 ünïcödé', '🚀 astral', 'sep\u2028\u2029', 'x'.repeat(40) + ',' + '"'.repeat(3), 'é'.repeat(300), 'aa', 'null', 'ａ｜ｂ'];
const INTS = [0n, 1n, -1n, 42n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n) + 1n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n), 1234567890123n];
const DOUBLES = [0, -0, 1.5, -2.25, 100, 1e21, 1e-7, 5e-324, Number.NaN, Infinity, -Infinity, 0.1 + 0.2, 123456.789, 1e7];
const BINARIES = [Buffer.alloc(0), Buffer.from([0xff, 0x00, 0xc3, 0x28]), Buffer.from('text, "quoted"\n'), Buffer.from([0xe2, 0x80, 0xa8]), Buffer.alloc(5000, 0xab)];

function cellValue(r: Random): PlainBufferCell['value'] {
  switch (r.int(0, 4)) {
    case 0: return r.pick(STRINGS);
    case 1: return r.pick(INTS);
    case 2: return r.pick(DOUBLES);
    case 3: return r.bool();
    default: return r.pick(BINARIES);
  }
}

function randomRecord(r: Random, n: number): { actionType: number; bytes: Buffer } {
  const action: ActionType = r.pick(['PUT', 'UPDATE', 'DELETE']);
  const ts = 1_767_268_800_000 + r.int(0, 3) * 1000;
  const cells: PlainBufferCell[] = [];
  if (action !== 'DELETE') {
    for (let i = r.int(action === 'UPDATE' ? 1 : 0, 6); i > 0; i--) {
      const name = r.pick(['status', 'amount', 'note,x', '"q"', '#c', 'ünï', 'c' + r.int(0, 30)]);
      const op = action === 'PUT' ? 'PUT' : r.pick(['PUT', 'PUT', 'DELETE_ONE_VERSION', 'DELETE_ALL_VERSIONS'] as const);
      const stamp = r.bool(0.8) ? ts : ts + r.int(1, 5);
      if (op === 'PUT') cells.push(r.bool(0.95) ? { name, op, value: cellValue(r), timestamp: stamp } : { name, op, value: cellValue(r) });
      else if (op === 'DELETE_ONE_VERSION') cells.push({ name, op, timestamp: stamp });
      else cells.push({ name, op });
    }
  }
  const row: PlainBufferRow = {
    primaryKey: [
      { name: 'k', value: r.pick(STRINGS) },
      { name: 'n', value: r.pick(INTS) },
    ],
    cells, deleteMarker: action === 'DELETE',
    sequence: { epoch: 1, timestampMicros: ts * 1000 + n, rowIndex: 0 },
  };
  return { actionType: actionToWire(action), bytes: encodeRow(row) };
}

const KEY: ColumnDef[] = [{ name: 'k', type: 'string' }, { name: 'n', type: 'int64' }];
const BASE: FormatOptions = { fieldDelimiter: ',', nullFormat: 'null', header: true, timeZone: 'UTC', binaryEncoding: 'base64', encoding: 'UTF-8' };
const CASES: Array<[FileFormat, Partial<FormatOptions>]> = [
  ['csv', {}], ['csv', { fieldDelimiter: '|', nullFormat: '', header: false }], ['csv', { fieldDelimiter: '\t', binaryEncoding: 'utf8' }],
  ['csv', { fieldDelimiter: '0' }], ['csv', { fieldDelimiter: '｜' }], ['csv', { dateFormat: 'yyyy-MM-dd HH:mm:ss.SSS', timeZone: '+08:00' }],
  ['text', {}], ['text', { fieldDelimiter: '||', nullFormat: '\\N' }], ['text', { binaryEncoding: 'utf8' }],
  ['jsonl', {}], ['jsonl', { binaryEncoding: 'utf8', dateFormat: 'yyyyMMdd' }], ['csv', { compress: 'gzip' }], ['jsonl', { compress: 'gzip' }],
];

/**
 * The records' lines both ways, in slices as the sink takes them; the two outputs and row counts. `release`:
 * each slice's view goes back to the encoders' chunk pool once copied, as an upload gives its part back.
 */
function bothWays(format: FileFormat, options: FormatOptions, wire: Array<{ actionType: number; bytes: Buffer }>, recordsPerCall = 3, release = false) {
  const mapper = new MultiVersionMapper(KEY, false);
  const rowsEncoder = createEncoder(format, mapper.schema, options);
  const wireEncoder = createEncoder(format, mapper.schema, options);
  const decoded = wire.map((w, i) => decodeStreamRecord(w.actionType, w.bytes, `shard-${i % 2}`));
  const undecoded = wire.map((w, i) => decodeStreamRecord(w.actionType, w.bytes, `shard-${i % 2}`, 'wire'));
  const rows: Row[] = [];
  for (const record of decoded) mapper.map(record, rows);
  const a: Uint8Array[] = [];
  const b: Uint8Array[] = [];
  const read = (view: Uint8Array) => {
    const copy = Buffer.from(view);
    if (release) outputChunks.release([view]);
    return copy;
  };
  for (let i = 0; i < rows.length; i += 7) a.push(read(rowsEncoder.write(rows, i, Math.min(i + 7, rows.length))));
  for (let i = 0; i < undecoded.length; i += recordsPerCall) b.push(read(wireEncoder.writeWire!(undecoded, i, Math.min(i + recordsPerCall, undecoded.length), mapper)));
  a.push(read(rowsEncoder.finish()));
  b.push(read(wireEncoder.finish()));
  return { rows: Buffer.concat(a), wire: Buffer.concat(b), rowCount: rowsEncoder.rowsWritten, wireCount: wireEncoder.rowsWritten, decoded, undecoded };
}

describe('multi-version lines from wire cells', () => {
  it('are the bytes the row path writes, for random records in every line format and options', () => {
    forSeeds(60, (r) => {
      const wire = Array.from({ length: r.int(1, 40) }, (_, n) => randomRecord(r, n));
      for (const [format, over] of CASES) {
        const out = bothWays(format, { ...BASE, ...over }, wire);
        assert.equal(out.wire.toString('latin1'), out.rows.toString('latin1'), `${format} ${JSON.stringify(over)}`);
        assert.equal(out.wireCount, out.rowCount);
      }
    });
  });

  it('keeps lines whole when an encoder chunk fills in the middle of a record (keys and timestamps copied across chunks)', () => {
    forSeeds(3, (r) => {
      const wire = Array.from({ length: 3000 }, (_, n) => randomRecord(r, n));
      for (const format of ['csv', 'jsonl'] as const) {
        const out = bothWays(format, BASE, wire);
        assert.ok(out.rows.length > 600 * 1024, 'spans several 256 KiB chunks');
        assert.ok(out.wire.equals(out.rows), format);
      }
    });
  });

  it('keep lines whole when each slice\'s chunk goes back to the pool as soon as it is read, and chunks come back written over', () => {
    forSeeds(2, (r) => {
      const wire = Array.from({ length: 3000 }, (_, n) => randomRecord(r, n));
      for (const [format, over] of [['csv', {}], ['jsonl', {}], ['text', { fieldDelimiter: '|'.repeat(450) }], ['csv', { compress: 'gzip' }]] as Array<[FileFormat, Partial<FormatOptions>]>) {
        const options = { ...BASE, ...over };
        const kept = bothWays(format, options, wire, 3, false);
        const released = bothWays(format, options, wire, 3, true);
        assert.ok(outputChunks.spareCount > 0, 'chunks came back to the pool');
        assert.ok(released.rows.equals(kept.rows), `rows ${format}`);
        assert.ok(released.wire.equals(kept.wire), `wire ${format}`);
        // Gzip members end where each path's slices do: the text inside is what must agree.
        const text = (b: Buffer) => (options.compress === 'gzip' ? gunzipSync(b) : b);
        assert.ok(text(released.wire).equals(text(released.rows)), `wire and rows ${format}`);
      }
    });
  });

  it('never copy a timestamp from a chunk that went back to the pool and came back written over', () => {
    // A PUT at T, deletes (key lines only, no timestamp), then a PUT at T again: the timestamp is remembered
    // across chunks lent, given back and lent again; where the last record lands moves with the deletes.
    const T = 1_767_268_800_000;
    const record = (n: number, put: boolean) => ({
      actionType: actionToWire(put ? 'PUT' : 'DELETE'),
      bytes: encodeRow({
        primaryKey: [{ name: 'k', value: 'key-' + 'z'.repeat(40) }, { name: 'n', value: BigInt(n) }],
        cells: put ? [{ name: 'v', op: 'PUT', value: 'x', timestamp: T }] : [], deleteMarker: !put,
        sequence: { epoch: 1, timestampMicros: T * 1000 + n, rowIndex: 0 },
      }),
    });
    for (let deletes = 7000; deletes <= 12_000; deletes += 500) {
      const wire = [record(0, true), ...Array.from({ length: deletes }, (_, i) => record(i + 1, false)), record(deletes + 1, true)];
      const released = bothWays('csv', { ...BASE, header: false }, wire, 64, true);
      assert.ok(released.wire.equals(released.rows), `${deletes} deletes`);
    }
  });

  it('render line ends of any length across encoder chunks (a long nullFormat or delimiter), one record a call', () => {
    forSeeds(2, (r) => {
      const wire = Array.from({ length: 500 }, (_, n) => randomRecord(r, n));
      for (const [format, over] of [['csv', { nullFormat: 'N'.repeat(1000) }], ['csv', { nullFormat: 'n'.repeat(300) }], ['text', { fieldDelimiter: '|'.repeat(450) }], ['jsonl', {}]] as Array<[FileFormat, Partial<FormatOptions>]>) {
        const out = bothWays(format, { ...BASE, ...over }, wire, 1);
        assert.ok(out.rows.length > 2 * 256 * 1024 || format === 'jsonl', 'crosses chunks');
        assert.ok(out.wire.equals(out.rows), `${format} ${JSON.stringify(over).slice(0, 40)}`);
      }
    });
  });

  it('name the same row as the row path when a value cannot be written, and forget a timestamp whose render failed', () => {
    const mapper = new MultiVersionMapper(KEY, false);
    const at = (ms: number, action: ActionType = 'PUT') => {
      const row: PlainBufferRow = {
        primaryKey: [{ name: 'k', value: 'a' }, { name: 'n', value: 1n }], deleteMarker: action === 'DELETE',
        cells: [{ name: 'v', op: 'PUT', value: 'x', timestamp: ms }, { name: 'w', op: 'PUT', value: 2n, timestamp: ms }],
        sequence: { epoch: 1, timestampMicros: 1, rowIndex: 0 },
      };
      return { actionType: actionToWire(action), bytes: encodeRow(row) };
    };
    const good = 1_767_268_800_000;
    const slices = [[at(good), at(good)], [at(good, 'UPDATE'), at(9e15)], [at(good)]];
    for (const format of ['csv', 'jsonl'] as const) {
      const rowsEncoder = createEncoder(format, mapper.schema, BASE);
      const wireEncoder = createEncoder(format, mapper.schema, BASE);
      const written: Array<[string, string]> = [];
      for (const slice of slices) {
        const rows: Row[] = [];
        for (const w of slice) mapper.map(decodeStreamRecord(w.actionType, w.bytes, 's'), rows);
        const records = slice.map((w) => decodeStreamRecord(w.actionType, w.bytes, 's', 'wire'));
        const outcome = (f: () => Uint8Array) => {
          try {
            return Buffer.from(f()).toString();
          } catch (error) {
            return `${(error as Error).name}: ${(error as Error).message}`;
          }
        };
        written.push([outcome(() => rowsEncoder.write(rows)), outcome(() => wireEncoder.writeWire!(records, 0, records.length, mapper))]);
      }
      assert.match(written[1]![0], /^FormatError: column timestamp \(row 3 of the batch\)/);
      for (const [rows, wire] of written) assert.equal(wire, rows, format);
      assert.equal(wireEncoder.rowsWritten, rowsEncoder.rowsWritten);
    }
  });

  it('leave nothing of a batch that fails part way: the next batch comes out as from a fresh encoder', () => {
    forSeeds(5, (r) => {
      const wire = Array.from({ length: 6 }, (_, n) => randomRecord(r, n));
      const mapper = new MultiVersionMapper(KEY, false);
      const records = wire.map((w) => decodeStreamRecord(w.actionType, w.bytes, 's', 'wire'));
      const broken = [...records.slice(0, 3), decodeStreamRecord(wire[3]!.actionType, wire[3]!.bytes, 's')]; // the last without wire cells
      for (const format of ['csv', 'jsonl'] as const) {
        const failed = createEncoder(format, mapper.schema, BASE);
        assert.throws(() => failed.writeWire!(broken, 0, broken.length, mapper), TypeError);
        const fresh = createEncoder(format, mapper.schema, BASE);
        assert.deepEqual(Buffer.from(failed.writeWire!(records, 0, records.length, mapper)), Buffer.from(fresh.writeWire!(records, 0, records.length, mapper)), format);
        assert.equal(failed.rowsWritten, fresh.rowsWritten);
      }
    });
  });

  it('decode a record\'s cells on demand to what the decoding read gives', () => {
    forSeeds(30, (r) => {
      const wire = Array.from({ length: 20 }, (_, n) => randomRecord(r, n));
      const { decoded, undecoded } = bothWays('csv', BASE, wire);
      undecoded.forEach((record, i) => {
        const { action, primaryKey, cells, sequence, shardId } = record;
        assert.deepEqual({ action, primaryKey, cells, sequence, shardId }, decoded[i]);
        assert.equal(typeof record.wireCells, 'function');
        assert.equal(decoded[i]!.wireCells, undefined);
      });
    });
  });

  it('write UTF-8 bytes as the row path writes their string; invalid UTF-8 as the string it decodes to, U+FFFD for each bad sequence', () => {
    const schema: ColumnDef[] = [{ name: 'v', type: 'any' }, { name: 'w', type: 'any' }];
    const invalid = [Buffer.from([0x61, 0xff, 0x2c]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80, 0x22]), Buffer.from([0x23, 0xe2, 0x80]),
      ...STRINGS.map((text) => Buffer.from(text))];
    for (const encoder of [() => new DelimitedEncoder(true, schema, BASE), () => new DelimitedEncoder(false, schema, BASE), () => new JsonLinesEncoder(schema, BASE)]) {
      for (const bytes of invalid) {
        for (const c of [0, 1]) {
          const viaBytes = encoder();
          viaBytes.utf8(bytes, 0, bytes.length, c);
          const viaString = encoder();
          viaString.value(bytes.toString('utf8'), c);
          assert.deepEqual(Buffer.from(viaBytes.out.take()), Buffer.from(viaString.out.take()), `${bytes.toString('hex')} in column ${c}`);
        }
      }
    }
  });
});

describe('reading a stream record with wire cells', () => {
  it('refuses exactly the damaged records the decoding read refuses, with the same reason', () => {
    let refused = 0;
    forSeeds(400, (r) => {
      const { actionType, bytes } = randomRecord(r, r.int(0, 100));
      const damaged = Buffer.from(bytes);
      for (let k = r.int(1, 2); k > 0; k--) damaged[r.int(4, damaged.length - 1)] = r.int(0, 255);
      const outcome = (cells: 'decoded' | 'wire') => {
        try {
          const record = decodeStreamRecord(actionType, damaged, 's', cells);
          return { ok: JSON.stringify(record.cells, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) };
        } catch (error) {
          return { error: (error as Error).message };
        }
      };
      const decoded = outcome('decoded');
      assert.deepEqual(outcome('wire'), decoded);
      if (decoded.error) refused++;
    });
    assert.ok(refused > 200, `most damage is caught (${refused} of 400)`);
  });

  it('gives the decoding read\'s reason when a record is wrong in more than one way', () => {
    const build = (over: Partial<PlainBufferRow>, cells: PlainBufferCell[] = [{ name: 'c', op: 'INCREMENT', value: 1n }]): Buffer =>
      encodeRow({ primaryKey: [{ name: 'k', value: 'a' }], cells, deleteMarker: false, sequence: { epoch: 1, timestampMicros: 1, rowIndex: 0 }, ...over });
    const badChecksum = build({});
    badChecksum[badChecksum.length - 1] ^= 0xff;
    const cases: Array<[string, Buffer, RegExp]> = [
      ['INCREMENT and a bad row checksum', badChecksum, /row checksum mismatch/],
      ['INCREMENT and no sequence info', build({ sequence: undefined }), /no sequence info/],
      ['INCREMENT and an INF_MIN key', build({ primaryKey: [{ name: 'k', value: INF_MIN }] }), /holds INF_MIN/],
      ['a NULL value and no sequence info', build({ sequence: undefined }, [{ name: 'c', op: 'PUT', value: null, timestamp: 1 }]), /no sequence info/],
      ['two rows', Buffer.concat([build({}, []), build({}, []).subarray(4)]), /holds one row, this one holds 2/],
      ['a trailing zero', Buffer.concat([build({}, []), Buffer.from([0])]), /expected a row/],
    ];
    for (const [what, bytes, reason] of cases) {
      const decoded = () => decodeStreamRecord(actionToWire('PUT'), bytes, 's');
      assert.throws(decoded, reason, what);
      assert.throws(() => decodeStreamRecord(actionToWire('PUT'), bytes, 's', 'wire'), (error: Error) => {
        assert.throws(decoded, { message: error.message }, what);
        return true;
      }, what);
    }
  });

  it('names the stream rule a cell breaks, as the decoding read does', () => {
    const row = (cells: PlainBufferCell[]): Buffer => encodeRow({ primaryKey: [{ name: 'k', value: 'a' }], cells, deleteMarker: false, sequence: { epoch: 1, timestampMicros: 1, rowIndex: 0 } });
    for (const [cells, reason] of [
      [[{ name: 'c', op: 'INCREMENT', value: 1n }], 'cell "c" has the INCREMENT op, which streams never carry'],
      [[{ name: 'c', op: 'INCREMENT' }], 'cell "c" has the INCREMENT op, which streams never carry'],
      [[{ name: 'c', op: 'PUT', value: null, timestamp: 5 }], 'cell "c" (PUT) has an unexpected value'],
      [[{ name: 'c', op: 'DELETE_ONE_VERSION', value: 'x', timestamp: 5 }], 'cell "c" (DELETE_ONE_VERSION) has an unexpected value'],
    ] as Array<[PlainBufferCell[], string]>) {
      for (const reading of ['decoded', 'wire'] as const) {
        assert.throws(() => decodeStreamRecord(actionToWire('PUT'), row(cells), 's', reading), { message: reason }, reading);
      }
    }
  });
});
