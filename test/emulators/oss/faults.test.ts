import assert from 'node:assert/strict';
import { afterEach, after, before, describe, it } from 'node:test';
import type OSS from 'ali-oss';
import type { OssEmulator } from '../../../emulators/oss/server.ts';
import { clientFor, ossCode, startEmulator } from './helpers.ts';

describe('OSS emulator: fault injection', () => {
  let emu: OssEmulator;
  let oss: OSS;
  before(async () => {
    emu = await startEmulator();
    oss = clientFor(emu);
    await oss.put('f/o.txt', Buffer.from('data'));
  });
  afterEach(() => emu.faults.clear());
  after(() => emu.close());

  it('rate 1 answers every matching request with 503 ServiceUnavailable, other operations untouched', async () => {
    emu.faults.add({ operation: 'PutObject', rate: 1, code: 'ServiceUnavailable', status: 503 });
    for (let i = 0; i < 3; i++) await assert.rejects(oss.put('f/x.txt', Buffer.from('x')), ossCode('ServiceUnavailable', 503));
    assert.equal(String((await oss.get('f/o.txt')).content), 'data');
    emu.faults.clear();
    await oss.put('f/x.txt', Buffer.from('x'));
  });

  it('count limits how often a fault fires; the status defaults from the code', async () => {
    const fault = emu.faults.add({ operation: '*', code: 'InternalError', count: 2 });
    assert.equal(fault.status, undefined);
    await assert.rejects(oss.get('f/o.txt'), ossCode('InternalError', 500));
    await assert.rejects(oss.head('f/o.txt'), ossCode('InternalError', 500));
    assert.equal(String((await oss.get('f/o.txt')).content), 'data');
    assert.deepEqual(emu.faults.list(), []);
  });

  it('rate 0 never fires and a fraction fires on about that share of requests', async () => {
    emu.faults.add({ operation: 'GetObject', rate: 0, code: 'ServiceUnavailable' });
    for (let i = 0; i < 5; i++) await oss.get('f/o.txt');
    emu.faults.clear();
    emu.faults.add({ operation: 'HeadObject', rate: 0.5, code: 'ServiceUnavailable' });
    let failed = 0;
    for (let i = 0; i < 60; i++) await oss.head('f/o.txt').catch(() => failed++);
    assert.ok(failed > 10 && failed < 50, `about half of 60 requests fail, got ${failed}`);
  });

  it('adds latency, alone or before an error, and can target a bucket and key prefix', async () => {
    emu.faults.add({ operation: 'GetObject', latencyMs: 150, keyPrefix: 'f/' });
    let t = Date.now();
    assert.equal(String((await oss.get('f/o.txt')).content), 'data');
    assert.ok(Date.now() - t >= 140, 'the read was delayed');
    emu.faults.clear();
    emu.faults.add({ operation: 'PutObject', latencyMs: 100, code: 'ServiceUnavailable', bucket: 'test-bucket', keyPrefix: 'slow/' });
    t = Date.now();
    await assert.rejects(oss.put('slow/x', Buffer.from('x')), ossCode('ServiceUnavailable', 503));
    assert.ok(Date.now() - t >= 90);
    await oss.put('fast/x', Buffer.from('x'));
  });

  it('a delay longer than the client timeout surfaces as an ali-oss timeout', async () => {
    emu.faults.add({ operation: 'GetObject', latencyMs: 800, count: 1 });
    const impatient = clientFor(emu, { timeout: 200 });
    await assert.rejects(impatient.get('f/o.txt'), (e: unknown) => /Timeout/.test((e as Error).name));
  });

  it('is configurable over HTTP with validation of the JSON', async () => {
    const url = `${emu.endpoint}/_emulator/faults`;
    const added = await fetch(url, {
      method: 'POST',
      body: JSON.stringify([{ operation: 'ListObjectsV2', code: 'ServiceUnavailable', count: 1 }]),
    });
    assert.equal(added.status, 200);
    const [fault] = (await added.json()) as Array<{ id: string }>;
    assert.ok(fault?.id);
    assert.equal(((await (await fetch(url)).json()) as unknown[]).length, 1);
    await assert.rejects(oss.listV2({}, {}), ossCode('ServiceUnavailable', 503));
    await oss.listV2({}, {});

    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ operation: 'PutObjekt', rate: 2, code: 'X' }) });
    assert.equal(bad.status, 400);
    const message = ((await bad.json()) as { error: string }).error;
    assert.match(message, /operation: must be "\*" or an operation name/);
    assert.match(message, /rate: must be a probability from 0 to 1/);
    const unknownCode = await fetch(url, { method: 'POST', body: JSON.stringify({ operation: 'PutObject', code: 'MadeUp' }) });
    assert.equal(unknownCode.status, 400);
    assert.match(((await unknownCode.json()) as { error: string }).error, /status: "MadeUp" is not a code the emulator knows/);
    assert.equal(((await (await fetch(url)).json()) as unknown[]).length, 0, 'nothing installed from a bad request');
    assert.throws(() => emu.faults.add({ operation: 'GetObject' }), /code .* or latencyMs/);

    await fetch(url, { method: 'POST', body: JSON.stringify({ operation: '*', code: 'ServiceUnavailable' }) });
    assert.equal((await fetch(url, { method: 'DELETE' })).status, 200);
    await oss.get('f/o.txt');
  });
});
