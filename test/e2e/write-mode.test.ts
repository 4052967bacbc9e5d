import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { assertExactlyOnce } from '../support/exactly-once.ts';

// writeMode applies per window, to the window's data scope `<prefix>/<windowId>_`: truncate removes
// stray objects there, append keeps them, nonConflict refuses to start a window that has any. Objects
// outside the scope (other windows, other files under the prefix) are never touched.

const MODES = ['truncate', 'append', 'nonConflict'] as const;
const jobName = (mode: string) => `wm-${mode.toLowerCase()}`;

let e2e: E2E;
const stray = (job: string, window = T0) => `${prefixAt(job, window)}/${windowIdAt(window)}_stray.csv`;
const outside = (job: string) => [`${prefixAt(job, T0)}/notes.txt`, stray(job, T0 + 2 * MINUTE)];

describe('e2e: writeMode per window', () => {
  before(async () => {
    e2e = await startE2E(MODES.map((mode) => ({ name: jobName(mode), sink: { writeMode: mode } })));
    for (let i = 0; i < 12; i++) {
      e2e.pipeline.clock.set(T0 + 1000 + i * 1000);
      for (const mode of MODES) await applyChange(e2e.job(jobName(mode)), { kind: 'put', key: [`k${i}`, BigInt(i)], cells: [['s', `v${i}`]] });
    }
    for (const mode of MODES) {
      const job = jobName(mode);
      await e2e.oss.put(stray(job), 'someone else,1\n');
      for (const key of outside(job)) await e2e.oss.put(key, 'keep me\n');
    }
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
  });
  after(() => e2e?.close());

  it('truncate removes stray objects in the window\'s data scope and nothing else', async () => {
    const job = jobName('truncate');
    const summary = await e2e.tick(job);
    assert.ok(summary.ok, summary.error?.message);
    assert.equal(await e2e.oss.exists(stray(job)), false, 'the stray object is gone');
    for (const key of outside(job)) assert.ok(await e2e.oss.exists(key), `${key} outside the scope is kept`);
    await assertExactlyOnce(e2e, job, 'csv', true, outside(job));
  });

  it('append keeps stray objects beside the window\'s own', async () => {
    const job = jobName('append');
    const summary = await e2e.tick(job);
    assert.ok(summary.ok, summary.error?.message);
    assert.equal((await e2e.oss.get(stray(job))).toString(), 'someone else,1\n');
    const manifest = await e2e.oss.manifest(prefixAt(job, T0), windowIdAt(T0));
    assert.ok(manifest.objects.length > 0 && manifest.objects.every((o) => o.key !== stray(job)), 'the manifest lists only the window\'s own objects');
    assert.equal(manifest.records, 12);
  });

  it('nonConflict fails on the first attempt, naming the stray object, and writes nothing', async () => {
    const job = jobName('nonConflict');
    for (let attempt = 0; attempt < 2; attempt++) {
      const summary = await e2e.tick(job);
      assert.equal(summary.ok, false);
      assert.equal(summary.stoppedBecause, 'error');
      assert.match(summary.error!.message, /nonConflict/);
      assert.ok(summary.error!.message.includes(stray(job)), `the error names ${stray(job)}: ${summary.error!.message}`);
      assert.deepEqual(await e2e.oss.dataKeys(`exports/${job}/`), [stray(job), ...outside(job)].sort(), 'no data object was written');
      assert.equal(await e2e.oss.exists(`${prefixAt(job, T0)}/_ots2oss/${windowIdAt(T0)}/manifest.json`), false);
      const state = await e2e.jobState(job);
      assert.ok(state?.lastError?.includes(stray(job)), 'the job state records the error');
      assert.equal(state?.lastCompleteWindowId, undefined);
    }
    // Once the conflicting object is removed, the window exports.
    await e2e.oss.remove(stray(job));
    const summary = await e2e.tick(job);
    assert.ok(summary.ok, summary.error?.message);
    assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(T0)]);
    assert.equal((await e2e.jobState(job))?.lastError, undefined);
    await assertExactlyOnce(e2e, job, 'csv', true, outside(job));
  });

  it('nonConflict resumes its own half-exported window without tripping over its objects', async () => {
    const job = jobName('nonConflict');
    e2e.pipeline.clock.set(T0 + MINUTE + 20_000);
    for (let i = 0; i < 12; i++) await applyChange(e2e.job(job), { kind: 'update', key: [`k${i}`, BigInt(i)], put: [['s', `w${i}`]] });
    e2e.pipeline.clock.set(T0 + 2 * MINUTE + 11_000);
    // The shards commit their objects, then the manifest upload is refused: the window stays unfinished.
    const markers = `${prefixAt(job, T0 + MINUTE)}/_ots2oss/${windowIdAt(T0 + MINUTE)}/`;
    e2e.pipeline.emulators.oss.faults.add({ operation: 'PutObject', errorRate: 1, code: 'AccessDenied', keyPrefix: markers, count: 1 });
    const failed = await e2e.tick(job);
    assert.equal(failed.ok, false);
    assert.match(failed.error!.message, /denied/i);
    const written = (await e2e.oss.dataKeys(`exports/${job}/`)).filter((k) => k.includes(windowIdAt(T0 + MINUTE)));
    assert.ok(written.length > 0, 'the shards wrote their objects before the manifest failed');
    const resumed = await e2e.tick(job);
    assert.ok(resumed.ok, resumed.error?.message);
    assert.deepEqual(resumed.windows.map((w) => w.id), [windowIdAt(T0 + MINUTE)]);
    assert.deepEqual((await e2e.oss.dataKeys(`exports/${job}/`)).filter((k) => k.includes(windowIdAt(T0 + MINUTE))), written, 'the same objects, not rewritten elsewhere');
    await assertExactlyOnce(e2e, job, 'csv', true, outside(job));
  });
});
