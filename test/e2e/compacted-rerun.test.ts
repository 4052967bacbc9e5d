import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JobConfig } from '../../runtime/config/job.ts';
import { connectJob } from '../../runtime/export/connect.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { createRetrier } from '../../runtime/export/retrier.ts';
import type { StatusStore } from '../../runtime/export/status-store.ts';
import { conditions } from '../../runtime/tablestore/client.ts';
import { TablestoreStatusStore } from '../../runtime/tablestore/status-store.ts';
import { createLogger } from '../../runtime/util/logger.ts';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';

// Compacted mode writes one object per window, then commits each shard. A run that stops between
// those commits leaves a window whose object is written and some shards still at the window's start.
// Records that became readable after that object was written, but belong to the window by commit time,
// must still be exported, once: the rerun may not read on past where the object's data ended.

const JOBS = ['compacted-rerun', 'compacted-overlap', 'compacted-unsaved'];
let e2e: E2E;
const ids = new Map<string, string[]>(JOBS.map((j) => [j, []]));
const first = new Map<string, RunSummary>();

/** A run of the job whose status store fails the `failAt`-th shard commit, as a crash there would. */
async function run(name: string, failAt?: number, job: JobConfig = e2e.job(name).job): Promise<RunSummary & { warnings: string[] }> {
  const { info } = e2e.pipeline.emulators;
  const clock = e2e.pipeline.clock;
  const retry = createRetrier({ maxRetries: 0, logger: createLogger({ write: () => undefined }), sleep: async () => undefined });
  const adapters = connectJob(job, { tablestore: info.tablestore, oss: info.oss }, info, retry);
  let commits = 0;
  const store: StatusStore = Object.assign(Object.create(adapters.store) as StatusStore, {
    putShard: async (job: string, checkpoint: Parameters<StatusStore['putShard']>[1]) => {
      if (++commits === failAt) throw new Error('the run stopped between shard commits');
      return adapters.store.putShard(job, checkpoint);
    },
  });
  const warnings: string[] = [];
  const logger = createLogger({
    write: (line) => {
      const entry = JSON.parse(line) as { level: string; message: string };
      if (entry.level === 'warn') warnings.push(entry.message);
    },
  });
  const summary = await runExport({ job, ...adapters, store, retry, logger, deadline: clock.now() + 10 * MINUTE, now: clock.now, sleep: clock.sleep });
  return { ...summary, warnings };
}

const statusStore = (name: string) => new TablestoreStatusStore(e2e.job(name).tables, e2e.job(name).job.source.statusTable);

/** How many times each id appears across every exported window object (one row per key per window). */
async function exportedIds(name: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const key of await e2e.oss.dataKeys(`exports/${name}/`)) {
    for (const line of (await e2e.oss.get(key)).toString('utf8').split('\n').filter(Boolean)) {
      const id = String((JSON.parse(line) as { id: unknown }).id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  return seen;
}

describe('e2e: a compacted window rerun after some shards committed', () => {
  before(async () => {
    e2e = await startE2E(JOBS.map((name) => ({ name, reader: { mode: 'compacted', isExportSequenceInfo: false }, sink: { fileFormat: 'jsonl' } })));
    const clock = e2e.pipeline.clock;
    const put = async (id: string) => {
      for (const name of JOBS) {
        ids.get(name)!.push(id);
        await applyChange(e2e.job(name), { kind: 'put', key: [id, 1n], cells: [['v', id]] });
      }
    };
    for (let i = 0; i < 40; i++) {
      clock.set(T0 + i * 1000);
      await put(`early-${i}`);
    }
    // Committed at 0:57, inside the first window, but readable only 20 s later: after the 10 s safety
    // lag, so the first run finds every shard caught up and the window settled without them.
    e2e.pipeline.emulators.tablestore.faults.visibilityDelayMs = 20_000;
    clock.set(T0 + 57_000);
    for (let i = 0; i < 20; i++) await put(`late-${i}`);
    e2e.pipeline.emulators.tablestore.faults.visibilityDelayMs = 0;
    clock.set(T0 + 75_000);
    for (const name of JOBS) first.set(name, await run(name, 2));
    clock.set(T0 + 2 * MINUTE + 15_000);
  });
  after(() => e2e?.close());

  it('the first run wrote the window\'s object and stopped after one shard committed', async () => {
    const name = JOBS[0]!;
    assert.match(first.get(name)!.error?.message ?? '', /stopped between shard commits/);
    const { table, instance } = e2e.job(name).job.source;
    const late = e2e.pipeline.emulators.tablestore.changeLog(table, instance).filter((r) => String(r.primaryKey[0]!.value).startsWith('late-'));
    assert.ok(new Set(late.map((r) => r.shardId)).size >= 2, 'late records in both shards, the uncommitted one too');
    assert.equal((await statusStore(name).getShards(name)).length, 1);
    assert.equal((await e2e.oss.dataKeys(`exports/${name}/`)).length, 1, 'the window\'s object');
  });

  it('the rerun commits the other shard where the object\'s data ended: every record once, late ones in the next window', async () => {
    const name = JOBS[0]!;
    const second = await run(name);
    assert.ok(second.ok, second.error?.message);
    assert.deepEqual(second.windows.map((w) => w.id), [windowIdAt(T0), windowIdAt(T0 + MINUTE)]);
    const seen = await exportedIds(name);
    assert.deepEqual([...seen.entries()].filter(([, n]) => n !== 1), [], 'no id twice');
    assert.deepEqual([...seen.keys()].sort(), [...ids.get(name)!].sort(), 'no id missing');
    const window = await e2e.oss.window(prefixAt(name, T0), windowIdAt(T0));
    assert.ok(window.success);
    assert.deepEqual([window.manifest.rows, window.manifest.records], [40, 40], 'counts of what its object holds, not of records read again');
    assert.equal((await e2e.oss.manifest(prefixAt(name, T0 + MINUTE), windowIdAt(T0 + MINUTE))).rows, 20, 'the late records');
  });

  it('refuses to commit when a committed shard is not where the saved ends say (runs overlapped)', async () => {
    const name = JOBS[1]!;
    const store = statusStore(name);
    const [done] = await store.getShards(name);
    const ends = (await store.getWindowEnds(name))!;
    const moved = ends.shards.map((s) => (s.shardId === done!.shardId ? { ...s, cursor: { iterator: s.cursor!.iterator, skip: s.cursor!.skip + 1 } } : s));
    await store.putWindowEnds(name, { ...ends, shards: moved });
    const second = await run(name);
    assert.equal(second.ok, false);
    assert.equal(second.error?.name, 'WindowEndsError');
    const { message } = second.error!;
    assert.match(message, new RegExp(`shard ${done!.shardId} committed the window elsewhere`));
    // The way out it names: startFrom at the window's start, then reset; not backfill, which moves no checkpoint.
    assert.ok(message.includes(`set window.startFrom to ${new Date(T0).toISOString()} (its start)`), message);
    assert.ok(message.includes('`ots2oss reset --config <job file> --yes`'), message);
    assert.match(message, /`ots2oss backfill` does not help/);
    assert.equal((await store.getShards(name)).length, 1, 'nothing more committed');
    // A scheduled run stops there again: nothing moved.
    assert.equal((await run(name)).error?.name, 'WindowEndsError');
  });

  it('following its advice, the window is exported again whole: every record once', async () => {
    const name = JOBS[1]!;
    const failed = await run(name);
    const startFrom = /set window\.startFrom to (\S+) \(its start\)/.exec(failed.error?.message ?? '')?.[1];
    assert.ok(startFrom, failed.error?.message);
    // What `ots2oss reset --yes` does (test/cli/reset.test.ts runs the command itself).
    await statusStore(name).clearProgress(name);
    const local = e2e.job(name).job;
    const after = await run(name, undefined, { ...local, window: { ...local.window, startFrom } });
    assert.ok(after.ok, after.error?.message);
    assert.equal(after.windows[0]?.id, windowIdAt(T0));
    const seen = await exportedIds(name);
    assert.deepEqual([...seen.entries()].filter(([, n]) => n !== 1), [], 'no id twice');
    assert.deepEqual([...seen.keys()].sort(), [...ids.get(name)!].sort(), 'no id missing');
  });

  it('a window left partly committed without saved ends (by an earlier version) goes on, with a warning', async () => {
    const name = JOBS[2]!;
    const local = e2e.job(name);
    await local.tables.deleteRow({
      tableName: local.job.source.statusTable, condition: conditions.ignore(),
      primaryKey: [{ StreamId: `ots2oss:${name}` }, { StatusType: 'ends' }, { StatusValue: 'compacted' }],
    });
    const second = await run(name);
    assert.ok(second.ok, second.error?.message);
    assert.ok(second.warnings.some((w) => /without saved shard ends/.test(w)), second.warnings.join('; '));
    assert.deepEqual([...(await exportedIds(name)).entries()].filter(([, n]) => n !== 1), [], 'no id twice');
  });
});
