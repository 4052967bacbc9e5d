import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OssEmulator } from '../../../emulators/oss/server.ts';
import { startOssEmulator } from '../../../emulators/oss/server.ts';
import { addressingFor, createOssClient, ossClientOptions } from '../../../runtime/oss/client.ts';

const keys = { accessKeyId: 'id', accessKeySecret: 'secret' };

describe('createOssClient', () => {
  it('uses virtual-host style and https for OSS endpoints, path-style for other names, none for IPs', () => {
    const real = ossClientOptions({ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'b1b', credentials: keys });
    assert.equal(real.secure, true);
    assert.equal(real.sldEnable, undefined);
    assert.equal(real.endpoint, 'https://oss-cn-hangzhou.aliyuncs.com');
    assert.equal(ossClientOptions({ endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com', bucket: 'b1b', credentials: keys }).secure, true);
    assert.equal(ossClientOptions({ endpoint: 'http://localhost:9000', bucket: 'b1b', credentials: keys }).sldEnable, true);
    assert.equal(ossClientOptions({ endpoint: 'http://127.0.0.1:9000', bucket: 'b1b', credentials: keys }).sldEnable, undefined);
    assert.equal(addressingFor('[::1]'), 'ip');
    assert.equal(addressingFor('my-bucket.oss-cn-beijing.aliyuncs.com'), 'virtual-host');
    assert.equal(addressingFor('oss.emulator'), 'path');
  });

  it('signs with V4 when a region is known (either spelling), passes the STS token and the timeout', () => {
    const opts = ossClientOptions({
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'b1b',
      region: 'cn-shanghai',
      credentials: { ...keys, securityToken: 'token' },
      timeoutMs: 1234,
    });
    assert.equal(opts.authorizationV4, true);
    assert.equal(opts.region, 'oss-cn-shanghai');
    assert.equal(opts.stsToken, 'token');
    assert.equal(opts.timeout, 1234);
    assert.equal(ossClientOptions({ endpoint: 'https://x.aliyuncs.com', bucket: 'b1b', region: 'oss-cn-shanghai', credentials: keys }).region, 'oss-cn-shanghai');
    assert.equal(ossClientOptions({ endpoint: 'https://x.aliyuncs.com', bucket: 'b1b', credentials: keys }).authorizationV4, undefined);
  });

  it('names the problem with a bad endpoint or missing keys', () => {
    assert.throws(() => ossClientOptions({ endpoint: 'ftp://host', bucket: 'b1b', credentials: keys }), /must use http or https/);
    assert.throws(() => ossClientOptions({ endpoint: 'http://', bucket: 'b1b', credentials: keys }), /is not a URL/);
    assert.throws(() => ossClientOptions({ endpoint: 'http://h', bucket: 'b1b', credentials: { accessKeyId: '', accessKeySecret: 'x' } }), /accessKeyId/);
  });

  describe('against the OSS emulator', () => {
    let emu: OssEmulator;
    before(async () => {
      emu = await startOssEmulator({ buckets: ['runtime-bucket'] });
    });
    after(() => emu.close());

    it('reaches the emulator by IP and by host name, V1 and V4, with long-term and STS keys', async () => {
      const sts = emu.issueStsCredentials();
      const localhost = emu.endpoint.replace('127.0.0.1', 'localhost');
      const variants = [
        { endpoint: emu.endpoint, credentials: emu },
        { endpoint: emu.endpoint, region: emu.region, credentials: emu },
        { endpoint: localhost, credentials: emu },
        { endpoint: localhost, region: emu.region, credentials: sts },
        { endpoint: emu.endpoint, region: emu.region, credentials: sts },
      ];
      for (const [i, v] of variants.entries()) {
        const client = createOssClient({ ...v, bucket: 'runtime-bucket', timeoutMs: 5000 });
        await client.put(`variant/${i}.txt`, Buffer.from(String(i)));
        assert.equal(String((await client.get(`variant/${i}.txt`)).content), String(i));
      }
      assert.deepEqual(
        emu.objects('runtime-bucket').map((o) => o.key),
        variants.map((_, i) => `variant/${i}.txt`),
      );
    });
  });
});
