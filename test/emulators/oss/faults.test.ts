import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { clientFor, ossCode, useOssEmulator } from './helpers.ts';

describe('OSS emulator: fault injection (rule shape shared with the Tablestore emulator)', () => {
  const env = useOssEmulator({}, async ({ oss }) => {
    await oss.put('f/o.txt', Buffer.from('data'));
  });
  afterEach(() => env.emu.faults.clear());

  it('errorRate 1 answers every matching request with 503 ServiceUnavailable, other operations untouched', async () => {
    env.emu.faults.add({ operation: 'PutObject', errorRate: 1, code: 'ServiceUnavailable', status: 503 });
    for (let i = 0; i < 3; i++) await assert.rejects(env.oss.put('f/x.txt', Buffer.from('x')), ossCode('ServiceUnavailable', 503));
    assert.equal(String((await env.oss.get('f/o.txt')).content), 'data');
    env.emu.faults.clear();
    await env.oss.put('f/x.txt', Buffer.from('x'));
  });

  it('count limits how many requests a rule affects; the status defaults from the code', async () => {
    env.emu.faults.add({ operation: '*', errorRate: 1, code: 'InternalError', count: 2 });
    await assert.rejects(env.oss.get('f/o.txt'), ossCode('InternalError', 500));
    await assert.rejects(env.oss.head('f/o.txt'), ossCode('InternalError', 500));
    assert.equal(String((await env.oss.get('f/o.txt')).content), 'data');
    assert.equal(env.emu.faults.state().rules[0]?.remaining, 0);
  });

  it('errorRate 0 never fails and a fraction fails about that share of requests', async () => {
    env.emu.faults.add({ operation: 'GetObject', errorRate: 0 });
    for (let i = 0; i < 5; i++) await env.oss.get('f/o.txt');
    env.emu.faults.clear();
    env.emu.faults.add({ operation: 'HeadObject', errorRate: 0.5 });
    let failed = 0;
    for (let i = 0; i < 60; i++) await env.oss.head('f/o.txt').catch(() => failed++);
    assert.ok(failed > 10 && failed < 50, `about half of 60 requests fail, got ${failed}`);
  });

  it('adds latency, alone or before an error, and can target a bucket and key prefix', async () => {
    env.emu.faults.add({ operation: 'GetObject', latencyMs: 150, keyPrefix: 'f/' });
    let t = Date.now();
    assert.equal(String((await env.oss.get('f/o.txt')).content), 'data');
    assert.ok(Date.now() - t >= 140, 'the read was delayed');
    env.emu.faults.clear();
    env.emu.faults.add({ operation: 'PutObject', errorRate: 1, latencyMs: 100, bucket: 'test-bucket', keyPrefix: 'slow/' });
    t = Date.now();
    await assert.rejects(env.oss.put('slow/x', Buffer.from('x')), ossCode('ServiceUnavailable', 503));
    assert.ok(Date.now() - t >= 90);
    await env.oss.put('fast/x', Buffer.from('x'));
  });

  it('a delay longer than the client timeout surfaces as an ali-oss timeout', async () => {
    env.emu.faults.add({ operation: 'GetObject', latencyMs: 800, count: 1 });
    const impatient = clientFor(env.emu, { timeout: 200 });
    await assert.rejects(impatient.get('f/o.txt'), (e: unknown) => /Timeout/.test((e as Error).name));
  });

  it('is configurable over HTTP, validating the JSON', async () => {
    const url = `${env.emu.endpoint}/_emulator/faults`;
    const set = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ rules: [{ operation: 'ListObjectsV2', errorRate: 1, code: 'ServiceUnavailable', count: 1 }] }),
    });
    assert.equal(set.status, 200);
    assert.equal(((await set.json()) as { rules: unknown[] }).rules.length, 1);
    await assert.rejects(env.oss.listV2({}, {}), ossCode('ServiceUnavailable', 503));
    await env.oss.listV2({}, {});

    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ rules: [{ operation: 'PutObjekt', errorRate: 2 }] }) });
    assert.equal(bad.status, 400);
    const message = ((await bad.json()) as { error: string }).error;
    assert.match(message, /rules\.0\.operation: must be "\*" or an operation name/);
    assert.match(message, /rules\.0\.errorRate: must be a share from 0 to 1/);
    const unknownCode = await fetch(url, { method: 'POST', body: JSON.stringify({ rules: [{ errorRate: 1, code: 'MadeUp' }] }) });
    assert.equal(unknownCode.status, 400);
    assert.match(((await unknownCode.json()) as { error: string }).error, /status: "MadeUp" is not a code the emulator knows/);
    assert.equal((await fetch(url, { method: 'POST', body: 'not json' })).status, 400);
    assert.deepEqual(await (await fetch(url)).json(), { rules: [{ operation: 'ListObjectsV2', errorRate: 1, code: 'ServiceUnavailable', count: 1, latencyMs: 0, remaining: 0 }] });
    assert.throws(() => env.emu.faults.add({ operation: 'GetObject', errorRate: -1 }), /errorRate: must be a share from 0 to 1/);

    await fetch(url, { method: 'POST', body: JSON.stringify({ rules: [{ errorRate: 1 }] }) });
    await assert.rejects(env.oss.get('f/o.txt'), ossCode('ServiceUnavailable', 503));
    assert.deepEqual(await (await fetch(url, { method: 'DELETE' })).json(), { rules: [] });
    await env.oss.get('f/o.txt');
  });
});
