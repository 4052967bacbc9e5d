import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulators, type Emulators } from '../../../emulators/index.ts';
import { MemoryStatusStore } from '../../../runtime/export/memory-status-store.ts';
import { LeaseLostError, StaleFenceError, type ShardCheckpoint, type StatusStore } from '../../../runtime/export/status-store.ts';
import { createStatusTable } from '../../../runtime/local/provision.ts';
import { createTablestoreClient } from '../../../runtime/tablestore/client.ts';
import { TablestoreStatusStore } from '../../../runtime/tablestore/status-store.ts';

// One contract, two backends: the in-memory store must behave exactly like the status table.

function checkpoint(shardId: string, fence: number, windowId = '20261126T1000Z'): ShardCheckpoint {
  return {
    shardId, windowId, windowEnd: 1_795_687_200_000, cursor: { iterator: `it-${shardId}-${fence}`, skip: 3 }, ended: false,
    records: 10, rows: 12, rejected: 0, fence, updatedAt: 1,
    objects: [{ key: `p/${windowId}_${shardId}_0000.csv`, shardId, part: 0, rows: 12, bytes: 100, md5: 'abc' }],
  };
}

function contract(name: string, open: () => Promise<StatusStore>) {
  describe(`status store contract: ${name}`, () => {
    let store: StatusStore;
    let n = 0;
    const job = () => `job-${name}-${n}`;
    before(async () => {
      store = await open();
    });

    it('grants the lease to one owner at a time and hands it over once it expires', async () => {
      n++;
      const a = await store.acquireLease(job(), 'a', 1000, 10_000);
      assert.equal(a.acquired, true);
      const b = await store.acquireLease(job(), 'b', 1000, 10_500);
      assert.deepEqual(b, { acquired: false, heldBy: { owner: 'a', fence: 1, expiresAt: 11_000 } });
      const c = await store.acquireLease(job(), 'c', 1000, 11_001);
      assert.equal(c.acquired, true);
      assert.equal(c.acquired && c.lease.fence, 2);
      await assert.rejects(store.renewLease(job(), a.acquired ? a.lease : assert.fail(), 1000, 11_002), LeaseLostError);
    });

    it('releases so the next owner need not wait, and keeps the fence growing', async () => {
      n++;
      const a = await store.acquireLease(job(), 'a', 60_000, 0);
      assert.ok(a.acquired);
      await store.releaseLease(job(), a.lease);
      const b = await store.acquireLease(job(), 'b', 60_000, 1);
      assert.ok(b.acquired);
      assert.equal(b.lease.fence, a.lease.fence + 1);
      const renewed = await store.renewLease(job(), b.lease, 60_000, 2);
      assert.equal(renewed.expiresAt, 60_002);
      assert.deepEqual(await store.readLease(job()), renewed);
    });

    it('refuses a shard checkpoint from an older fence', async () => {
      n++;
      await store.putShard(job(), checkpoint('s1', 2));
      await store.putShard(job(), checkpoint('s1', 2, '20261126T1001Z'));
      await assert.rejects(store.putShard(job(), checkpoint('s1', 1, '20261126T1002Z')), StaleFenceError);
      const shards = await store.getShards(job());
      assert.deepEqual(shards, [checkpoint('s1', 2, '20261126T1001Z')]);
    });

    it('keeps job state, shards and windows per job, windows newest first', async () => {
      n++;
      await store.putJob(job(), { streamId: 'st', firstWindowStart: 5 });
      await store.putShard(job(), checkpoint('s2', 1));
      await store.putShard(job(), checkpoint('s1', 1));
      for (const id of ['20261126T1000Z', '20261126T1002Z', '20261126T1001Z']) {
        await store.putWindow(job(), { windowId: id, start: Number(id.slice(9, 13)), end: 0, state: 'complete', records: 1, rows: 1, bytes: 1, objects: 1, rejected: 0, startedAt: 0, attempts: 1 });
      }
      assert.deepEqual(await store.getJob(job()), { streamId: 'st', firstWindowStart: 5 });
      assert.deepEqual((await store.getShards(job())).map((s) => s.shardId).sort(), ['s1', 's2']);
      assert.deepEqual((await store.listWindows(job(), 2)).map((w) => w.windowId), ['20261126T1002Z', '20261126T1001Z']);
      assert.equal((await store.getWindow(job(), '20261126T1001Z'))?.state, 'complete');
      assert.equal(await store.getJob('other-job'), undefined);
      assert.deepEqual(await store.getShards('other-job'), []);
    });

    it('refuses job state from an older fence, so a stalled run cannot move the job back', async () => {
      n++;
      await store.putJob(job(), { streamId: 'st', firstWindowStart: 5, lastCompleteWindowEnd: 300 }, 3);
      await assert.rejects(store.putJob(job(), { streamId: 'st', firstWindowStart: 5, lastCompleteWindowEnd: 100 }, 2), StaleFenceError);
      await store.putJob(job(), { streamId: 'st', firstWindowStart: 5, lastCompleteWindowEnd: 360 }, 3);
      assert.equal((await store.getJob(job()))?.lastCompleteWindowEnd, 360);
    });

    it('keeps one set of compacted window ends per job, refusing one from an older fence', async () => {
      n++;
      assert.equal(await store.getWindowEnds(job()), undefined);
      const ends = (windowId: string, fence: number) => ({
        windowId, fence,
        shards: [{ shardId: 's1', cursor: { iterator: `it-${fence}`, skip: 2 }, ended: false, records: 7, late: 1 }, { shardId: 's2', ended: true, records: 0, late: 0 }],
      });
      await store.putWindowEnds(job(), ends('20261126T1000Z', 2));
      await store.putWindowEnds(job(), ends('20261126T1001Z', 2));
      await assert.rejects(store.putWindowEnds(job(), ends('20261126T1001Z', 1)), StaleFenceError);
      assert.deepEqual(await store.getWindowEnds(job()), ends('20261126T1001Z', 2));
      assert.equal(await store.getWindowEnds('other-job'), undefined);
    });

    it('forgets a job\'s progress on reset but keeps its window history', async () => {
      n++;
      await store.putJob(job(), { streamId: 'st', firstWindowStart: 5 });
      await store.putWindowEnds(job(), { windowId: '20261126T1000Z', fence: 1, shards: [] });
      await store.putShard(job(), checkpoint('s1', 1));
      await store.putWindow(job(), { windowId: '20261126T1000Z', start: 1, end: 2, state: 'complete', records: 1, rows: 1, bytes: 1, objects: 1, rejected: 0, startedAt: 0, attempts: 1 });
      await store.clearProgress(job());
      assert.equal(await store.getJob(job()), undefined);
      assert.deepEqual(await store.getShards(job()), []);
      assert.equal(await store.getWindowEnds(job()), undefined);
      assert.equal((await store.listWindows(job(), 5)).length, 1);
    });
  });
}

let emulators: Emulators | undefined;
after(async () => {
  await emulators?.close();
});

contract('memory', async () => new MemoryStatusStore());
contract('tablestore', async () => {
  emulators = await startEmulators();
  const tables = createTablestoreClient({ endpoint: emulators.info.tablestore, instance: emulators.info.instance, credentials: emulators.info });
  await createStatusTable(tables, 'ots2oss_status');
  return new TablestoreStatusStore(tables, 'ots2oss_status');
});
