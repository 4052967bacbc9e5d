import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCKET, clientFor, ossCode, useOssEmulator } from './helpers.ts';

describe('OSS emulator: signatures, keys and access', () => {
  const env = useOssEmulator({}, async ({ oss }) => {
    await oss.put('auth/o.txt', Buffer.from('secret'));
  });

  it('accepts V1 and V4 signatures, with the region given either way', async () => {
    assert.equal(String((await clientFor(env.emu).get('auth/o.txt')).content), 'secret');
    for (const region of [env.emu.region, `oss-${env.emu.region}`]) {
      const v4 = clientFor(env.emu, { authorizationV4: true, region });
      await v4.put('auth/v4.txt', Buffer.from('four'), { meta: { m: 'x' } as never });
      assert.equal(String((await v4.get('auth/v4.txt')).content), 'four');
      const page = await v4.listV2({ prefix: 'auth/', 'max-keys': '1' }, {});
      const next = await v4.listV2({ prefix: 'auth/', 'max-keys': '5', 'continuation-token': page.nextContinuationToken! }, {});
      assert.equal(page.objects.length + next.objects.length, 2);
      await v4.deleteMulti(['auth/v4.txt'], { quiet: true });
    }
  });

  it('rejects a wrong secret with 403 SignatureDoesNotMatch in V1 and V4, also on HEAD', async () => {
    const wrongV1 = clientFor(env.emu, { accessKeySecret: 'not-the-secret' });
    await assert.rejects(wrongV1.get('auth/o.txt'), ossCode('SignatureDoesNotMatch', 403));
    await assert.rejects(wrongV1.head('auth/o.txt'), ossCode('SignatureDoesNotMatch', 403));
    const wrongV4 = clientFor(env.emu, { accessKeySecret: 'not-the-secret', authorizationV4: true, region: env.emu.region });
    await assert.rejects(wrongV4.put('auth/x', Buffer.from('x')), ossCode('SignatureDoesNotMatch', 403));
    const otherRegion = clientFor(env.emu, { authorizationV4: true, region: 'oss-us-west-1' });
    await assert.rejects(otherRegion.get('auth/o.txt'), ossCode('SignatureDoesNotMatch', 403));
  });

  it('rejects unknown keys (InvalidAccessKeyId) and clocks off by more than 15 minutes', async () => {
    await assert.rejects(clientFor(env.emu, { accessKeyId: 'nobody' }).get('auth/o.txt'), ossCode('InvalidAccessKeyId', 403));
    const skewed = clientFor(env.emu, { amendTimeSkewed: 20 * 60 * 1000 });
    await assert.rejects(skewed.get('auth/o.txt'), ossCode('RequestTimeTooSkewed', 403));
  });

  it('returns OSS error XML to a request with a forged signature', async () => {
    const res = await fetch(`${env.emu.endpoint}/${BUCKET}/auth/o.txt`, {
      headers: { Date: new Date().toUTCString(), Authorization: `OSS ${env.emu.accessKeyId}:AAAAAAAAAAAAAAAAAAAAAAAAAAA=` },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('content-type'), 'application/xml');
    const xml = await res.text();
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>/);
    assert.match(xml, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.match(xml, /<RequestId>[0-9A-F]{24}<\/RequestId>/);
    assert.equal(xml.match(/<RequestId>([0-9A-F]+)</)?.[1], res.headers.get('x-oss-request-id'));
    assert.match(xml, /<HostId>127\.0\.0\.1:\d+<\/HostId>/);
    assert.match(xml, /<StringToSign>GET\n\n\n[^\n]+\n\/test-bucket\/auth\/o\.txt<\/StringToSign>/);
  });

  it('accepts STS credentials with their security token, and refuses wrong, missing or expired tokens', async () => {
    const sts = env.emu.issueStsCredentials({ durationSeconds: 900 });
    const client = clientFor(env.emu, { ...sts, stsToken: sts.securityToken, refreshSTSTokenInterval: 300_000 });
    assert.equal(String((await client.get('auth/o.txt')).content), 'secret');
    const v4 = clientFor(env.emu, { ...sts, stsToken: sts.securityToken, refreshSTSTokenInterval: 300_000, authorizationV4: true, region: env.emu.region });
    assert.equal(String((await v4.get('auth/o.txt')).content), 'secret');

    const wrongToken = clientFor(env.emu, { ...sts, stsToken: 'forged', refreshSTSTokenInterval: 300_000 });
    await assert.rejects(wrongToken.get('auth/o.txt'), ossCode('InvalidSecurityToken', 403));
    await assert.rejects(clientFor(env.emu, { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret }).get('auth/o.txt'), ossCode('InvalidAccessKeyId', 403));
    // As on OSS, a token on a plain long-term key makes it an unknown STS key...
    env.emu.addCredential({ accessKeyId: 'long-term', accessKeySecret: 'lt-secret' });
    const tokenOnLongTermKey = clientFor(env.emu, { accessKeyId: 'long-term', accessKeySecret: 'lt-secret', stsToken: 'x', refreshSTSTokenInterval: 300_000 });
    await assert.rejects(tokenOnLongTermKey.get('auth/o.txt'), ossCode('InvalidAccessKeyId', 403));
    assert.equal(String((await clientFor(env.emu, { accessKeyId: 'long-term', accessKeySecret: 'lt-secret' }).get('auth/o.txt')).content), 'secret');
    // ...but the emulator's own keys take any token, like the Tablestore emulator, for FC-style credentials.
    const fcStyle = clientFor(env.emu, { stsToken: 'any-token', refreshSTSTokenInterval: 300_000, authorizationV4: true, region: env.emu.region });
    assert.equal(String((await fcStyle.get('auth/o.txt')).content), 'secret');

    env.emu.addCredential({ accessKeyId: 'STS.expired', accessKeySecret: 's', securityToken: 't', expiresAt: Date.now() - 1000 });
    const expired = clientFor(env.emu, { accessKeyId: 'STS.expired', accessKeySecret: 's', stsToken: 't', refreshSTSTokenInterval: 300_000 });
    await assert.rejects(expired.get('auth/o.txt'), ossCode('SecurityTokenExpired', 403));
  });

  it('limits scoped keys to their grants with 403 AccessDenied, as a RAM policy would', async () => {
    const scoped = env.emu.issueStsCredentials({ allow: [{ bucket: BUCKET, prefix: 'exports/' }, { bucket: BUCKET, prefix: 'auth/', readOnly: true }] });
    const client = clientFor(env.emu, { ...scoped, stsToken: scoped.securityToken, refreshSTSTokenInterval: 300_000 });
    await client.put('exports/ok.csv', Buffer.from('ok'));
    assert.equal((await client.listV2({ prefix: 'exports/' }, {})).objects.length, 1);
    assert.equal(String((await client.get('auth/o.txt')).content), 'secret');
    await assert.rejects(client.put('auth/nope', Buffer.from('x')), ossCode('AccessDenied', 403));
    await assert.rejects(client.put('elsewhere/x', Buffer.from('x')), ossCode('AccessDenied', 403));
    await assert.rejects(client.listV2({ prefix: '' }, {}), ossCode('AccessDenied', 403));
    await assert.rejects(client.deleteMulti(['exports/ok.csv', 'auth/o.txt']), ossCode('AccessDenied', 403));
    await assert.rejects(client.listBuckets({}), ossCode('AccessDenied', 403));
    await client.deleteMulti(['exports/ok.csv']);
  });

  it('lets anonymous callers read only public-read buckets', async () => {
    const anonymous = await fetch(`${env.emu.endpoint}/${BUCKET}/auth/o.txt`);
    assert.equal(anonymous.status, 403);
    assert.match(await anonymous.text(), /<Code>AccessDenied<\/Code>/);
    await clientFor(env.emu).putBucket('public-bucket', { acl: 'public-read' } as never);
    await clientFor(env.emu, { bucket: 'public-bucket' }).put('page.html', Buffer.from('<p>hi</p>'));
    const read = await fetch(`${env.emu.endpoint}/public-bucket/page.html`);
    assert.equal(read.status, 200);
    assert.equal(await read.text(), '<p>hi</p>');
    const write = await fetch(`${env.emu.endpoint}/public-bucket/page.html`, { method: 'PUT', body: 'defaced' });
    assert.equal(write.status, 403);
  });
});
