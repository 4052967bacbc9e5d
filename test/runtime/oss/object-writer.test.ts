import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { startOssEmulator, type OssEmulator } from '../../../emulators/oss/server.ts';
import { createRetrier } from '../../../runtime/export/retrier.ts';
import { createOssClient } from '../../../runtime/oss/client.ts';
import { MIN_PART_SIZE, ObjectWriter } from '../../../runtime/oss/object-writer.ts';
import { ByteWriter } from '../../../runtime/format/byte-writer.ts';
import { ChunkPool } from '../../../runtime/util/chunk-pool.ts';
import { createLogger, silentLogger, type Logger } from '../../../runtime/util/logger.ts';
import { startGate, type Gate } from '../../faults/support/gate.ts';
import { md5Hex } from '../../support/oss.ts';

// Multipart uploads whose answers go missing: the writer talks to the OSS emulator through a gate
// that can drop an answer after the request landed, or hold a request before it lands.

const BUCKET = 'writer-bucket';
const PART = 120 * 1024; // over MIN_PART_SIZE: each write below sends one part

describe('ObjectWriter and lost answers', () => {
  let emu: OssEmulator;
  let gate: Gate;
  let direct: OSS;
  let n = 0;
  before(async () => {
    emu = await startOssEmulator({ buckets: [BUCKET] });
    // The gate fronts Tablestore too; nothing here calls it.
    gate = await startGate({ tablestore: emu.endpoint, oss: emu.endpoint });
    direct = createOssClient({ endpoint: emu.endpoint, bucket: BUCKET, credentials: emu });
  });
  after(async () => {
    await gate.close();
    await emu.close();
  });
  beforeEach(() => {
    gate.reset();
    emu.faults.clear();
  });

  const writer = (key: string, logger: Logger = silentLogger, chunks?: ChunkPool, sleep: () => Promise<void> = async () => undefined) => new ObjectWriter(createOssClient({ endpoint: gate.endpoints.oss, bucket: BUCKET, credentials: emu }), key, {
    partSize: MIN_PART_SIZE, contentType: 'text/plain', logger, chunks,
    retry: createRetrier({ maxRetries: 3, logger: silentLogger, sleep }),
  });
  /** Another borrower of `pool` (a shard beside this one): it writes over every spare chunk and gives them back. */
  const scribbleOver = (pool: ChunkPool) => async () => {
    const other = new ByteWriter(pool);
    for (let n = pool.spareCount + 1; n > 0; n--) {
      other.copy(Buffer.alloc(pool.chunkBytes / 2, 0xee));
      other.copy(Buffer.alloc(pool.chunkBytes / 2, 0xee));
      pool.release([other.take()]);
    }
    other.close();
  };
  /**
   * `pieces` written through a ByteWriter on `pool`, each taken as a view and handed to the writer, as an
   * encoder's slices are; returns the bytes given and how many chunks the ByteWriter filled.
   */
  async function writeThroughPool(w: ObjectWriter, pool: ChunkPool, pieces: Buffer[]): Promise<{ body: Buffer; chunksFilled: number; distinct: number }> {
    const out = new ByteWriter(pool);
    const buffers = new Set<ArrayBufferLike>();
    for (const piece of pieces) {
      out.copy(piece);
      buffers.add(out.bytes.buffer);
      await w.write(out.take());
    }
    return { body: Buffer.concat(pieces), chunksFilled: out.generation + 1, distinct: buffers.size };
  }
  /** A writer that has sent three parts of an upload still open, and the bytes it was given. */
  async function threeParts(logger?: Logger): Promise<{ w: ObjectWriter; body: Buffer }> {
    const w = writer(`k/${++n}.txt`, logger);
    const chunks = [randomBytes(PART), randomBytes(PART), randomBytes(PART)];
    for (const c of chunks) await w.write(c);
    return { w, body: Buffer.concat(chunks) };
  }
  const uploadsOf = async (key: string) => ((await direct.listUploads({ prefix: key })).uploads ?? []).filter((u) => u.name === key);
  const isComplete = (r: { operation: string }) => r.operation === 'CompleteMultipartUpload';

  it('parts written in many small chunks go up whole, also when an upload of one is retried', { timeout: 20_000 }, async () => {
    const w = writer(`k/${++n}.txt`);
    const chunks = Array.from({ length: 90 }, () => randomBytes(4096)); // parts of about 25 chunks each
    emu.faults.add({ operation: 'UploadPart', errorRate: 1, code: 'ServiceUnavailable', status: 503, count: 1 });
    const lost = gate.dropAnswers({ match: (r) => r.operation === 'UploadPart', rate: 1, limit: 1 });
    for (const c of chunks) await w.write(c);
    const written = await w.close();
    const body = Buffer.concat(chunks);
    assert.equal(lost.dropped, 1);
    assert.deepEqual(written, { key: w.key, bytes: body.length, md5: md5Hex(body) });
    assert.ok(Buffer.from((await direct.get(w.key)).content as Uint8Array).equals(body));
  });

  it('gives a part\'s chunks back to their pool only once it is uploaded, retries included: the next part\'s bytes never overwrite it', { timeout: 20_000 }, async () => {
    const pool = new ChunkPool(16 * 1024, 64);
    // Retries wait while another borrower writes over whatever the pool holds spare.
    const w = writer(`k/${++n}.txt`, silentLogger, pool, scribbleOver(pool));
    emu.faults.add({ operation: 'UploadPart', errorRate: 1, code: 'ServiceUnavailable', status: 503, count: 2 });
    const lost = gate.dropAnswers({ match: (r) => r.operation === 'UploadPart', rate: 1, limit: 2 });
    // Pieces that do not divide a chunk: chunks straddle parts.
    const { body, chunksFilled, distinct } = await writeThroughPool(w, pool, Array.from({ length: 150 }, () => randomBytes(2900)));
    const written = await w.close();
    assert.equal(lost.dropped, 2);
    assert.ok(distinct < chunksFilled, `chunks were lent again (${distinct} for ${chunksFilled} filled)`);
    assert.deepEqual(written, { key: w.key, bytes: body.length, md5: md5Hex(body) });
    assert.ok(Buffer.from((await direct.get(w.key)).content as Uint8Array).equals(body));
  });

  it('gives a single PutObject\'s chunks back once it is stored, and keeps those of a part that failed', async () => {
    const pool = new ChunkPool(16 * 1024, 64);
    const small = writer(`k/${++n}.txt`, silentLogger, pool);
    const { body, chunksFilled } = await writeThroughPool(small, pool, Array.from({ length: 20 }, () => randomBytes(3000)));
    assert.ok(chunksFilled > 2);
    assert.equal(pool.spareCount, 0, 'nothing is given back before the object is stored');
    await small.close();
    assert.ok(Buffer.from((await direct.get(small.key)).content as Uint8Array).equals(body));
    assert.equal(pool.spareCount, chunksFilled - 1, 'all but the chunk the ByteWriter still fills');

    const failing = new ChunkPool(16 * 1024, 64);
    const w = writer(`k/${++n}.txt`, silentLogger, failing);
    emu.faults.add({ operation: 'UploadPart', errorRate: 1, code: 'ServiceUnavailable', status: 503 });
    // One part's worth: its upload starts at the last write and fails at the close, with nothing lent after it.
    await assert.rejects(async () => {
      await writeThroughPool(w, failing, Array.from({ length: Math.ceil(MIN_PART_SIZE / 3000) }, () => randomBytes(3000)));
      await w.close();
    });
    assert.equal(failing.spareCount, 0);
  });

  it('a complete whose answer was lost, retried into NoSuchUpload, is done: the object is there', async () => {
    const { w, body } = await threeParts();
    const lost = gate.dropAnswers({ match: isComplete, rate: 1, limit: 1 });
    const written = await w.close();
    assert.equal(lost.dropped, 1);
    assert.deepEqual(written, { key: w.key, bytes: body.length, md5: md5Hex(body) });
    assert.ok(Buffer.from((await direct.get(w.key)).content as Uint8Array).equals(body));
    assert.deepEqual(await uploadsOf(w.key), []);
  });

  it('an upload gone before its complete (aborted elsewhere) fails naming the key', async () => {
    const { w } = await threeParts();
    for (const u of await uploadsOf(w.key)) await direct.abortMultipartUpload(w.key, u.uploadId);
    await assert.rejects(w.close(), (error: Error) => {
      assert.equal(error.name, 'MultipartUploadLostError');
      assert.ok(error.message.includes(w.key), error.message);
      assert.match(error.message, /aborted/);
      return true;
    });
    await assert.rejects(direct.head(w.key), { status: 404 });
  });

  /** The first complete never lands; meanwhile the upload is aborted and `replace` writes the key. */
  async function completeRetriedOver(replace: (key: string) => Promise<void>): Promise<{ closing: Promise<unknown>; key: string }> {
    const { w } = await threeParts();
    const held = gate.hold({ name: 'complete', match: isComplete });
    const closing = w.close();
    closing.catch(() => undefined);
    await held;
    for (const u of await uploadsOf(w.key)) await direct.abortMultipartUpload(w.key, u.uploadId);
    await replace(w.key);
    gate.reset(); // drops the held request's connection: the writer retries the complete
    return { closing, key: w.key };
  }
  const lostNaming = (key: string, what: RegExp) => (error: Error) => {
    assert.equal(error.name, 'MultipartUploadLostError');
    assert.ok(error.message.includes(key), error.message);
    assert.match(error.message, what);
    return true;
  };

  it('a retried complete into NoSuchUpload with another object at the key is not taken as done', async () => {
    const { closing, key } = await completeRetriedOver(async (k) => {
      await direct.put(k, Buffer.from('not ours'));
    });
    await assert.rejects(closing, lostNaming(key, /an object of 8 bytes/));
    assert.equal(String((await direct.get(key)).content), 'not ours');
  });

  it('nor with a multipart object of the same size in another number of parts', async () => {
    const { closing, key } = await completeRetriedOver(async (k) => {
      const { uploadId } = await direct.initMultipartUpload(k);
      const half = randomBytes((3 * PART) / 2);
      const parts = [];
      for (const n of [1, 2]) parts.push({ number: n, etag: (await direct.uploadPart(k, uploadId, n, half, 0, half.length)).etag });
      await direct.completeMultipartUpload(k, uploadId, parts);
    });
    await assert.rejects(closing, lostNaming(key, new RegExp(`${3 * PART} bytes with ETag "[0-9A-F]+-2"`, 'i')));
  });

  /** A logger whose warnings land in `warnings`, parsed. */
  function capture(): { logger: Logger; warnings: Array<Record<string, unknown>> } {
    const warnings: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'warn', write: (line) => warnings.push(JSON.parse(line) as Record<string, unknown>) });
    return { logger, warnings };
  }

  it('an initiate whose answer was lost leaves no second upload open', async () => {
    const lost = gate.dropAnswers({ match: (r) => r.operation === 'InitiateMultipartUpload', rate: 1, limit: 1 });
    const { w, body } = await threeParts();
    assert.equal(lost.dropped, 1);
    assert.equal((await w.close()).bytes, body.length);
    assert.ok(Buffer.from((await direct.get(w.key)).content as Uint8Array).equals(body));
    assert.deepEqual(await uploadsOf(w.key), [], 'the upload whose answer was lost is aborted');
  });

  it('when the in-progress uploads cannot be listed, the write goes on and says what is left', async () => {
    const { logger, warnings } = capture();
    gate.dropAnswers({ match: (r) => r.operation === 'InitiateMultipartUpload', rate: 1, limit: 1 });
    emu.faults.add({ operation: 'ListMultipartUploads', errorRate: 1, code: 'AccessDenied' });
    const { w, body } = await threeParts(logger);
    assert.equal((await w.close()).bytes, body.length);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0]!.key, w.key);
    assert.match(String(warnings[0]!.message), /lifecycle/);
    emu.faults.clear();
    assert.equal((await uploadsOf(w.key)).length, 1, 'the lost upload is left to the lifecycle rule');
  });

  it('abort retries a failed AbortMultipartUpload', async () => {
    const { w } = await threeParts();
    emu.faults.add({ operation: 'AbortMultipartUpload', errorRate: 1, code: 'ServiceUnavailable', count: 1 });
    await w.abort();
    assert.deepEqual(await uploadsOf(w.key), []);
  });

  it('an abort that keeps failing is logged with the upload, not thrown', async () => {
    const { logger, warnings } = capture();
    const { w } = await threeParts(logger);
    const [upload] = await uploadsOf(w.key);
    emu.faults.add({ operation: 'AbortMultipartUpload', errorRate: 1, code: 'AccessDenied' });
    await w.abort();
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0]!.key, w.key);
    assert.equal(warnings[0]!.uploadId, upload!.uploadId);
    assert.match(String(warnings[0]!.error), /AccessDenied/);
  });

  it('an abort while the upload is being opened aborts the upload it opens, and later writes fail', async () => {
    emu.faults.add({ operation: 'InitiateMultipartUpload', latencyMs: 300 });
    const w = writer(`k/${++n}.txt`);
    const writing = w.write(randomBytes(PART)).then(() => undefined, (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await w.abort();
    assert.match(String(await writing), /was aborted/);
    await assert.rejects(w.write(randomBytes(10)), /was aborted/);
    assert.deepEqual(await uploadsOf(w.key), [], 'the upload opened meanwhile is aborted');
  });
});
