import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { windowId } from '../../runtime/core/window.ts';
import { runCli, startFixture, type Fixture } from './harness.ts';

// An endpoint nothing listens on is a wrong address, not a blip: the command fails in seconds (not after
// reader.maxRetries backoffs, minutes), naming the field, its value and the fix, and retries are logged
// only with -v. Port 1 on loopback refuses.

const REFUSING = 'http://127.0.0.1:1';
/** Far below the minutes 30 retries take: the old behaviour is killed and fails the test. */
const FAST_MS = 30_000;

describe('an endpoint that refuses connections', () => {
  let fx: Fixture;
  const jobWith = (name: string, change: (job: Fixture['job']) => Fixture['job']) => {
    const path = join(fx.dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(change(fx.job)));
    return path;
  };
  before(async () => {
    fx = await startFixture({ windows: 2, rows: 10 });
    assert.equal(fx.job.reader.maxRetries, 30, 'the default: minutes of retries before this fix');
  });
  after(() => fx.close());

  it('status: source.endpoint named, few retries, no retry lines without -v', async () => {
    const path = jobWith('ots-down', (job) => ({ ...job, source: { ...job.source, endpoint: REFUSING } }));
    const started = Date.now();
    const result = await runCli(['status', '--config', path], { timeoutMs: FAST_MS });
    assert.equal(result.code, 1, result.stderr);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    assert.match(result.stderr, /ots2oss status: source\.endpoint http:\/\/127\.0\.0\.1:1: connection refused \(Tablestore \w+, 4 attempts\); check the address and port, or use the public endpoint from outside the VPC/);
    assert.doesNotMatch(result.stderr, /retrying/);

    const verbose = await runCli(['status', '--config', path, '-v'], { timeoutMs: FAST_MS });
    assert.equal(verbose.code, 1);
    assert.match(verbose.stderr, /"level":"warn","message":"retrying"/);
  });

  it('verify: sink.endpoint named when OSS refuses', async () => {
    const path = jobWith('oss-down', (job) => ({ ...job, sink: { ...job.sink, endpoint: REFUSING } }));
    const result = await runCli(['verify', '--config', path, '--window', windowId(fx.windows[0]!)], { timeoutMs: FAST_MS });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /sink\.endpoint http:\/\/127\.0\.0\.1:1: connection refused \(OSS, 4 attempts\); check the address and port/);
    assert.doesNotMatch(result.stderr, /retrying/);
  });

  it('run: the run fails naming sink.endpoint, and records it as the job\'s last error', async () => {
    const path = jobWith('oss-down-run', (job) => ({ ...job, name: 'oss-down-run', sink: { ...job.sink, endpoint: REFUSING } }));
    const result = await runCli(['run', '--config', path, '--json'], { timeoutMs: FAST_MS });
    assert.equal(result.code, 1, result.stderr);
    const summary = JSON.parse(result.stdout) as RunSummary;
    assert.equal(summary.error?.name, 'EndpointUnreachableError');
    assert.match(summary.error.message, /^sink\.endpoint http:\/\/127\.0\.0\.1:1: connection refused/);
    const state = await fx.adapters().store.getJob('oss-down-run');
    assert.match(state?.lastError ?? '', /^sink\.endpoint http:\/\/127\.0\.0\.1:1: connection refused/);
    assert.doesNotMatch(result.stderr, /retrying/);
  });
});
