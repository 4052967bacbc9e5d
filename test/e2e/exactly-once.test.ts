import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minuteOf, startE2E, windowIdAt } from '../support/e2e.ts';
import { multiVersionLineCount, sequenceOf } from '../support/dataworks.ts';
import { exportedSequences, splitSequence, type FileFormat } from '../support/exported.ts';
import { md5Hex } from '../support/oss.ts';
import { driveWorkload } from '../support/workload.ts';

// Every committed change lands in OSS exactly once, in the window of its commit time, whatever the
// format: the exported sequence infos (without the column index) equal the emulator's change log.

const FORMATS: Array<{ format: FileFormat; header: boolean }> = [
  { format: 'csv', header: true },
  { format: 'jsonl', header: false },
  { format: 'text', header: false },
  { format: 'parquet', header: false },
];

describe('e2e: every change lands exactly once (multi_version, sequence info)', () => {
  for (const { format, header } of FORMATS) {
    it(`${format}: exported records equal the change log across windows and a shard split`, async () => {
      const name = `once-${format}`;
      const e2e = await startE2E([{ name, sink: { fileFormat: format, header } }]);
      try {
        const local = e2e.job(name);
        const driven = await driveWorkload(e2e, name, { rows: 90, minutes: 3, splitAt: [0.5], seed: 7 });
        assert.equal(driven.splits.length, 1);
        const log = e2e.pipeline.emulators.tablestore.changeLog(local.job.source.table, local.job.source.instance);
        assert.equal(log.length, 90);
        assert.ok(log.some((r) => r.action === 'DELETE') && log.some((r) => r.action === 'UPDATE'), 'the workload mixes actions');

        // Expected: per record, its line count and the window its commit time falls in.
        const expected = new Map(log.map((r) => [sequenceOf(r), { lines: multiVersionLineCount(r), window: windowIdAt(minuteOf(r.sequence.timestampMicros / 1000)) }]));
        assert.equal(expected.size, log.length, 'sequence infos are unique in the change log');

        const found = new Map<string, { columns: number[]; windows: Set<string> }>();
        const dataKeys = await e2e.oss.dataKeys(`exports/${name}/`);
        assert.ok(dataKeys.length >= 4, `several objects (windows x shards), got ${dataKeys.length}`);
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

        const missing = [...expected.keys()].filter((k) => !found.has(k));
        const unknown = [...found.keys()].filter((k) => !expected.has(k));
        assert.deepEqual(missing, [], 'no change is missing');
        assert.deepEqual(unknown, [], 'nothing exported that was not committed');
        for (const [base, want] of expected) {
          const got = found.get(base)!;
          assert.deepEqual(got.columns, Array.from({ length: want.lines }, (_, i) => i), `record ${base}: each line once, in order`);
          assert.deepEqual([...got.windows], [want.window], `record ${base} lands in the window of its commit time`);
        }

        // Manifests account for every data object, with the window's record count, and each has _SUCCESS.
        const manifestKeys = (await e2e.oss.keys(`exports/${name}/`)).filter((k) => k.endsWith('/manifest.json'));
        const windowsWithRecords = new Set([...expected.values()].map((v) => v.window));
        assert.equal(windowsWithRecords.size, 3, 'the writes span three windows');
        const listed = new Set<string>();
        let recordsInManifests = 0;
        for (const key of manifestKeys) {
          const prefix = key.slice(0, key.indexOf('/_ots2oss/'));
          const windowId = key.split('/').at(-2)!;
          const manifest = await e2e.oss.manifest(prefix, windowId);
          assert.equal(manifest.format, format);
          assert.ok(await e2e.oss.exists(`${prefix}/_ots2oss/${windowId}/_SUCCESS`), `_SUCCESS of ${windowId}`);
          const inWindow = [...expected.values()].filter((v) => v.window === windowId).length;
          assert.equal(manifest.records, inWindow, `manifest ${windowId} counts the window's records`);
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
        for (const w of windowsWithRecords) assert.ok(manifestKeys.some((k) => k.includes(`/_ots2oss/${w}/`)), `window ${w} has a manifest`);
        assert.deepEqual([...listed].sort(), [...dataKeys].sort(), 'every data object is in exactly one manifest');
        assert.equal(recordsInManifests, log.length);
        assert.equal(driven.ticks.reduce((n, t) => n + t.records, 0), log.length, 'the runs report every record once');
      } finally {
        await e2e.close();
      }
    });
  }
});
