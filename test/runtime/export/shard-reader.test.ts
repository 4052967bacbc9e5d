import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import TableStore from 'tablestore';
import { startEmulators, type Emulators } from '../../../emulators/index.ts';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import { readShardWindow, CursorLostError } from '../../../runtime/export/shard-reader.ts';
import type { Cursor } from '../../../runtime/export/status-store.ts';
import { SimClock } from '../../../runtime/local/clock.ts';
import { createDataTable } from '../../../runtime/local/provision.ts';
import { conditions, createTablestoreClient, type TablestoreTables } from '../../../runtime/tablestore/client.ts';
import { TablestoreSource } from '../../../runtime/tablestore/source.ts';
import { enableStream } from '../../../runtime/tablestore/stream-admin.ts';
import { StreamClient } from '../../../runtime/tablestore/stream-client.ts';
import { seededRandom } from '../../../runtime/util/random.ts';

// The window boundary is where exactly-once is won or lost: the cursor must point at the first
// record at or after the window's end, in the middle of a batch as well as at its edge.

const T0 = Date.UTC(2026, 10, 26, 10, 0);
const MINUTE = 60_000;
/** Reads without a linger budget must never wait. */
const neverWaits = async (): Promise<void> => {
  throw new Error('the read waited without a linger budget');
};

describe('readShardWindow against the Tablestore emulator', () => {
  let emulators: Emulators;
  let tables: TablestoreTables;
  let source: TablestoreSource;
  const clock = new SimClock(T0);

  before(async () => {
    emulators = await startEmulators({ now: clock.now });
    const creds = emulators.info;
    tables = createTablestoreClient({ endpoint: creds.tablestore, instance: creds.instance, credentials: creds });
    await createDataTable(tables, 'events', { primaryKey: [{ name: 'id', type: 'INTEGER' }], timeToLive: -1, maxVersion: 1 });
    await enableStream(tables, 'events', 24);
    // One shard keeps the order simple to state: 7 records in window 0, 5 in window 1.
    for (let i = 0; i < 12; i++) {
      clock.set(T0 + (i < 7 ? i * 5_000 : MINUTE + (i - 7) * 5_000));
      await tables.putRow({ tableName: 'events', condition: conditions.ignore(), primaryKey: [{ id: TableStore.Long.fromNumber(i) }], attributeColumns: [{ n: String(i) }] });
    }
    const streams = new StreamClient({ endpoint: creds.tablestore, instance: creds.instance, credentials: creds });
    source = new TablestoreSource(tables, streams, creds.instance, 'events');
  });
  after(() => emulators.close());

  async function shardWithRecords(): Promise<string> {
    const { shards } = await source.describe();
    const counts = emulators.tablestore.changeLog('events').reduce((m, r) => m.set(r.shardId, (m.get(r.shardId) ?? 0) + 1), new Map<string, number>());
    return shards.map((s) => s.shardId).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
  }

  async function readWindow(shardId: string, from: { iterator: string; skip: number }, start: number, batchSize: number) {
    const seen: ChangeRecord[] = [];
    const outcome = await readShardWindow({
      source, shardId, from, start, end: start + MINUTE, safetyLagMs: 30_000, batchSize,
      deadline: Number.POSITIVE_INFINITY, now: clock.now, sleep: neverWaits,
      onRecords: async (records, a, b) => {
        seen.push(...records.slice(a, b));
      },
    });
    return { outcome, ids: seen.map((r) => Number(r.primaryKey[0]!.value)) };
  }

  for (const batchSize of [1, 3, 7, 100]) {
    it(`splits two windows exactly with batches of ${batchSize}`, async () => {
      clock.set(Math.max(clock.now(), T0 + 3 * MINUTE));
      const shardId = await shardWithRecords();
      const inShard = emulators.tablestore.changeLog('events').filter((r) => r.shardId === shardId).map((r) => Number(r.primaryKey[0]!.value));
      const start = { iterator: await source.iterator(shardId), skip: 0 };
      const first = await readWindow(shardId, start, T0, batchSize);
      assert.equal(first.outcome.kind, 'complete');
      assert.deepEqual(first.ids, inShard.filter((id) => id < 7));
      const next = first.outcome.kind === 'complete' ? first.outcome.next : undefined;
      assert.ok(next, 'window 0 hands a cursor to window 1');
      const second = await readWindow(shardId, next, T0 + MINUTE, batchSize);
      assert.deepEqual(second.ids, inShard.filter((id) => id >= 7));
      assert.equal(second.outcome.kind, 'complete', 'caught up and older than the safety lag');
      const third = await readWindow(shardId, second.outcome.kind === 'complete' ? second.outcome.next! : next, T0 + 2 * MINUTE, batchSize);
      assert.deepEqual(third.ids, []);
    });
  }

  it('reads a window from a seek the service answers in token-paged steps, each record once', async () => {
    clock.set(Math.max(clock.now(), T0 + 3 * MINUTE));
    const shardId = await shardWithRecords();
    const inShard = emulators.tablestore.changeLog('events').filter((r) => r.shardId === shardId).map((r) => Number(r.primaryKey[0]!.value));
    assert.ok(inShard.some((id) => id < 7) && inShard.some((id) => id >= 7), 'the shard has records before the seek time and after it');
    // The first answer has no iterator, the next one stops at the shard's oldest record, the last is the answer.
    emulators.tablestore.faults.seekSteps = 3;
    try {
      const from = { iterator: await source.iterator(shardId, (T0 + MINUTE) * 1000), skip: 0 };
      const second = await readWindow(shardId, from, T0 + MINUTE, 2);
      assert.deepEqual(second.ids, inShard.filter((id) => id >= 7));
    } finally {
      emulators.tablestore.faults.seekSteps = 1;
    }
  });

  describe('an explicit window read (skipBeforeStart)', () => {
    // The emulator commits in time order, so the records out of time order that the service can hand back
    // (skew between its servers) are made by moving chosen records' commit times before the window.
    const before = (T0 - MINUTE) * 1000;
    function skewed(moved: Set<number>): TablestoreSource {
      return Object.assign(Object.create(source) as TablestoreSource, {
        read: async (shardId: string, iterator: string, limit: number) => {
          const batch = await source.read(shardId, iterator, limit);
          const records = batch.records.map((r) => (moved.has(Number(r.primaryKey[0]!.value)) ? { ...r, sequence: { ...r.sequence, timestampMicros: before } } : r));
          return { ...batch, records };
        },
      });
    }

    for (const batchSize of [1, 2, 3, 100]) {
      it(`skips only the leading older records, and takes a later one as late, with batches of ${batchSize}`, async () => {
        clock.set(Math.max(clock.now(), T0 + 3 * MINUTE));
        const shardId = await shardWithRecords();
        const inWindow = emulators.tablestore.changeLog('events').filter((r) => r.shardId === shardId).map((r) => Number(r.primaryKey[0]!.value));
        assert.ok(inWindow.length >= 4, `the shard holds ${inWindow.length} records of the two minutes`);
        const [lead1, lead2, , late] = inWindow as [number, number, number, number];
        const seen: number[] = [];
        const outcome = await readShardWindow({
          source: skewed(new Set([lead1, lead2, late])), shardId, from: { iterator: await source.iterator(shardId), skip: 0 },
          start: T0, end: T0 + 2 * MINUTE, safetyLagMs: 30_000, batchSize, deadline: Number.POSITIVE_INFINITY, now: clock.now,
          sleep: neverWaits, skipBeforeStart: true,
          onRecords: async (records, a, b) => {
            seen.push(...records.slice(a, b).map((r) => Number(r.primaryKey[0]!.value)));
          },
        });
        assert.deepEqual(seen, inWindow.slice(2), 'the leading two are skipped; the later older one is taken');
        assert.equal(outcome.kind === 'complete' && outcome.late, 1);
      });
    }
  });

  it('reports a window as behind while it is younger than the safety lag', async () => {
    const shardId = await shardWithRecords();
    const from = { iterator: await source.iterator(shardId, (T0 + MINUTE) * 1000), skip: 0 };
    const outcome = await readShardWindow({
      source, shardId, from, start: T0 + 5 * MINUTE, end: T0 + 6 * MINUTE, safetyLagMs: MINUTE,
      batchSize: 100, deadline: Number.POSITIVE_INFINITY, now: () => T0 + 6 * MINUTE, onRecords: async () => undefined,
      sleep: neverWaits,
    });
    assert.equal(outcome.kind, 'behind');
  });

  it('refuses a cursor that skips more records than the stream returns', async () => {
    const shardId = await shardWithRecords();
    const from = { iterator: await source.iterator(shardId), skip: 1000 };
    await assert.rejects(readWindow(shardId, from, T0, 100), (error) => error instanceof CursorLostError && /skips 1000 records .* and then has no more records/.test(error.message));
  });

  describe('lingering on a caught-up shard (window.lingerSeconds)', () => {
    // Window [T0+10m, T0+11m), read from its start when the clock is 1 s past its end: caught up, and
    // younger than the one-minute lag. The sleep advances the simulated clock.
    const start = T0 + 10 * MINUTE;
    const end = start + MINUTE;
    async function lingering(options: { lingerMs: number; deadline?: number; onSleep?: (n: number) => Promise<void> }) {
      const shardId = await shardWithRecords();
      clock.set(Math.max(clock.now(), end + 1_000));
      const sleeps: number[] = [];
      const from = { iterator: await source.iterator(shardId, start * 1000), skip: 0 };
      const outcome = await readShardWindow({
        source, shardId, from, start, end, safetyLagMs: MINUTE, lingerMs: options.lingerMs, batchSize: 100,
        deadline: options.deadline ?? Number.POSITIVE_INFINITY, now: clock.now, onRecords: async () => undefined,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
          await options.onSleep?.(sleeps.length);
        },
      });
      return { outcome, sleeps };
    }

    it('does not wait when the lag would pass after the linger budget, or after the deadline', async () => {
      const short = await lingering({ lingerMs: 30_000 });
      assert.equal(short.outcome.kind, 'behind');
      assert.deepEqual(short.sleeps, []);
      const cut = await lingering({ lingerMs: 120_000, deadline: clock.now() + 10_000 });
      assert.equal(cut.outcome.kind, 'behind');
      assert.deepEqual(cut.sleeps, []);
    });

    it('polls a quiet shard until the lag has passed, then completes the window', async () => {
      const quiet = await lingering({ lingerMs: 120_000 });
      assert.equal(quiet.outcome.kind, 'complete');
      assert.equal(clock.now(), end + MINUTE, 'the last sleep lands on the settling time');
      assert.ok(quiet.sleeps.every((ms) => ms > 0 && ms <= 2_000), String(quiet.sleeps));
    });

    it('completes as soon as a record past the end arrives, its cursor pointing at that record', async () => {
      const pastEnd = T0 + 20 * MINUTE;
      const fresh = await (async () => {
        const later = { start: pastEnd, end: pastEnd + MINUTE };
        const shardId = await shardWithRecords();
        clock.set(later.end + 1_000);
        const from = { iterator: await source.iterator(shardId, later.start * 1000), skip: 0 };
        const sleeps: number[] = [];
        let written = 0;
        const outcome = await readShardWindow({
          source, shardId, from, ...later, safetyLagMs: MINUTE, lingerMs: 120_000, batchSize: 100,
          deadline: Number.POSITIVE_INFINITY, now: clock.now, onRecords: async () => undefined,
          sleep: async (ms) => {
            sleeps.push(ms);
            clock.advance(ms);
            // Keep writing until one lands in this shard (rows hash to shards).
            while (emulators.tablestore.changeLog('events').filter((r) => r.shardId === shardId && r.sequence.timestampMicros >= later.end * 1000).length === 0) {
              await tables.putRow({ tableName: 'events', condition: conditions.ignore(), primaryKey: [{ id: TableStore.Long.fromNumber(1000 + written++) }], attributeColumns: [{ n: 'late' }] });
            }
          },
        });
        return { outcome, sleeps, shardId };
      })();
      assert.equal(fresh.outcome.kind, 'complete');
      assert.equal(fresh.sleeps.length, 1, 'one poll found the record past the end');
      const next = fresh.outcome.kind === 'complete' ? fresh.outcome.next : undefined;
      assert.ok(next, 'a cursor for the next window');
      const after = await readWindow(fresh.shardId, next, pastEnd + MINUTE, 100);
      assert.equal(after.ids.length, 1, 'the next window starts at the record past the end');
    });
  });

  describe('a read whose signal is aborted (a sibling shard failed)', () => {
    function counting(reads: { n: number }): TablestoreSource {
      return Object.assign(Object.create(source) as TablestoreSource, {
        read: (shardId: string, iterator: string, limit: number) => {
          reads.n++;
          return source.read(shardId, iterator, limit);
        },
      });
    }

    it('stops after the batch in hand and reads no further', async () => {
      clock.set(Math.max(clock.now(), T0 + 3 * MINUTE));
      const shardId = await shardWithRecords();
      const stop = new AbortController();
      const reason = new Error('a sibling shard failed');
      const reads = { n: 0 };
      const batches: number[] = [];
      await assert.rejects(readShardWindow({
        source: counting(reads), shardId, from: { iterator: await source.iterator(shardId), skip: 0 },
        start: T0, end: T0 + MINUTE, safetyLagMs: 30_000, batchSize: 1, deadline: Number.POSITIVE_INFINITY,
        now: clock.now, sleep: neverWaits, signal: stop.signal,
        onRecords: async (_records, a, b) => {
          batches.push(b - a);
          stop.abort(reason);
        },
      }), (error) => error === reason);
      assert.deepEqual([batches, reads.n], [[1], 1], 'one batch, one read: the window has more records');
    });

    // The timeout only keeps a read that is never stopped from hanging the suite; a passing one takes milliseconds.
    it('ends a linger sleep at once, long before the lag passes, even when the sleep would never end', { timeout: 10_000 }, async () => {
      // A window of its own, with nothing in it: the shard is caught up at once and lingers.
      const start = T0 + 40 * MINUTE;
      const end = start + MINUTE;
      const shardId = await shardWithRecords();
      clock.set(Math.max(clock.now(), end + 1_000));
      const stop = new AbortController();
      const reason = new Error('a sibling shard failed');
      const reads = { n: 0 };
      const sleeps: number[] = [];
      await assert.rejects(readShardWindow({
        source: counting(reads), shardId, from: { iterator: await source.iterator(shardId, start * 1000), skip: 0 },
        start, end, safetyLagMs: MINUTE, lingerMs: 120_000, batchSize: 100, deadline: Number.POSITIVE_INFINITY,
        now: clock.now, onRecords: async () => undefined, signal: stop.signal,
        sleep: (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
          if (sleeps.length < 2) return Promise.resolve();
          // The second sleep is stopped from outside while it waits, and never ends by itself.
          setImmediate(() => stop.abort(reason));
          return new Promise<void>(() => undefined);
        },
      }), (error) => error === reason);
      assert.equal(sleeps.length, 2);
      assert.equal(reads.n, 2, 'no read after the stop');
      assert.ok(clock.now() < end + MINUTE, `stopped at ${clock.now() - end} ms past the end, before the lag passed`);
    });
  });
  describe('resuming a checkpoint whose iterator now gives shorter pages', () => {
    // A table of its own: three windows of one shard, one record of the middle window corrupt. The
    // checkpoint {iterator, skip} counts records from the iterator; the service may answer the same
    // iterator with shorter or empty pages (may_more_record) than the read that wrote it.
    const base = T0 + 100 * MINUTE;
    const windows = [base, base + MINUTE, base + 2 * MINUTE];
    let resume: TablestoreSource;
    let streams: StreamClient;
    let shardId: string;
    /** The shard's good records, by window; the corrupt one is left out. */
    let byWindow: number[][];
    let corruptId: number;
    const faults = () => emulators.tablestore.faults;

    before(async () => {
      const creds = emulators.info;
      await createDataTable(tables, 'resume', { primaryKey: [{ name: 'id', type: 'INTEGER' }], timeToLive: -1, maxVersion: 1 });
      await enableStream(tables, 'resume', 24);
      for (let i = 0; i < 48; i++) {
        clock.set(Math.max(clock.now(), base + Math.floor(i / 16) * MINUTE + (i % 16) * 3_000));
        await tables.putRow({ tableName: 'resume', condition: conditions.ignore(), primaryKey: [{ id: TableStore.Long.fromNumber(i) }], attributeColumns: [{ n: String(i) }] });
      }
      clock.set(Math.max(clock.now(), base + 5 * MINUTE));
      streams = new StreamClient({ endpoint: creds.tablestore, instance: creds.instance, credentials: creds });
      resume = new TablestoreSource(tables, streams, creds.instance, 'resume');
      const log = emulators.tablestore.changeLog('resume');
      const counts = log.reduce((m, r) => m.set(r.shardId, (m.get(r.shardId) ?? 0) + 1), new Map<string, number>());
      shardId = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      const ids = log.filter((r) => r.shardId === shardId).map((r) => Number(r.primaryKey[0]!.value));
      const windowOf = (id: number) => Math.floor(id / 16);
      const inA = ids.filter((id) => windowOf(id) === 0).length;
      // Past window A's boundary by more than a two-record page, so pages of different sizes split around it.
      corruptId = ids[inA + 3]!;
      assert.equal(windowOf(corruptId), 1, 'the corrupt record is in window B');
      emulators.tablestore.corruptStreamRecord('resume', shardId, inA + 3);
      byWindow = [0, 1, 2].map((w) => ids.filter((id) => windowOf(id) === w && id !== corruptId));
      assert.ok(byWindow.every((w) => w.length >= 5), `each window has records in the shard: ${byWindow.map((w) => w.length)}`);
    });
    after(() => {
      faults().clear();
      faults().random = Math.random;
      streams.close();
    });

    /** Reads window w from the cursor with the emulator's pages as `paging` sets them. */
    async function readPaged(w: number, from: Cursor, paging: { maxRecordsPerRead?: number; emptyReadRate?: number }) {
      faults().configure({ maxRecordsPerRead: paging.maxRecordsPerRead ?? 0, emptyReadRate: paging.emptyReadRate ?? 0 });
      const ids: number[] = [];
      const corrupt: number[] = [];
      let empty = 0;
      const counting = Object.assign(Object.create(resume) as TablestoreSource, {
        read: async (shard: string, iterator: string, limit: number) => {
          const batch = await resume.read(shard, iterator, limit);
          if (batch.records.length === 0 && batch.mayMore) empty++;
          return batch;
        },
      });
      try {
        const outcome = await readShardWindow({
          source: counting, shardId, from, start: windows[w]!, end: windows[w]! + MINUTE, safetyLagMs: 30_000, batchSize: 100,
          deadline: Number.POSITIVE_INFINITY, now: clock.now, sleep: neverWaits,
          onRecords: async (records, a, b) => {
            ids.push(...records.slice(a, b).map((r) => Number(r.primaryKey[0]!.value)));
          },
          onCorrupt: (_shard, bad) => corrupt.push(bad.length),
        });
        assert.equal(outcome.kind, 'complete');
        return { ids, empty, corrupt: corrupt.reduce((a, b) => a + b, 0), next: outcome.kind === 'complete' ? outcome.next : undefined };
      } finally {
        faults().configure({ maxRecordsPerRead: 0, emptyReadRate: 0 });
      }
    }

    it('reads on across short and empty pages: every record once, the corrupt one counted once', async () => {
      faults().random = seededRandom(7);
      const a = await readPaged(0, { iterator: await resume.iterator(shardId), skip: 0 }, {});
      assert.ok(a.next && a.next.skip >= 5, 'window A ends inside the page: its checkpoint skips its records');
      // The same iterator now comes back two records at a time: the skip spans pages.
      const b = await readPaged(1, a.next, { maxRecordsPerRead: 2 });
      assert.ok(b.next);
      const c = await readPaged(2, b.next, { maxRecordsPerRead: 3, emptyReadRate: 0.4 });
      assert.ok(c.empty > 0, 'some pages came back empty with may_more_record');
      assert.deepEqual([a.ids, b.ids, c.ids], byWindow);
      assert.equal(a.corrupt + b.corrupt + c.corrupt, 1);
    });

    it('counts a corrupt record once when the window after reads it in longer pages', async () => {
      // Pages short enough that window A ends inside one and the corrupt record lies past that page.
      const inA = byWindow[0]!.length;
      const cap = [2, 3, 4, 5, 6, 7].find((c) => inA % c !== 0 && c - (inA % c) <= 3)!;
      const a = await readPaged(0, { iterator: await resume.iterator(shardId), skip: 0 }, { maxRecordsPerRead: cap });
      assert.ok(a.next && a.next.skip > 0, `window A ends inside a page of ${cap}`);
      const b = await readPaged(1, a.next, {});
      assert.deepEqual([a.ids, b.ids], byWindow.slice(0, 2));
      assert.deepEqual([a.corrupt, b.corrupt], [0, 1], 'window B reads past it, in a page window A never saw whole');
    });

    it('still refuses a checkpoint that skips past the end of an ended shard, in short pages', async () => {
      emulators.tablestore.splitShard('resume', shardId);
      const all = byWindow.flat().length + 1;
      const from = { iterator: await resume.iterator(shardId), skip: all + 2 };
      await assert.rejects(readPaged(0, from, { maxRecordsPerRead: 2 }), (error) => {
        assert.ok(error instanceof CursorLostError);
        assert.match(error.message, new RegExp(`shard ${shardId}: the checkpoint skips ${all + 2} records from its iterator but the stream now returns ${all - 1} there and then ends the shard`));
        return true;
      });
    });
  });
});
