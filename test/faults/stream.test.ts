import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { disableStream } from '../support/e2e.ts';
import { credentialsEnv, removeCliBundle, runCli, writeJobFile } from './support/cli.ts';
import { count, reportCounts } from './support/tally.ts';
import { assertExactlyOnce, verifyExport } from './support/verify.ts';
import { minutesAgo, MINUTE, startWorld, type World } from './support/world.ts';

// The stream changing under the exporter: shards split and merged mid-window, records trimmed
// before they were read, the stream turned off, an iterator the service no longer accepts; and
// the places a job points at being wrong: a missing bucket, bad keys. Each either exports every
// change once or fails closed with an error that says what happened.

after(async () => {
  await removeCliBundle();
  reportCounts('faults/stream');
});

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);

/** The open shard with the most changes so far. */
function busiest(world: World): string {
  const counts = new Map<string, number>();
  for (const r of world.changeLog()) counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1);
  const open = world.pipeline.emulators.tablestore.shards(world.table, world.instance).filter((s) => s.open);
  return open.reduce((a, b) => ((counts.get(b.shardId) ?? 0) > (counts.get(a.shardId) ?? 0) ? b : a)).shardId;
}

describe('the stream changes under the exporter', () => {
  it('a shard split mid-window and its children merged mid-window, with 30% throttling: every change once', async () => {
    const world = await startWorld({ startMs: T0, speed: { concurrency: 2 } });
    const ts = world.pipeline.emulators.tablestore;
    try {
      await world.write({ from: T0, to: T0 + 30_000, rows: 30, seed: 31 });
      const [a, b] = ts.splitShard(world.table, busiest(world), world.instance);
      count('faults');
      await world.write({ from: T0 + 30_000, to: T0 + MINUTE + 15_000, rows: 40, seed: 32 });
      // A tick between the split and the merge: the parent and both children hold checkpoints.
      const throttled = async () => {
        ts.faults.configure({ rules: [{ operation: '*', errorRate: 0.3, code: 'OTSServerBusy', count: 1_000_000 }] });
        const summary = await world.run();
        const rule = ts.faults.state().rules[0]!;
        count('faults', rule.count! - rule.remaining!);
        ts.faults.clear();
        assert.equal(summary.ok, true, summary.error?.message);
        return summary;
      };
      const first = await throttled();
      await world.write({ from: T0 + MINUTE + 15_000, to: T0 + MINUTE + 40_000, rows: 30, seed: 33 });
      ts.mergeShards(world.table, a, b, world.instance);
      count('faults');
      await world.write({ from: T0 + MINUTE + 40_000, to: T0 + 3 * MINUTE, rows: 40, seed: 34 });
      world.pipeline.clock.set(T0 + 3 * MINUTE + 15_000);
      const second = await throttled();
      assert.ok(first.retries + second.retries > 5, 'the throttling was felt');
      assert.equal(ts.shards(world.table, world.instance).length, 5, 'two roots, two children, one merged grandchild');
      assertExactlyOnce(await verifyExport(world, { through: T0 + 3 * MINUTE }), 140);
    } finally {
      await world.close();
    }
  });

  it('an iterator the service no longer accepts fails the run without moving checkpoints; the next run exports once', async () => {
    const world = await startWorld({ startMs: T0 });
    try {
      await world.write({ from: T0, to: T0 + MINUTE, rows: 20, seed: 41 });
      world.pipeline.clock.set(T0 + MINUTE + 15_000);
      assert.equal((await world.run()).ok, true);
      await world.write({ from: T0 + MINUTE, to: T0 + 2 * MINUTE, rows: 20, seed: 42 });
      world.pipeline.clock.set(T0 + 2 * MINUTE + 15_000);
      const before = await world.store.getShards(world.job.name);
      const faults = world.pipeline.emulators.tablestore.faults;
      faults.configure({ rules: [{ operation: 'GetStreamRecord', errorRate: 1, code: 'OTSParameterInvalid', message: 'The shard iterator is invalid.', count: 1 }] });
      const failed = await world.run();
      count('faults');
      faults.clear();
      assert.equal(failed.ok, false);
      assert.match(failed.error?.message ?? '', /GetStreamRecord: OTSParameterInvalid: The shard iterator is invalid/);
      assert.equal(failed.retries, 0, 'not retryable: the same iterator fails the same way');
      assert.deepEqual(await world.store.getShards(world.job.name), before);
      const resumed = await world.run();
      assert.equal(resumed.ok, true, resumed.error?.message);
      assertExactlyOnce(await verifyExport(world, { through: T0 + 2 * MINUTE }), 40);
    } finally {
      await world.close();
    }
  });
});

describe('ots2oss run fails closed, with a clear error, when', () => {
  /** A world six minutes back, so its windows are due for the real-time child. */
  async function realTime(): Promise<{ world: World; t0: number; config: string; env: Record<string, string> }> {
    const t0 = minutesAgo(6);
    const world = await startWorld({ startMs: t0 });
    await world.write({ from: t0, to: t0 + MINUTE, rows: 20, seed: 51 });
    await world.write({ from: t0 + MINUTE, to: t0 + 2 * MINUTE, rows: 20, seed: 52 });
    return { world, t0, config: writeJobFile(world.dir, world.job), env: credentialsEnv(world.pipeline.emulators.info) };
  }

  it('records were trimmed before they were read: exit 1 naming OTSTrimmedDataAccess, and it keeps failing', async () => {
    const { world, config, env } = await realTime();
    try {
      const first = await runCli(config, { env, args: ['--max-windows', '1'] });
      assert.equal(first.code, 0, first.stderr);
      const log = world.changeLog();
      world.pipeline.emulators.tablestore.trimBefore(world.table, log.at(-1)!.sequence.timestampMicros, world.instance);
      count('faults');
      for (let attempt = 0; attempt < 2; attempt++) {
        const run = await runCli(config, { env });
        assert.equal(run.code, 1, `attempt ${attempt}: ${run.stdout}`);
        assert.match(run.summary?.error?.message ?? '', /OTSTrimmedDataAccess/);
        assert.deepEqual(run.summary?.windows, [], 'no window is reported done');
      }
      const manifests = (await world.oss.keys('exports/')).filter((k) => k.endsWith('manifest.json'));
      assert.equal(manifests.length, 1, 'only the window exported before the trim has a manifest');
      assert.match((await world.store.getJob(world.job.name))?.lastError ?? '', /OTSTrimmedDataAccess/);
    } finally {
      await world.close();
    }
  });

  it('the stream is disabled: exit 1 naming the command that enables it', async () => {
    const { world, config, env } = await realTime();
    try {
      await disableStream(world.local);
      count('faults');
      const run = await runCli(config, { env });
      assert.equal(run.code, 1);
      assert.match(run.summary?.error?.message ?? '', /Tablestore Stream is not enabled on e2e\/faults.*ots2oss enable-stream --instance e2e --table faults/s);
      assert.deepEqual(await world.oss.keys('exports/'), []);
    } finally {
      await world.close();
    }
  });

  it('the bucket does not exist: exit 1 naming the bucket and sink.bucket, nothing committed', async () => {
    const { world, env } = await realTime();
    try {
      count('faults');
      const run = await runCli(writeJobFile(world.dir, world.jobWith({ sink: { bucket: 'no-such-bucket' } }), 'missing.json'), { env });
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.summary?.error?.message ?? '', /^sink\.bucket: bucket "no-such-bucket" does not exist \(OSS answered NoSuchBucket to /, run.stderr);
      assert.deepEqual(await world.store.getShards(world.job.name), [], 'no checkpoint');
      assert.equal((await world.store.readLease(world.job.name))?.owner, '', 'the lease was released');
    } finally {
      await world.close();
    }
  });

  it('OSS refuses the keys, or the write: exit 1 naming the bucket and what to check, no checkpoint', async () => {
    const { world, t0, config, env } = await realTime();
    const keys = world.pipeline.emulators.info;
    const store = world.pipeline.emulators.oss.credentials;
    try {
      const cases = [
        { credential: { ...keys, accessKeySecret: 'rotated-secret' }, says: /OSS rejected the access key for bucket "ots2oss-e2e" \(OSS answered SignatureDoesNotMatch/ },
        { credential: { ...keys, allow: [{ bucket: world.bucket, prefix: 'elsewhere/' }] }, says: /may not do this in bucket "ots2oss-e2e" \(OSS answered AccessDenied/ },
      ];
      for (const c of cases) {
        store.add(c.credential);
        count('faults');
        const run = await runCli(config, { env });
        assert.equal(run.code, 1, run.stdout);
        assert.match(run.summary?.error?.message ?? '', c.says, run.stderr);
      }
      store.add(keys);
      assert.deepEqual(await world.store.getShards(world.job.name), []);
      const resumed = await runCli(config, { env });
      assert.equal(resumed.code, 0, resumed.stderr);
      assertExactlyOnce(await verifyExport(world, { through: t0 + 2 * MINUTE }), 40);
    } finally {
      await world.close();
    }
  });

  it('the keys are wrong (unknown id, or a wrong secret): exit 1 naming OTSAuthFailed, nothing written', async () => {
    const { world, env } = await realTime();
    try {
      const bad: Array<Record<string, string>> = [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'nobody' }, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' }];
      for (const override of bad) {
        count('faults');
        const run = await runCli(writeJobFile(world.dir, world.job), { env: { ...env, ...override } });
        assert.equal(run.code, 1);
        assert.match(run.stderr, /OTSAuthFailed: (The AccessKeyID does not exist|Signature mismatch)/);
      }
      assert.deepEqual(await world.oss.keys('exports/'), []);
      assert.equal(await world.store.getJob(world.job.name), undefined);
    } finally {
      await world.close();
    }
  });
});
