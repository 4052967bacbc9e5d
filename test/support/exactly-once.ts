import assert from 'node:assert/strict';
import { minuteOf, windowIdAt, type E2E } from './e2e.ts';
import { multiVersionLineCount, sequenceOf } from './dataworks.ts';
import { exportedSequences, splitSequence, type FileFormat } from './exported.ts';
import { md5Hex } from './oss.ts';

// The exactly-once check over everything a multi-version job with sequence info wrote: the exported
// records equal the emulator's change log (none missing, none twice, each line once, each record in the
// window of its commit time), and the manifests account for every object once.

export interface ExactlyOnceReport {
  records: number;
  /** Shards that had records. */
  shards: number;
  windows: string[];
  objects: number;
}

/** `foreign` lists objects under the job's prefix that the exporter did not write (and must not list). */
export async function assertExactlyOnce(e2e: E2E, name: string, format: FileFormat, header: boolean, foreign: readonly string[] = []): Promise<ExactlyOnceReport> {
  const { table, instance } = e2e.job(name).job.source;
  const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
  const expected = new Map(log.map((r) => [sequenceOf(r), { lines: multiVersionLineCount(r), window: windowIdAt(minuteOf(r.sequence.timestampMicros / 1000)) }]));
  assert.equal(expected.size, log.length, 'sequence infos are unique in the change log');

  const found = new Map<string, { columns: number[]; windows: Set<string> }>();
  const dataKeys = (await e2e.oss.dataKeys(`exports/${name}/`)).filter((k) => !foreign.includes(k));
  const bodies = new Map<string, Buffer>();
  for (const key of dataKeys) {
    const body = await e2e.oss.get(key);
    bodies.set(key, body);
    const windowId = /\/(\d{8}T\d{4}Z)_[^/]+$/.exec(key)?.[1];
    assert.ok(windowId, `object ${key} is named <windowId>_<shard>_<part>`);
    for (const info of await exportedSequences(format, body, header)) {
      const { base, column } = splitSequence(info);
      assert.notEqual(column, undefined, `multi-version sequence info ${info} carries a column index`);
      const entry = found.get(base) ?? { columns: [], windows: new Set<string>() };
      entry.columns.push(column!);
      entry.windows.add(windowId);
      found.set(base, entry);
    }
  }
  assert.deepEqual([...expected.keys()].filter((k) => !found.has(k)), [], 'no change is missing');
  assert.deepEqual([...found.keys()].filter((k) => !expected.has(k)), [], 'nothing exported that was not committed');
  for (const [base, want] of expected) {
    const got = found.get(base)!;
    assert.deepEqual(got.columns, Array.from({ length: want.lines }, (_, i) => i), `record ${base}: each line once, in order`);
    assert.deepEqual([...got.windows], [want.window], `record ${base} lands in the window of its commit time`);
  }

  const manifestKeys = (await e2e.oss.keys(`exports/${name}/`)).filter((k) => k.endsWith('/manifest.json'));
  const windows = [...new Set([...expected.values()].map((v) => v.window))].sort();
  const listed = new Set<string>();
  let recordsInManifests = 0;
  for (const key of manifestKeys) {
    const prefix = key.slice(0, key.indexOf('/_ots2oss/'));
    const windowId = key.split('/').at(-2)!;
    const manifest = await e2e.oss.manifest(prefix, windowId);
    assert.equal(manifest.format, format);
    assert.ok(await e2e.oss.exists(`${prefix}/_ots2oss/${windowId}/_SUCCESS`), `_SUCCESS of ${windowId}`);
    assert.equal(manifest.records, [...expected.values()].filter((v) => v.window === windowId).length, `manifest ${windowId} counts the window's records`);
    recordsInManifests += manifest.records;
    for (const o of manifest.objects) {
      assert.ok(!listed.has(o.key), `${o.key} is listed once`);
      listed.add(o.key);
      const body = bodies.get(o.key);
      assert.ok(body, `manifest object ${o.key} exists`);
      assert.equal(o.bytes, body.length);
      assert.equal(o.md5, md5Hex(body));
    }
  }
  for (const w of windows) assert.ok(manifestKeys.some((k) => k.includes(`/_ots2oss/${w}/`)), `window ${w} has a manifest`);
  assert.deepEqual([...listed].sort(), [...dataKeys].sort(), 'every data object is in exactly one manifest');
  assert.equal(recordsInManifests, log.length);
  return { records: log.length, shards: new Set(log.map((r) => r.shardId)).size, windows, objects: dataKeys.length };
}
