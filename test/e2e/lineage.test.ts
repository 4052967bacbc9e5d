import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';
import { compactedRows, csvLine, sequenceOf } from '../support/dataworks.ts';
import { parseCsv } from '../support/csv.ts';
import { splitSequence } from '../support/exported.ts';

// Shards split and merge in the middle of windows; a key's records then sit in a parent and a child.
// Reading children only after their parents keeps every key's records in commit order across the
// window's objects (manifest order), and across consecutive windows.

const JOBS = [
  { name: 'lineage', speed: { concurrency: 1 } },
  { name: 'lineage-par', speed: { concurrency: 3 } },
];
const COMPACTED = { name: 'lineage-compacted', reader: { mode: 'compacted' }, speed: { concurrency: 3 } };
const ALL_JOBS = [...JOBS, COMPACTED];
const KEYS = Array.from({ length: 24 }, (_, i) => [`k${String(i).padStart(2, '0')}`, BigInt(i)] as const);

let e2e: E2E;
const reshaped = new Map<string, string[]>();

/** One round: a change to every key, each at its own 100 ms. */
async function round(startMs: number, value: string, deleteEvery = 0): Promise<void> {
  for (let i = 0; i < KEYS.length; i++) {
    e2e.pipeline.clock.set(startMs + i * 100);
    const key = [...KEYS[i]!];
    for (const job of ALL_JOBS) {
      const local = e2e.job(job.name);
      if (deleteEvery && i % deleteEvery === 0) await applyChange(local, { kind: 'delete', key });
      else await applyChange(local, { kind: 'update', key, put: [['s', `${value}-${i}`]] });
    }
  }
}

function reshape(what: (tablestore: E2E['pipeline']['emulators']['tablestore'], table: string, instance: string) => string): void {
  for (const job of ALL_JOBS) {
    const { table, instance } = e2e.job(job.name).job.source;
    reshaped.set(job.name, [...(reshaped.get(job.name) ?? []), what(e2e.pipeline.emulators.tablestore, table, instance)]);
  }
}

const open = (tablestore: E2E['pipeline']['emulators']['tablestore'], table: string, instance: string) =>
  tablestore.shards(table, instance).filter((s) => s.open).map((s) => s.shardId);

async function tickAll(): Promise<void> {
  for (const job of ALL_JOBS) {
    const summary = await e2e.tick(job.name);
    assert.ok(summary.ok, `${job.name}: ${summary.error?.message}`);
  }
}

describe('e2e: shard split and merge during a window keep per-key order', () => {
  before(async () => {
    e2e = await startE2E(ALL_JOBS);
    // Window 1: puts, split, updates, merge, updates.
    for (let i = 0; i < KEYS.length; i++) {
      e2e.pipeline.clock.set(T0 + 1000 + i * 100);
      for (const job of ALL_JOBS) await applyChange(e2e.job(job.name), { kind: 'put', key: [...KEYS[i]!], cells: [['s', `r1-${i}`]] });
    }
    reshape((ts, table, instance) => {
      const [parent] = open(ts, table, instance).slice(-1);
      return `split ${parent} -> ${ts.splitShard(table, parent!, instance).join(',')}`;
    });
    await round(T0 + 10_000, 'r2');
    reshape((ts, table, instance) => {
      const [a, b] = open(ts, table, instance); // shard 0 and the lower child: adjacent
      return `merge ${a},${b} -> ${ts.mergeShards(table, a!, b!, instance)}`;
    });
    await round(T0 + 20_000, 'r3');
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
    await tickAll();
    // Window 2: updates and deletes, a split of the merged shard, more updates.
    await round(T0 + MINUTE + 12_000, 'r4', 5);
    reshape((ts, table, instance) => {
      const merged = open(ts, table, instance).at(-1)!;
      return `split ${merged} -> ${ts.splitShard(table, merged, instance).join(',')}`;
    });
    await round(T0 + MINUTE + 20_000, 'r5');
    e2e.pipeline.clock.set(T0 + 2 * MINUTE + 11_000);
    await tickAll();
  });
  after(() => e2e?.close());

  for (const job of JOBS) {
    it(`${job.name} (concurrency ${job.speed.concurrency}): each key's records in commit order across parent and child objects`, async () => {
      const local = e2e.job(job.name);
      const { table, instance } = local.job.source;
      assert.equal(reshaped.get(job.name)!.length, 3, 'two splits and a merge happened');
      const lineage = new Map(e2e.pipeline.emulators.tablestore.shards(table, instance).map((s) => [s.shardId, [s.parentId, s.parentSiblingId].filter(Boolean)]));
      const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
      const keyOf = (id: string, n: string) => `${id}|${n}`;

      const exportedByKey = new Map<string, string[]>();
      for (const window of [T0, T0 + MINUTE]) {
        const out = await e2e.oss.window(prefixAt(job.name, window), windowIdAt(window));
        assert.ok(out.success, '_SUCCESS written');
        // The manifest names each shard's parents, so a reader can order one key's changes across objects.
        const manifest = JSON.parse((await e2e.oss.get(`${prefixAt(job.name, window)}/_ots2oss/${windowIdAt(window)}/manifest.json`)).toString('utf8')) as {
          shards: Array<{ shardId: string; parentId?: string; parentSiblingId?: string }>;
        };
        for (const s of manifest.shards) assert.deepEqual([s.parentId, s.parentSiblingId].filter(Boolean), lineage.get(s.shardId), `${s.shardId}'s parents`);
        assert.ok(manifest.shards.some((s) => s.parentId), `${windowIdAt(window)}: children name their parents`);
        // Manifest order follows lineage: no object of a child before an object of its parent.
        const order = out.objects.map((o) => o.shardId);
        order.forEach((shard, i) => {
          for (const parent of lineage.get(shard) ?? []) {
            const parentAt = order.indexOf(parent!);
            assert.ok(parentAt < 0 || parentAt < i, `${windowIdAt(window)}: ${parent} before its child ${shard} in ${order.join(' ')}`);
          }
        });
        const inWindow = new Map<string, string[]>();
        const shardsOfKey = new Map<string, Set<string>>();
        for (const o of out.objects) {
          const [, ...rows] = parseCsv(o.body.toString('utf8'));
          let last = '';
          for (const row of rows) {
            const { base } = splitSequence(row.at(-1)!.value);
            if (base === last) continue; // further lines of the same record
            last = base;
            const key = keyOf(row[0]!.value, row[1]!.value);
            inWindow.set(key, [...(inWindow.get(key) ?? []), base]);
            shardsOfKey.set(key, (shardsOfKey.get(key) ?? new Set()).add(o.shardId));
          }
        }
        const expected = new Map<string, string[]>();
        for (const r of log) {
          if (r.sequence.timestampMicros < window * 1000 || r.sequence.timestampMicros >= (window + MINUTE) * 1000) continue;
          const key = keyOf(String(r.primaryKey[0]!.value), String(r.primaryKey[1]!.value));
          expected.set(key, [...(expected.get(key) ?? []), sequenceOf(r)]);
        }
        assert.deepEqual(inWindow, expected, `${windowIdAt(window)}: per-key commit order`);
        const spanning = [...shardsOfKey.values()].filter((s) => s.size >= 2).length;
        assert.ok(spanning > 0, `${windowIdAt(window)}: some keys have records in a parent and a child`);
        for (const [key, bases] of inWindow) exportedByKey.set(key, [...(exportedByKey.get(key) ?? []), ...bases]);
      }
      // Across both windows, each key's history is the change log's, in order.
      const history = new Map<string, string[]>();
      for (const r of log) {
        const key = keyOf(String(r.primaryKey[0]!.value), String(r.primaryKey[1]!.value));
        history.set(key, [...(history.get(key) ?? []), sequenceOf(r)]);
      }
      assert.deepEqual(exportedByKey, history);
    });
  }

  it('compacted (concurrency 3): each window holds the last image of every key, as if read in commit order', async () => {
    const { table, instance } = e2e.job(COMPACTED.name).job.source;
    const log = e2e.pipeline.emulators.tablestore.changeLog(table, instance);
    for (const window of [T0, T0 + MINUTE]) {
      const inWindow = log.filter((r) => r.sequence.timestampMicros >= window * 1000 && r.sequence.timestampMicros < (window + MINUTE) * 1000);
      assert.ok(new Set(inWindow.map((r) => r.shardId)).size >= 3, 'the window\'s records span parents and children');
      const { columns, rows } = compactedRows(inWindow);
      const expected = csvLine(['id', 'n', ...columns, '_deleted', '_image', '_sequence', '_timestamp']) + rows.map((r) => csvLine(r)).join('');
      const key = `${prefixAt(COMPACTED.name, window)}/${windowIdAt(window)}_all_0000.csv`;
      assert.equal((await e2e.oss.get(key)).toString('utf8'), expected);
    }
  });
});
