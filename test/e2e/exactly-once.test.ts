import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E } from '../support/e2e.ts';
import { assertExactlyOnce } from '../support/exactly-once.ts';
import type { FileFormat } from '../support/exported.ts';
import { driveWorkload, WORKLOAD_KEY } from '../support/workload.ts';

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
      const e2e = await startE2E([{ name, primaryKey: WORKLOAD_KEY, sink: { fileFormat: format, header } }]);
      try {
        const driven = await driveWorkload(e2e, name, { rows: 90, minutes: 3, splitAt: [0.5], seed: 7 });
        assert.equal(driven.splits.length, 1);
        const { table, instance } = e2e.job(name).job.source;
        const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
        assert.equal(log.length, 90);
        assert.ok(log.some((r) => r.action === 'DELETE') && log.some((r) => r.action === 'UPDATE'), 'the workload mixes actions');
        const report = await assertExactlyOnce(e2e, name, format, header);
        assert.equal(report.windows.length, 3, 'the writes span three windows');
        assert.equal(report.shards, 4, 'records in both initial shards and both children of the split');
        assert.ok(report.objects >= 4, `several objects (windows x shards), got ${report.objects}`);
        assert.equal(driven.ticks.reduce((n, t) => n + t.records, 0), log.length, 'the runs report every record once');
      } finally {
        await e2e.close();
      }
    });
  }
});
