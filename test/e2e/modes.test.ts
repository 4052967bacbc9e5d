import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeRecord } from '../../runtime/core/change.ts';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type Change, type E2E } from '../support/e2e.ts';
import { compactedRows, csvLine, jsonLine, singleVersionLine } from '../support/dataworks.ts';

// single_version_and_update_only (DataWorks) and compacted (last image per key and window), checked
// byte for byte against the hand-written rules, over two windows.

const SINGLE_COLUMNS = ['id', 'n', 's', 'missing', 'd', 'i'];
const JOBS = {
  single: { name: 'single', reader: { mode: 'single_version_and_update_only', column: SINGLE_COLUMNS, isExportSequenceInfo: true } },
  singleJsonl: { name: 'single-jsonl', reader: { mode: 'single_version_and_update_only', column: ['s', 'id'], isExportSequenceInfo: false }, sink: { fileFormat: 'jsonl' } },
  compacted: { name: 'compacted', reader: { mode: 'compacted' } },
};

const at = (s: number) => T0 + s * 1000;
const A = ['a', 1n];
const B = ['b, "quoted"', 2n];
const C = ['c', 3n];
const D = ['d', 4n];
const E = ['e', 5n];
const F = ['f', 6n];

/** Two windows of writes; each phase ends with a tick once its window is due. */
const PHASES: Array<{ window: number; writes: Array<[number, Change]> }> = [
  {
    window: T0,
    writes: [
      [at(1), { kind: 'put', key: A, cells: [['s', 'a1'], ['d', -250.5], ['i', 9007199254740993n], ['extra', 'x']] }],
      [at(2), { kind: 'put', key: B, cells: [['s', 'comma, b'], ['d', Number.NaN]] }],
      [at(3), { kind: 'update', key: A, put: [['s', 'a2']], deleteAll: ['i'], deleteVersion: [['d', at(1)]] }],
      [at(4), { kind: 'delete', key: B }],
      [at(5), { kind: 'update', key: C, put: [['s', 'c only']] }],
      [at(6), { kind: 'put', key: D, cells: [['s', 'd1']] }],
      [at(7), { kind: 'delete', key: D }],
      [at(8), { kind: 'put', key: D, cells: [['s', 'line\nd2'], ['i', -7n]] }],
      [at(9), { kind: 'update', key: E, deleteAll: ['s'] }],
      [at(10), { kind: 'put', key: F, cells: [] }],
    ],
  },
  {
    window: T0 + MINUTE,
    writes: [
      [at(72), { kind: 'update', key: A, put: [['s', 'a3'], ['d', 100]] }],
      [at(73), { kind: 'delete', key: C }],
      [at(74), { kind: 'put', key: B, cells: [['s', 'b again']] }],
      [at(75), { kind: 'update', key: B, deleteVersion: [['s', at(74)]] }],
    ],
  },
];

let e2e: E2E;

function windowRecords(job: string, window: number): ChangeRecord[] {
  const local = e2e.job(job);
  return e2e.pipeline.emulators.tablestore.changeLog(local.job.source.table, local.job.source.instance)
    .filter((r) => r.sequence.timestampMicros >= window * 1000 && r.sequence.timestampMicros < (window + MINUTE) * 1000);
}

async function assertBody(key: string, expected: string): Promise<void> {
  assert.equal((await e2e.oss.get(key)).toString('utf8'), expected, key);
}

describe('e2e: single_version_and_update_only and compacted modes', () => {
  before(async () => {
    e2e = await startE2E(Object.values(JOBS));
    for (const phase of PHASES) {
      for (const [time, change] of phase.writes) {
        e2e.pipeline.clock.set(time);
        for (const job of Object.values(JOBS)) await applyChange(e2e.job(job.name), change);
      }
      e2e.pipeline.clock.set(phase.window + MINUTE + 11_000);
      for (const job of Object.values(JOBS)) {
        const summary = await e2e.tick(job.name);
        assert.ok(summary.ok, summary.error?.message);
        assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(phase.window)], `${job.name} exports one window per tick`);
        assert.equal(summary.records, phase.writes.length);
      }
    }
  });
  after(() => e2e?.close());

  it('single_version_and_update_only: one line per PUT/UPDATE, configured columns, missing ones null, deletes dropped', async () => {
    const job = JOBS.single.name;
    const header = csvLine([...SINGLE_COLUMNS, 'sequenceInfo']);
    for (const phase of PHASES) {
      const byShard = new Map<string, string[]>();
      for (const r of windowRecords(job, phase.window)) {
        const line = singleVersionLine(r, SINGLE_COLUMNS, true);
        if (line) byShard.set(r.shardId, [...(byShard.get(r.shardId) ?? []), csvLine(line)]);
      }
      const prefix = `${prefixAt(job, phase.window)}/${windowIdAt(phase.window)}_`;
      const keys = (await e2e.oss.dataKeys(`exports/${job}/`)).filter((k) => k.startsWith(prefix));
      assert.deepEqual(keys, [...byShard.keys()].map((s) => `${prefix}${s}_0000.csv`).sort(), 'one object per shard with lines');
      for (const [shardId, lines] of byShard) await assertBody(`${prefix}${shardId}_0000.csv`, header + lines.join(''));
    }
    // The rules at work, independently of the expectation builder: no DELETE line, DA-only update keeps its key line.
    const all = (await Promise.all((await e2e.oss.dataKeys(`exports/${job}/`)).map((k) => e2e.oss.get(k)))).map((b) => b.toString('utf8')).join('');
    assert.equal(all.split('\n"b, ""quoted""",2,').length - 1, 3, 'b has four records (put, delete, put, update) and the DELETE gives no line');
    assert.match(all, /\ne,5,null,null,null,null,\d{10}_/, 'an update that only deletes cells still gives its key line');
    assert.match(all, /\na,1,a2,null,null,null,/, 'delete cells are ignored, absent columns are null');
  });

  it('single_version_and_update_only in jsonl, without sequence info', async () => {
    const job = JOBS.singleJsonl.name;
    for (const phase of PHASES) {
      const byShard = new Map<string, string[]>();
      for (const r of windowRecords(job, phase.window)) {
        const line = singleVersionLine(r, ['s', 'id'], false);
        if (line) byShard.set(r.shardId, [...(byShard.get(r.shardId) ?? []), jsonLine(['s', 'id'], line)]);
      }
      const prefix = `${prefixAt(job, phase.window)}/${windowIdAt(phase.window)}_`;
      for (const [shardId, lines] of byShard) await assertBody(`${prefix}${shardId}_0000.jsonl`, lines.join(''));
    }
  });

  it('compacted: one object per window holding the last image of each key, with deleted flag', async () => {
    const job = JOBS.compacted.name;
    const keys = await e2e.oss.dataKeys(`exports/${job}/`);
    assert.deepEqual(keys, PHASES.map((p) => `${prefixAt(job, p.window)}/${windowIdAt(p.window)}_all_0000.csv`).sort());
    for (const phase of PHASES) {
      const { columns, rows } = compactedRows(windowRecords(job, phase.window));
      const expected = csvLine(['id', 'n', ...columns, '_deleted', '_image', '_sequence', '_timestamp']) + rows.map((r) => csvLine(r)).join('');
      await assertBody(`${prefixAt(job, phase.window)}/${windowIdAt(phase.window)}_all_0000.csv`, expected);
      const manifest = await e2e.oss.manifest(prefixAt(job, phase.window), windowIdAt(phase.window));
      assert.equal(manifest.objects.length, 1);
      assert.equal(manifest.objects[0]!.rows, rows.length);
      assert.equal(manifest.records, phase.writes.length);
    }
    // Spot checks of the first window's images, independent of the expectation builder.
    const first = (await e2e.oss.get(keys[0]!)).toString('utf8');
    assert.match(first, /^id,n,d,extra,i,s,_deleted,_image,_sequence,_timestamp\n/);
    assert.match(first, /\na,1,null,x,null,a2,false,full,/, 'a: put, then d deleted by version, i dropped, s updated');
    assert.match(first, /\n"b, ""quoted""",2,null,null,null,null,true,full,/, 'b: deleted in the window');
    assert.match(first, /\nc,3,null,null,null,c only,false,partial,/, 'c: only updated, so the image is partial');
    assert.match(first, /\nd,4,null,null,-7,"line\nd2",false,full,/, 'd: put, deleted, put again');
  });
});
