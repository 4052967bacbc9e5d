import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { runCli, startFixture, type Fixture } from './harness.ts';

describe('ots2oss reset', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 2, rows: 20 });
  });
  after(() => fx.close());

  it('asks for --yes before forgetting anything', async () => {
    const result = await runCli(['reset', '--config', fx.jobPath]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /add --yes/);
  });

  it('forgets the checkpoints so the next run starts over, keeping window history', async () => {
    const first = JSON.parse((await runCli(['run', '--config', fx.jobPath, '--json'])).stdout) as RunSummary;
    assert.equal(first.ok, true);
    const { store } = fx.adapters();
    assert.ok((await store.getShards(fx.job.name)).length > 0);
    const reset = await runCli(['reset', '--config', fx.jobPath, '--yes']);
    assert.equal(reset.code, 0, reset.stderr);
    const said = JSON.parse(reset.stdout) as { lastCompleteWindow: string; shardsForgotten: number };
    assert.equal(said.lastCompleteWindow, first.lastCompleteWindow);
    assert.equal(await store.getJob(fx.job.name), undefined);
    assert.deepEqual(await store.getShards(fx.job.name), []);
    assert.ok((await store.listWindows(fx.job.name, 100)).length >= first.windows.length);
    const again = JSON.parse((await runCli(['run', '--config', fx.jobPath, '--json'])).stdout) as RunSummary;
    assert.equal(again.records, first.records, 'the rerun exports the same records again from the start');
  });

  it('refuses while an export holds the lease', async () => {
    const { store } = fx.adapters();
    const taken = await store.acquireLease(fx.job.name, 'running-export', 60_000, Date.now());
    assert.ok(taken.acquired);
    const result = await runCli(['reset', '--config', fx.jobPath, '--yes']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /holds the lease/);
    await store.releaseLease(fx.job.name, taken.lease);
  });
});
