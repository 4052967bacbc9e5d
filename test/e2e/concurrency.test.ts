import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { MINUTE, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { assertExactlyOnce } from '../support/exactly-once.ts';
import { WORKLOAD_KEY, writeAt } from '../support/workload.ts';

// Overlapping invocations of one job (a slow run still going when the next timer fires): the lease
// lets one export while the others stand down, or they run one after the other; either way every
// window is exported once and the objects hold every change once.

const NAME = 'conc';
let e2e: E2E;

/** Writes `rows` changes spread over the given minutes, without ticking. */
function write(rows: number, fromMs: number, minutes: number, seed: number): Promise<void> {
  return writeAt(e2e, NAME, rows, seed, (i) => fromMs + Math.floor((i * minutes * MINUTE) / rows) + 200);
}

function assertOnce(runs: RunSummary[], due: string[]): void {
  for (const r of runs) assert.ok(r.ok, `${r.owner}: ${r.error?.message}`);
  const exported = runs.flatMap((r) => r.windows.map((w) => w.id));
  assert.deepEqual([...exported].sort(), due, 'each due window exported by exactly one run');
  const standing = runs.filter((r) => r.stoppedBecause === 'lease-held');
  for (const r of standing) assert.equal(r.windows.length, 0, 'a run without the lease exports nothing');
}

describe('e2e: concurrent invocations of one job', () => {
  before(async () => {
    e2e = await startE2E([{ name: NAME, primaryKey: WORKLOAD_KEY, speed: { concurrency: 2 } }]);
  });
  after(() => e2e?.close());

  it('two overlapping ticks export each window once', async () => {
    await write(60, T0, 3, 11);
    e2e.pipeline.clock.set(T0 + 3 * MINUTE + 11_000);
    const runs = await Promise.all(['tick-a', 'tick-b'].map((owner) => e2e.tick(NAME, { owner })));
    assertOnce(runs, [0, 1, 2].map((i) => windowIdAt(T0 + i * MINUTE)));
    assert.ok(runs.some((r) => r.stoppedBecause === 'lease-held') || runs.some((r) => r.windows.length === 0), 'one of them stood down');
    const report = await assertExactlyOnce(e2e, NAME, 'csv', true);
    assert.equal(report.shards, 2);
    assert.equal(runs.reduce((n, r) => n + r.records, 0), report.records);
  });

  it('five overlapping ticks, twice, export each later window once', async () => {
    await write(40, T0 + 3 * MINUTE + 12_000, 0.6, 12);
    e2e.pipeline.clock.set(T0 + 4 * MINUTE + 11_000);
    const first = await Promise.all([1, 2, 3, 4, 5].map((i) => e2e.tick(NAME, { owner: `wave1-${i}` })));
    await write(40, T0 + 4 * MINUTE + 12_000, 0.6, 13);
    e2e.pipeline.clock.set(T0 + 5 * MINUTE + 11_000);
    const second = await Promise.all([1, 2, 3, 4, 5].map((i) => e2e.tick(NAME, { owner: `wave2-${i}` })));
    assertOnce([...first, ...second], [3, 4].map((i) => windowIdAt(T0 + i * MINUTE)));
    assert.ok(first.filter((r) => r.stoppedBecause === 'lease-held').length >= 1, 'the lease turned runs away');
    await assertExactlyOnce(e2e, NAME, 'csv', true);
    const state = await e2e.jobState(NAME);
    assert.equal(state?.lastCompleteWindowId, windowIdAt(T0 + 4 * MINUTE));
    assert.equal(state?.lastError, undefined);
  });
});
