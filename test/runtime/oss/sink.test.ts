import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOssEmulator, type OssEmulator } from '../../../emulators/oss/server.ts';
import { jobSchema } from '../../../runtime/config/job.ts';
import type { Row } from '../../../runtime/core/row.ts';
import type { FileEncoder } from '../../../runtime/format/index.ts';
import { createOssClient } from '../../../runtime/oss/client.ts';
import { OssSink } from '../../../runtime/oss/sink.ts';

const BUCKET = 'sink-bucket';
const job = jobSchema.parse({ name: 'sink', source: { instance: 'shop', table: 'orders' }, sink: { bucket: BUCKET, fileFormat: 'csv' } });
const retry = <T>(_what: string, fn: () => Promise<T>) => fn();
const layout = { prefix: 'p', windowId: '20261126T1000Z' };
const schema = [{ name: 'a', type: 'string' }, { name: 'b', type: 'int64' }] as const;

describe('OssSink series', () => {
  let emu: OssEmulator;
  before(async () => {
    emu = await startOssEmulator({ buckets: [BUCKET] });
  });
  after(() => emu.close());
  const client = () => createOssClient({ endpoint: emu.endpoint, bucket: BUCKET, credentials: emu });

  it('encodes with the configured format by default', async () => {
    const series = new OssSink(client(), { config: job.sink, retry }).openSeries(layout, 'shard-1', schema);
    await series.write([['x,y', 1n], ['z', 2n]]);
    const [object] = await series.finish();
    assert.equal(object!.key, 'p/20261126T1000Z_shard-1_0000.csv');
    assert.equal(String((await client().get(object!.key)).content), '"x,y",1\nz,2\n');
  });

  it('uses the encoder it is given, for every object of the series', async () => {
    const seen: string[] = [];
    class Upper implements FileEncoder {
      readonly extension = 'up';
      readonly contentType = 'text/plain';
      rowsWritten = 0;
      bytesWritten = 0;
      write(rows: readonly Row[], from = 0, to = rows.length): Uint8Array {
        const text = rows.slice(from, to).map((r) => String(r[0]).toUpperCase()).join('|');
        seen.push(text);
        this.rowsWritten += to - from;
        this.bytesWritten += text.length;
        return Buffer.from(text);
      }
      finish(): Uint8Array {
        return new Uint8Array(0);
      }
    }
    const upper = () => new Upper();
    const series = new OssSink(client(), { config: job.sink, retry, newEncoder: upper }).openSeries(layout, 'shard-2', schema);
    await series.write([['x', 1n], ['y', 2n]]);
    const [object] = await series.finish();
    assert.deepEqual(seen, ['X|Y']);
    assert.equal(object!.key, 'p/20261126T1000Z_shard-2_0000.up');
    assert.equal(String((await client().get(object!.key)).content), 'X|Y');
  });

  it('a series whose signal is aborted fails its next write and finish with the reason, and its upload is aborted', async () => {
    const sink = new OssSink(client(), { config: job.sink, retry, partSize: 100 * 1024 });
    const stop = new AbortController();
    const other = new AbortController();
    const stopped = sink.openSeries(layout, 'shard-3', schema, stop.signal);
    const running = sink.openSeries({ prefix: 'p', windowId: '20261126T1001Z' }, 'shard-3', schema, other.signal);
    // Past one part: the multipart upload is open when the signal is aborted.
    await stopped.write(Array.from({ length: 300 }, (_, i): Row => ['x'.repeat(500), BigInt(i)]));
    assert.equal((await client().listUploads({ prefix: 'p/' })).uploads?.length, 1);
    const reason = new Error('shard-4 failed');
    stop.abort(reason);
    await assert.rejects(stopped.write([['y', 2n]]), (error) => error === reason);
    await assert.rejects(stopped.finish(), (error) => error === reason);
    await stopped.abort();
    assert.deepEqual((await client().listUploads({ prefix: 'p/' })).uploads ?? [], []);
    await running.write([['z', 3n]]);
    const [object] = await running.finish();
    assert.equal(String((await client().get(object!.key)).content), 'z,3\n');
    assert.equal((await client().listV2({ prefix: 'p/20261126T1000Z_shard-3' }, {})).objects?.length ?? 0, 0);
  });

  it('abortOpenUploads aborts the uploads of series still open, and leaves finished ones be', async () => {
    const sink = new OssSink(client(), { config: job.sink, retry, partSize: 100 * 1024 });
    const open = sink.openSeries({ prefix: 'q', windowId: '20261126T1000Z' }, 'shard-1', schema);
    const done = sink.openSeries({ prefix: 'q', windowId: '20261126T1001Z' }, 'shard-1', schema);
    const big = Array.from({ length: 300 }, (_, i): Row => ['x'.repeat(500), BigInt(i)]);
    await open.write(big);
    await done.write(big);
    const [finished] = await done.finish();
    assert.equal((await client().listUploads({ prefix: 'q/' })).uploads?.length, 1);
    await sink.abortOpenUploads();
    assert.deepEqual((await client().listUploads({ prefix: 'q/' })).uploads ?? [], []);
    assert.equal((await client().head(finished!.key)).status, 200);
  });

  it('abortOpenUploads while a write goes on: the write fails, no upload is left open, and no series starts after', async () => {
    const sink = new OssSink(client(), { config: job.sink, retry, partSize: 100 * 1024 });
    const series = sink.openSeries({ prefix: 'r', windowId: '20261126T1000Z' }, 'shard-1', schema);
    const big = Array.from({ length: 3000 }, (_, i): Row => ['x'.repeat(500), BigInt(i)]);
    // The exporter goes on writing while the interrupt aborts: it is not stopped first.
    const writing = (async () => {
      for (let k = 0; k < 4; k++) await series.write(big);
    })().then(() => undefined, (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await sink.abortOpenUploads();
    const failed = await writing;
    assert.ok(failed instanceof Error, 'the write does not go on after the abort');
    await assert.rejects(series.write([['y', 1n]]), /was aborted/);
    assert.throws(() => sink.openSeries({ prefix: 'r', windowId: '20261126T1001Z' }, 'shard-1', schema), /was aborted/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual((await client().listUploads({ prefix: 'r/' })).uploads ?? [], []);
  });
});
