import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { assertExactlyOnce } from '../support/exactly-once.ts';
import { WORKLOAD_KEY, writeAt } from '../support/workload.ts';

// Service errors during an export: retryable ones are retried (and counted) without duplicating
// anything; a fatal one in the middle of a window fails the run, and the next run finishes the window
// from the shards' checkpoints, still exactly once.

let e2e: E2E;

function write(name: string, rows: number, fromMs: number, seed: number): Promise<void> {
  return writeAt(e2e, name, rows, seed, (i) => Math.max(e2e.pipeline.clock.now(), fromMs + i * 1000));
}

describe('e2e: service errors during an export', () => {
  before(async () => {
    e2e = await startE2E([{ name: 'flaky', primaryKey: WORKLOAD_KEY }, { name: 'broken', primaryKey: WORKLOAD_KEY }]);
  });
  after(() => e2e?.close());

  it('retryable Tablestore and OSS errors are retried; every change still lands once', async () => {
    await write('flaky', 40, T0 + 1000, 21);
    const { tablestore, oss } = e2e.pipeline.emulators;
    tablestore.faults.add({ operation: 'GetStreamRecord', errorRate: 1, code: 'OTSServerBusy', count: 2 });
    tablestore.faults.add({ operation: 'GetShardIterator', errorRate: 1, code: 'OTSPartitionUnavailable', count: 1 });
    oss.faults.add({ operation: 'PutObject', errorRate: 1, code: 'ServiceUnavailable', count: 2 });
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
    const summary = await e2e.tick('flaky');
    tablestore.faults.clear();
    oss.faults.clear();
    assert.ok(summary.ok, summary.error?.message);
    assert.ok(summary.retries >= 5, `retries counted: ${summary.retries}`);
    assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(T0)]);
    assert.equal((await assertExactlyOnce(e2e, 'flaky', 'csv', true)).shards, 2);
  });

  it('a fatal error after one shard committed fails the run; the next run completes the window exactly once', async () => {
    const name = 'broken';
    await write(name, 40, T0 + MINUTE + 12_000, 22);
    const { table, instance } = e2e.job(name).job.source;
    const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
    const shards = [...new Set(log.map((r) => r.shardId))].sort();
    assert.equal(shards.length, 2, 'both shards have records');
    const window = T0 + MINUTE;
    // Shards are read in order; the second one's upload is refused once.
    e2e.pipeline.emulators.oss.faults.add({
      operation: 'PutObject', errorRate: 1, code: 'AccessDenied', count: 1,
      keyPrefix: `${prefixAt(name, window)}/${windowIdAt(window)}_${shards[1]}_`,
    });
    e2e.pipeline.clock.set(window + MINUTE + 11_000);
    const failed = await e2e.tick(name);
    assert.equal(failed.ok, false);
    assert.match(failed.error!.message, /denied/i);
    assert.deepEqual(await e2e.oss.dataKeys(`exports/${name}/`), [`${prefixAt(name, window)}/${windowIdAt(window)}_${shards[0]}_0000.csv`], 'only the first shard\'s object exists');
    assert.equal(await e2e.oss.exists(`${prefixAt(name, window)}/_ots2oss/${windowIdAt(window)}/_SUCCESS`), false, 'no _SUCCESS for an unfinished window');
    assert.match((await e2e.jobState(name))?.lastError ?? '', /denied/i);

    // A re-export of another window says nothing of the scheduled path: the job stays failing, its last run the failed one.
    const before = await e2e.jobState(name);
    e2e.pipeline.clock.set(e2e.pipeline.clock.now() + 1000);
    const rerun = await e2e.tick(name, { windows: [{ start: T0, end: T0 + MINUTE }] });
    assert.ok(rerun.ok, rerun.error?.message);
    assert.deepEqual(await e2e.jobState(name), before, 'an explicit run leaves the job\'s state alone');

    const resumed = await e2e.tick(name);
    assert.ok(resumed.ok, resumed.error?.message);
    assert.deepEqual(resumed.windows.map((w) => w.id), [windowIdAt(window)]);
    const report = await assertExactlyOnce(e2e, name, 'csv', true);
    assert.equal(report.records, 40);
    assert.equal((await e2e.jobState(name))?.lastError, undefined, 'a successful run clears lastError');
  });
});
