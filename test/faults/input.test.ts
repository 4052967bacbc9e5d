import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parquetReadObjects } from 'hyparquet';
import { loadJob } from '../../runtime/cli/load-job.ts';
import { ConfigError } from '../../runtime/config/validation.ts';
import type { CellValue, ChangeRecord } from '../../runtime/core/change.ts';
import { columnSuffix, formatSequenceInfo } from '../../runtime/core/sequence.ts';
import { handler } from '../../runtime/handler.ts';
import { applyChange } from '../support/e2e.ts';
import { parseCsv } from '../support/csv.ts';
import { credentialsEnv, removeCliBundle, runCli } from './support/cli.ts';
import { count, LONG, reportCounts } from './support/tally.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { MINUTE, startWorld, type World } from './support/world.ts';

// Bad input at every boundary: job files the CLI is given, events the function is invoked with,
// and values in rows that break naive writers. Configuration and events are refused naming the
// field; no value in a row ever corrupts a file (every file is parsed back and compared).

after(async () => {
  await removeCliBundle();
  reportCounts('faults/input');
});

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);

const valid = {
  name: 'orders',
  source: { endpoint: 'http://127.0.0.1:1', instance: 'shop', table: 'orders' },
  sink: { endpoint: 'http://127.0.0.1:1', bucket: 'exports' },
};

/** Malformed job files and the field their error must name. */
const CONFIGS: Array<{ what: string; text: string; says: RegExp }> = [
  { what: 'not JSON', text: '{ "name": ', says: /not valid JSON/ },
  { what: 'empty', text: '', says: /not valid JSON/ },
  { what: 'an array', text: '[]', says: /\(root\): expected a JSON object/ },
  { what: 'no sink', text: JSON.stringify({ ...valid, sink: undefined }), says: /sink: / },
  { what: 'a bad bucket name', text: JSON.stringify({ ...valid, sink: { ...valid.sink, bucket: 'Bad_Bucket' } }), says: /sink\.bucket: OSS bucket names/ },
  { what: 'a misspelt key', text: JSON.stringify({ ...valid, sink: { ...valid.sink, buckt: 'x' } }), says: /sink: .*buckt/ },
  { what: 'a window that does not divide a day', text: JSON.stringify({ ...valid, window: { sizeMinutes: 7 } }), says: /window\.sizeMinutes: must divide a day/ },
  { what: 'an unknown format', text: JSON.stringify({ ...valid, sink: { ...valid.sink, fileFormat: 'xml' } }), says: /sink\.fileFormat/ },
  { what: 'negative retries', text: JSON.stringify({ ...valid, reader: { maxRetries: -1 } }), says: /reader\.maxRetries/ },
  { what: 'single-version without columns', text: JSON.stringify({ ...valid, reader: { mode: 'single_version_and_update_only' } }), says: /reader\.column: single_version_and_update_only needs the list of columns/ },
  { what: 'checkpoints in the exported table', text: JSON.stringify({ ...valid, source: { ...valid.source, statusTable: 'orders' } }), says: /source\.statusTable: must differ from source\.table/ },
  { what: 'an endpoint that is not a URL', text: JSON.stringify({ ...valid, source: { ...valid.source, endpoint: 'shop.ots' } }), says: /source\.endpoint: must be an http:\/\/ or https:\/\/ URL/ },
  { what: 'an unknown placeholder', text: JSON.stringify({ ...valid, sink: { ...valid.sink, object: 'x/{month}' } }), says: /sink\.object: only these placeholders are known/ },
  { what: 'a two-character delimiter', text: JSON.stringify({ ...valid, sink: { ...valid.sink, fieldDelimiter: '||' } }), says: /sink\.fieldDelimiter: csv needs exactly one character/ },
  { what: 'a wrong type', text: JSON.stringify({ ...valid, reader: { isExportSequenceInfo: 'yes' } }), says: /reader\.isExportSequenceInfo/ },
];

describe('malformed job files', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ startMs: T0 });
  });
  after(() => world.close());

  it('every one is refused with a ConfigError naming the field (the loader ots2oss run uses)', () => {
    for (const c of CONFIGS) {
      const path = join(world.dir, 'bad.json');
      writeFileSync(path, c.text);
      count('faults');
      assert.throws(() => loadJob(path), (e: unknown) => e instanceof ConfigError && c.says.test(e.message), c.what);
    }
  });

  it('ots2oss run exits 3 with the field on stderr', async () => {
    const env = credentialsEnv(world.pipeline.emulators.info);
    for (const c of CONFIGS.filter((_, i) => LONG || i % 5 === 0)) {
      const path = join(world.dir, 'bad-cli.json');
      writeFileSync(path, c.text);
      const run = await runCli(path, { env });
      assert.equal(run.code, 3, `${c.what}: ${run.stderr}`);
      assert.match(run.stderr, c.says, c.what);
    }
  });
});

describe('malformed events to the FC handler', () => {
  const context = { requestId: 'r-1', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' }, function: { timeout: 60 } };
  before(() => {
    process.env.OTS2OSS_JOB = JSON.stringify(valid);
  });
  after(() => {
    delete process.env.OTS2OSS_JOB;
  });

  /** Events that break one rule each, with seeded variations: none may get past validation. */
  function events(seed: number, n: number): Array<{ event: unknown; says: RegExp }> {
    let s = seed;
    const random = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 0x1_0000_0000);
    const word = () => Math.random.name.slice(0, 1 + Math.floor(random() * 6)) + Math.floor(random() * 1e6);
    const out: Array<{ event: unknown; says: RegExp }> = [];
    for (let i = 0; i < n; i++) {
      const kinds: Array<() => { event: unknown; says: RegExp }> = [
        () => ({ event: Buffer.from(`{${word()}`), says: /^event: not JSON/ }),
        () => ({ event: Buffer.from([0xff, 0xfe, Math.floor(random() * 256), 0x7b]), says: /^event: not JSON/ }),
        () => ({ event: `[${Math.floor(random() * 100)}]`, says: /^event is invalid/ }),
        () => ({ event: JSON.stringify(Math.floor(random() * 100)), says: /^event is invalid/ }),
        () => ({ event: JSON.stringify({ payload: `{${word()}` }), says: /^event\.payload: not JSON/ }),
        () => ({ event: JSON.stringify({ payload: JSON.stringify({ [word()]: 1 }) }), says: /^event payload is invalid/ }),
        () => ({ event: JSON.stringify({ payload: JSON.stringify({ date: String(Math.floor(random() * 1e7)) }) }), says: /date: date is yyyyMMdd/ }),
        () => ({ event: JSON.stringify({ payload: JSON.stringify({ startTimestampMillis: random() * 1e12 + 0.5 }) }), says: /startTimestampMillis/ }),
        () => ({ event: JSON.stringify({ payload: JSON.stringify({ maxWindows: -Math.floor(random() * 10) }) }), says: /maxWindows/ }),
        () => ({ event: JSON.stringify({ triggerName: Math.floor(random() * 10), payload: '{}' }), says: /^event is invalid[\s\S]*triggerName/ }),
        () => ({ event: JSON.stringify({ payload: 42 }), says: /^event is invalid[\s\S]*payload/ }),
        () => ({ event: JSON.stringify({ payload: JSON.stringify({ date: '20261126', [word()]: null }) }), says: /^event payload is invalid/ }),
      ];
      out.push(kinds[i % kinds.length]!());
    }
    return out;
  }

  it('each is rejected before anything is contacted, with an error naming the event and what to send', async () => {
    for (const { event, says } of events(7, LONG ? 600 : 120)) {
      count('faults');
      await assert.rejects(handler(event, context), (e: unknown) => e instanceof Error && says.test(e.message), `event ${String(event).slice(0, 80)}`);
    }
  });

  it('a 20 MB event and a deeply nested one are refused as quickly', async () => {
    const started = Date.now();
    await assert.rejects(handler(Buffer.alloc(20 * 1024 * 1024, 0x20).fill('{', 0, 1), context), /^Error: event: not JSON|event: not JSON/);
    await assert.rejects(handler('['.repeat(5000) + ']'.repeat(5000), context), /event is invalid/);
    count('faults', 2);
    assert.ok(Date.now() - started < 5000);
  });
});

// ---- hostile values ----

const FAKE_SEQUENCE = '0000000001_00000000000000000001_0000000000_shard';

const HOSTILE_TEXT = [
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
  '\u007f\u0085\u2028\u2029\ufeff\u202e',
  '"', '""', ',', ';\t', '\r', '\r\n', '\n\n', '#comment', '  padded  ', '',
  'emoji 🚀 cjk 中文 combining é',
  'lone \ud800 surrogate', // the SDK sends UTF-8: the service stores U+FFFD
  `fake line end\n${FAKE_SEQUENCE}:0000000000\n`,
];
const HOSTILE_BINARY = [
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from('a,b\n"c"'),
];

async function writeHostile(world: World): Promise<void> {
  let n = 0;
  const at = () => world.pipeline.clock.set(T0 + 1000 + n * 200);
  for (const text of HOSTILE_TEXT) {
    at();
    await applyChange(world.local, { kind: 'put', key: [`k,"\n\u0001${n}`, BigInt(n++)], cells: [['text', text], ['bin', HOSTILE_BINARY[n % HOSTILE_BINARY.length]!]] });
  }
  for (const bin of HOSTILE_BINARY) {
    at();
    await applyChange(world.local, { kind: 'put', key: ['bin', BigInt(n++)], cells: [['bin', bin]] });
  }
  // Cells up to the service's 2 MB limit: one huge line of text, one of line breaks, one binary.
  at();
  await applyChange(world.local, { kind: 'put', key: ['huge', BigInt(n++)], cells: [['text', 'x'.repeat(2_000_000)]] });
  at();
  await applyChange(world.local, { kind: 'put', key: ['huge', BigInt(n++)], cells: [['text', '\n'.repeat(500_000) + '"'.repeat(500_000)]] });
  at();
  await applyChange(world.local, { kind: 'put', key: ['huge', BigInt(n++)], cells: [['bin', Buffer.alloc(1_500_000, 0xff)]] });
}

/** What a value is written as in every format's columnValue: text as is, binary as base64. */
function rendered(value: CellValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every row of an object as strings per column, read by readers independent of the encoders. */
async function readRows(format: 'csv' | 'jsonl' | 'parquet', body: Buffer): Promise<Array<Record<string, string | null>>> {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Uint8Array ? utf8.decode(v) : String(v));
  if (format === 'csv') {
    const [header, ...rows] = parseCsv(utf8.decode(body));
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h.value, r[i]!.value])));
  }
  if (format === 'jsonl') {
    return utf8.decode(body).split('\n').filter((l) => l !== '').map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, text(v)]));
    });
  }
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file, utf8: false })) as Array<Record<string, unknown>>;
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])));
}

describe('hostile values in rows never corrupt a file', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ startMs: T0 });
    await writeHostile(world);
    world.pipeline.clock.set(T0 + MINUTE + 15_000);
  });
  after(() => world.close());

  for (const format of ['csv', 'jsonl', 'parquet', 'text'] as const) {
    const claim = format === 'text'
      ? 'every file is valid UTF-8 and holds every line once (text escapes nothing, as DataWorks)'
      : 'every file parses, holds every line once, and every text and binary value reads back exactly';
    it(`${format}: ${claim}`, async () => {
      const job = { ...world.jobWith({ sink: { fileFormat: format } }), name: `hostile-${format}` };
      const summary = await world.run({ job });
      assert.equal(summary.ok, true, summary.error?.message);
      const verdict = await verifyExport(world, { through: T0 + MINUTE, job });
      if (format === 'text') {
        // text escapes nothing, by design (as DataWorks): a value holding a line break and something
        // shaped like sequence info reads as an extra line. Every real line is still there once.
        for (const key of await world.oss.keys(`exports/${job.name}/`)) utf8.decode(await world.oss.get(key));
        const fake = (x: string) => x.includes(FAKE_SEQUENCE);
        assertExactlyOnce({ ...verdict, problems: verdict.problems.filter((p) => !fake(p) && !/holds \d+ rows, the manifest says/.test(p)), unexpected: verdict.unexpected.filter((u) => !fake(u)) });
        return;
      }
      assertExactlyOnce(verdict, HOSTILE_TEXT.length + HOSTILE_BINARY.length + 3);

      const cells = new Map<string, { value: CellValue; key: string }>();
      for (const r of world.changeLog() as ChangeRecord[]) {
        r.cells.forEach((c, i) => cells.set(formatSequenceInfo(r.sequence, r.shardId) + columnSuffix(i + 1), { value: c.value!, key: String(r.primaryKey[0]!.value) }));
      }
      let compared = 0;
      for (const key of (await world.oss.keys(`exports/${job.name}/`)).filter((k) => !k.includes('/_ots2oss/'))) {
        for (const row of await readRows(format, await world.oss.get(key))) {
          if (row.opType !== 'U') continue;
          const truth = cells.get(row.sequenceInfo!);
          assert.ok(truth, `a line no change explains: ${row.sequenceInfo}`);
          assert.equal(row.id, truth.key, 'the primary key reads back');
          const want = rendered(truth.value);
          if (want === undefined) continue;
          assert.equal(row.columnValue, want, `${row.sequenceInfo}: ${JSON.stringify(want.slice(0, 40))}`);
          compared++;
        }
      }
      assert.equal(compared, cells.size, 'every text and binary cell was compared');
    });
  }
});
