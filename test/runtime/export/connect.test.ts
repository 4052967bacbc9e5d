import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOssEmulator, type OssEmulator } from '../../../emulators/oss/server.ts';
import { jobSchema } from '../../../runtime/config/job.ts';
import { ConfigError } from '../../../runtime/config/validation.ts';
import type { Row } from '../../../runtime/core/row.ts';
import { connectJob, endpointsFor } from '../../../runtime/export/connect.ts';
import { createRetrier } from '../../../runtime/export/retrier.ts';
import { createOssClient } from '../../../runtime/oss/client.ts';
import { createLogger, silentLogger } from '../../../runtime/util/logger.ts';

// What a job runs on, built from its configuration: the addresses it reaches, and the adapters.

const BUCKET = 'connect-bucket';
const jobWith = (source: Record<string, unknown> = {}, sink: Record<string, unknown> = {}) => jobSchema.parse({
  name: 'orders', source: { instance: 'shop', table: 'orders', ...source }, sink: { bucket: BUCKET, fileFormat: 'csv', ...sink },
});

describe('endpointsFor', () => {
  it('a region gives the public addresses of the instance and of OSS', () => {
    assert.deepEqual(endpointsFor(jobWith(), 'cn-beijing'), {
      tablestore: 'https://shop.cn-beijing.ots.aliyuncs.com', oss: 'https://oss-cn-beijing.aliyuncs.com', region: 'cn-beijing',
    });
  });

  it('configured endpoints win over the region', () => {
    const job = jobWith({ endpoint: 'https://shop.cn-shanghai.vpc.tablestore.aliyuncs.com' }, { endpoint: 'https://oss-cn-shanghai-internal.aliyuncs.com' });
    const found = endpointsFor(job, 'cn-beijing');
    assert.equal(found.tablestore, 'https://shop.cn-shanghai.vpc.tablestore.aliyuncs.com');
    assert.equal(found.oss, 'https://oss-cn-shanghai-internal.aliyuncs.com');
  });

  it('with neither, names both fields and the ways to give them', () => {
    assert.throws(() => endpointsFor(jobWith()), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /source\.endpoint: not set and no region is known/);
      assert.match(error.message, /sink\.endpoint: not set/);
      assert.match(error.message, /--region or ALIBABA_CLOUD_REGION/);
      return true;
    });
  });

  it('one missing is the only one named', () => {
    assert.throws(() => endpointsFor(jobWith({ endpoint: 'http://127.0.0.1:1' })), (error: unknown) =>
      error instanceof ConfigError && /sink\.endpoint/.test(error.message) && !/source\.endpoint/.test(error.message));
  });
});

describe('connectJob', () => {
  let emu: OssEmulator;
  before(async () => {
    emu = await startOssEmulator({ buckets: [BUCKET] });
  });
  after(() => emu.close());

  it('hands its logger to the sink: an upload left open is logged, not lost', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const job = jobWith({}, { endpoint: emu.endpoint });
    // Nothing here calls Tablestore: its address is closed.
    const { sink } = connectJob(job, { tablestore: 'http://127.0.0.1:9', oss: emu.endpoint }, emu, createRetrier({ maxRetries: 0, logger: silentLogger }), logger);
    const series = sink.openSeries({ prefix: 'p', windowId: '20261126T1000Z' }, 'shard-1', [{ name: 'note', type: 'string' }]);
    // Past the sink's 8 MiB part: a multipart upload is open.
    await series.write(Array.from({ length: 300 }, (): Row => ['x'.repeat(30_000)]));
    const direct = createOssClient({ endpoint: emu.endpoint, bucket: BUCKET, credentials: emu });
    const [upload] = (await direct.listUploads({ prefix: 'p/' })).uploads ?? [];
    assert.ok(upload, 'a multipart upload is open');
    emu.faults.add({ operation: 'AbortMultipartUpload', errorRate: 1, code: 'AccessDenied' });
    await series.abort();
    emu.faults.clear();
    const warned = lines.filter((l) => l.level === 'warn');
    assert.equal(warned.length, 1, JSON.stringify(lines));
    assert.equal(warned[0]!.uploadId, upload.uploadId);
    assert.match(String(warned[0]!.message), /multipart upload not aborted/);
  });
});
