import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OssEmulator } from '../../../emulators/oss/server.ts';
import { BUCKET, clientFor, ossCode, startEmulator } from './helpers.ts';

// Resolves every name to the emulator, so virtual-host and cname requests can use real host names.
const toLoopback: LookupFunction = (_host, options, callback) => {
  if (typeof options === 'object' && options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

describe('OSS emulator: addressing styles ali-oss uses', () => {
  let emu: OssEmulator;
  let port: string;
  const agent = new Agent({ keepAlive: true, lookup: toLoopback });
  before(async () => {
    emu = await startEmulator({ serviceHosts: ['oss.emulator.test'], cnames: { 'files.example.test': BUCKET } });
    port = new URL(emu.endpoint).port;
  });
  after(async () => {
    agent.destroy();
    await emu.close();
  });

  const stored = (key: string) => emu.objects(BUCKET).some((o) => o.key === key);

  it('IP endpoint: ali-oss sends /key with Host <bucket>.<region host>, read as virtual-host', async () => {
    await clientFor(emu).put('style/ip.txt', Buffer.from('ip'));
    assert.ok(stored('style/ip.txt'));
  });

  it('sldEnable with a host name: path-style /bucket/key, in V1 and V4', async () => {
    const endpoint = `http://localhost:${port}`;
    await clientFor(emu, { endpoint, sldEnable: true }).put('style/path.txt', Buffer.from('path'));
    const v4 = clientFor(emu, { endpoint, sldEnable: true, authorizationV4: true, region: emu.region });
    assert.equal(String((await v4.get('style/path.txt')).content), 'path');
    assert.deepEqual((await v4.listV2({ prefix: 'style/path' }, {})).objects.map((o) => o.name), ['style/path.txt']);
    assert.ok(stored('style/path.txt'));
  });

  it('virtual-host: Host <bucket>.<service host>, for a configured host name and for localhost', async () => {
    for (const host of ['oss.emulator.test', 'localhost']) {
      const client = clientFor(emu, { endpoint: `http://${host}:${port}`, agent });
      await client.put(`style/vhost-${host}.txt`, Buffer.from(host));
      assert.equal(String((await client.get(`style/vhost-${host}.txt`)).content), host);
      assert.ok(stored(`style/vhost-${host}.txt`));
    }
  });

  it('cname: a custom domain bound to the bucket, with the key alone in the path', async () => {
    const client = clientFor(emu, { endpoint: `http://files.example.test:${port}`, cname: true, agent });
    await client.put('style/cname.txt', Buffer.from('cname'));
    assert.equal(String((await client.get('style/cname.txt')).content), 'cname');
    assert.ok(stored('style/cname.txt'));
  });

  it('sldEnable with an IP endpoint: Host still names the bucket, so the path bucket becomes part of the key (signature mismatch, as on OSS)', async () => {
    await assert.rejects(clientFor(emu, { sldEnable: true }).put('style/ip-sld.txt', Buffer.from('x')), ossCode('SignatureDoesNotMatch', 403));
  });
});
