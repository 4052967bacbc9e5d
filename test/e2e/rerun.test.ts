import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, MINUTE, putBatch, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { parseCsv } from '../support/csv.ts';
import { readParquet } from '../support/exported.ts';
import { md5Hex } from '../support/oss.ts';

// A window exported again (explicit window, as a backfill or DataWorks start/end run does) writes the
// same objects: same keys, same bytes. Every manifest lists every object with its size, MD5 and rows,
// and _SUCCESS follows it.

const JOBS = [
  { name: 'rerun', sink: { fileFormat: 'csv', header: true, maxFileSizeMB: 1 } },
  { name: 'rerun-pq', sink: { fileFormat: 'parquet' } },
];
const WINDOWS = [T0, T0 + MINUTE];
const FILLER = 'y'.repeat(1000);

let e2e: E2E;

async function snapshot(job: string, window: number): Promise<Map<string, string>> {
  const keys = await e2e.oss.dataKeys(`${prefixAt(job, window)}/${windowIdAt(window)}_`);
  const out = new Map<string, string>();
  for (const key of keys) out.set(key, md5Hex(await e2e.oss.get(key)));
  return out;
}

async function rowsIn(format: string, body: Buffer): Promise<number> {
  if (format === 'parquet') return (await readParquet(body)).length;
  return parseCsv(body.toString('utf8')).length - 1; // header
}

describe('e2e: reruns and manifests', () => {
  const first = new Map<string, Map<string, string>>();

  before(async () => {
    e2e = await startE2E(JOBS);
    const write = async (ms: number, change: Parameters<typeof applyChange>[1]) => {
      e2e.pipeline.clock.set(ms);
      for (const job of JOBS) await applyChange(e2e.job(job.name), change);
    };
    // Window 1: 1,200 rows of 1 KB on one shard: more than one read batch, so the csv object rotates past 1 MB.
    for (let b = 0; b < 6; b++) {
      e2e.pipeline.clock.set(T0 + 1000 + b * 1000);
      const rows = Array.from({ length: 200 }, (_, i) => ({ key: ['bulk', BigInt(b * 200 + i)], cells: [['s', FILLER] as [string, string], ['d', -250.5] as [string, number]] }));
      for (const job of JOBS) await putBatch(e2e.job(job.name), rows);
    }
    for (let i = 0; i < 20; i++) await write(T0 + 10_000 + i * 500, { kind: 'put', key: [`k${i}`, BigInt(i)], cells: [['s', `v${i}`]] });
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
    for (const job of JOBS) assert.ok((await e2e.tick(job.name)).ok);
    for (const job of JOBS) first.set(`${job.name}:1`, await snapshot(job.name, T0));
    // Window 2: updates and deletes, and a split, so the stream's shards differ from window 1's.
    for (let i = 0; i < 10; i++) await write(T0 + MINUTE + 12_000 + i * 500, { kind: 'update', key: [`k${i}`, BigInt(i)], put: [['s', `w${i}`]], deleteAll: ['x'] });
    for (const job of JOBS) {
      const { table, instance } = e2e.job(job.name).job.source;
      const shard = e2e.pipeline.emulators.tablestore.shards(table, instance).find((s) => s.open)!.shardId;
      e2e.pipeline.emulators.tablestore.splitShard(table, shard, instance);
    }
    for (let i = 0; i < 10; i++) await write(T0 + MINUTE + 20_000 + i * 500, { kind: 'delete', key: [`k${i + 10}`, BigInt(i + 10)] });
    e2e.pipeline.clock.set(T0 + 2 * MINUTE + 11_000);
    for (const job of JOBS) assert.ok((await e2e.tick(job.name)).ok);
    for (const job of JOBS) first.set(`${job.name}:2`, await snapshot(job.name, T0 + MINUTE));
  });
  after(() => e2e?.close());

  it('the csv window rotated into several parts (so the rerun covers rotation)', () => {
    const parts = [...first.get('rerun:1')!.keys()].filter((k) => /_0001\.csv$/.test(k));
    assert.ok(parts.length >= 1, `a second part exists: ${[...first.get('rerun:1')!.keys()].join(', ')}`);
  });

  for (const job of JOBS) {
    it(`${job.name}: manifests list every object with its size, MD5 and rows; _SUCCESS exists`, async () => {
      for (const window of WINDOWS) {
        const out = await e2e.oss.window(prefixAt(job.name, window), windowIdAt(window));
        assert.ok(out.success, `${windowIdAt(window)} has _SUCCESS`);
        assert.deepEqual(out.objects.map((o) => o.key).sort(), [...(await snapshot(job.name, window)).keys()], 'the manifest lists exactly the window\'s objects');
        let rows = 0;
        let bytes = 0;
        for (const [i, o] of out.objects.entries()) {
          const entry = out.manifest.objects[i]!;
          assert.equal(entry.bytes, o.body.length, `${o.key} size`);
          assert.equal(entry.md5, md5Hex(o.body), `${o.key} MD5`);
          assert.equal(entry.rows, await rowsIn(out.manifest.format, o.body), `${o.key} rows`);
          rows += entry.rows;
          bytes += entry.bytes;
        }
        assert.equal(out.manifest.rows, rows);
        assert.equal(out.manifest.bytes, bytes);
      }
    });

    it(`${job.name}: rerunning each window explicitly writes the same objects (keys and MD5s)`, async () => {
      const before = await e2e.jobState(job.name);
      for (const [i, window] of WINDOWS.entries()) {
        const manifestBefore = await e2e.oss.manifest(prefixAt(job.name, window), windowIdAt(window));
        const summary = await e2e.tick(job.name, { windows: [{ start: window, end: window + MINUTE }] });
        assert.ok(summary.ok, summary.error?.message);
        assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(window)]);
        assert.deepEqual(await snapshot(job.name, window), first.get(`${job.name}:${i + 1}`), `${windowIdAt(window)}: same keys and bytes`);
        const manifestAfter = await e2e.oss.manifest(prefixAt(job.name, window), windowIdAt(window));
        assert.deepEqual(manifestAfter.objects, manifestBefore.objects);
        assert.deepEqual([manifestAfter.records, manifestAfter.rows, manifestAfter.bytes], [manifestBefore.records, manifestBefore.rows, manifestBefore.bytes]);
      }
      assert.deepEqual(await e2e.jobState(job.name), before, 'explicit windows leave the job\'s progress alone');
    });
  }

  it('a window exported again reads as in progress until done: a failed re-export leaves no _SUCCESS nor manifest', async () => {
    const [job, window] = ['rerun', T0];
    const marker = (name: string) => `${prefixAt(job, window)}/_ots2oss/${windowIdAt(window)}/${name}`;
    const windows = [{ start: window, end: window + MINUTE }];
    const { faults } = e2e.pipeline.emulators.tablestore;
    faults.add({ operation: 'GetStreamRecord', errorRate: 1, code: 'OTSParameterInvalid' });
    try {
      const failed = await e2e.tick(job, { windows });
      assert.equal(failed.ok, false);
    } finally {
      faults.clear();
    }
    assert.equal(await e2e.oss.exists(marker('_SUCCESS')), false, 'no _SUCCESS while its objects are being replaced');
    assert.equal(await e2e.oss.exists(marker('manifest.json')), false);
    const again = await e2e.tick(job, { windows });
    assert.ok(again.ok, again.error?.message);
    assert.equal(await e2e.oss.exists(marker('_SUCCESS')), true);
    assert.deepEqual(await snapshot(job, window), first.get(`${job}:1`));
  });

  it('after reruns, the next scheduled window exports normally from the checkpoints', async () => {
    e2e.pipeline.clock.set(T0 + 2 * MINUTE + 20_000);
    for (const job of JOBS) await applyChange(e2e.job(job.name), { kind: 'put', key: ['late', 99n], cells: [['s', 'after rerun']] });
    e2e.pipeline.clock.set(T0 + 3 * MINUTE + 11_000);
    for (const job of JOBS) {
      const summary = await e2e.tick(job.name);
      assert.ok(summary.ok, summary.error?.message);
      assert.deepEqual(summary.windows.map((w) => [w.id, w.records]), [[windowIdAt(T0 + 2 * MINUTE), 1]]);
    }
  });
});
