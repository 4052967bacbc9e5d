import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadJob } from '../../runtime/cli/load-job.ts';
import { jobConfigFor, loadEnvironment } from '../../stacks/config.ts';
import { ROOT } from './harness.ts';

// The job a command runs from an environment file: the function's, except where the function's only
// works inside Alibaba Cloud.

describe('loadJob from an environment file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-load-job-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes OSS\'s public endpoint where the stack gives the function the internal one', () => {
    const path = join(ROOT, 'environments', 'dev.json');
    const env = loadEnvironment(path);
    assert.equal(jobConfigFor(env, env.jobs[0]!).sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com', 'the function\'s');
    const loaded = loadJob(path);
    assert.equal(loaded.job.sink.endpoint, 'https://oss-cn-hangzhou.aliyuncs.com');
    assert.equal(loaded.job.source.endpoint, 'https://shop-dev.cn-hangzhou.ots.aliyuncs.com');
  });

  it('keeps an endpoint the entry names', () => {
    const path = join(dir, 'named.json');
    writeFileSync(path, JSON.stringify({
      region: 'cn-hangzhou',
      jobs: [{ name: 'orders', source: { instance: 'shop', table: 'orders' }, sink: { bucket: 'exports', endpoint: 'https://oss-cn-hangzhou-internal.aliyuncs.com' } }],
    }));
    assert.equal(loadJob(path).job.sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com');
  });
});
