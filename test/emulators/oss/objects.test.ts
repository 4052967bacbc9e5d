import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { BUCKET, bytes, clientFor, headersOf, ossCode, useOssEmulator } from './helpers.ts';

const CHECK_123456789 = BigInt('0x995DC9BBDF1939FA').toString();
const md5Hex = (b: Buffer) => createHash('md5').update(b).digest('hex').toUpperCase();
const md5Base64 = (b: Buffer) => createHash('md5').update(b).digest('base64');

describe('OSS emulator: single objects through ali-oss', () => {
  const env = useOssEmulator();

  it('puts and gets an object with an OSS ETag, CRC-64, Content-MD5 and request id', async () => {
    const body = Buffer.from('123456789');
    const put = await env.oss.put('docs/digits.txt', body);
    const h = headersOf(put);
    assert.equal(h.etag, `"${md5Hex(body)}"`);
    assert.equal(h['x-oss-hash-crc64ecma'], CHECK_123456789);
    assert.equal(h['content-md5'], md5Base64(body));
    assert.match(h['x-oss-request-id'] ?? '', /^[0-9A-F]{24}$/);

    const got = await env.oss.get('docs/digits.txt');
    assert.deepEqual(got.content, body);
    const g = headersOf(got);
    assert.equal(g['x-oss-hash-crc64ecma'], CHECK_123456789);
    assert.equal(g['content-type'], 'text/plain');
    assert.equal(g['x-oss-object-type'], 'Normal');
    assert.ok(!Number.isNaN(Date.parse(g['last-modified'] ?? '')));
    assert.deepEqual(env.emu.objects(BUCKET).find((o) => o.key === 'docs/digits.txt')?.body(), body);
  });

  it('streams bodies without a length (chunked) and keys with spaces, plus and unicode', async () => {
    const key = 'weird/a b+c/日本語 ü.bin';
    const body = bytes(70_000, 5);
    await env.oss.putStream(key, Readable.from([body.subarray(0, 30_000), body.subarray(30_000)]));
    assert.deepEqual((await env.oss.get(key)).content, body);
    const listed = await env.oss.listV2({ prefix: 'weird/' }, {});
    assert.deepEqual(listed.objects.map((o) => o.name), [key]);
  });

  it('keeps user metadata, Content-Type, cache headers, SSE, storage class and the object ACL', async () => {
    await env.oss.put('meta/o.csv', Buffer.from('a,b\n'), {
      meta: { owner: 'ots2oss', rows: '1' } as unknown as OSS.UserMeta,
      mime: 'text/csv',
      headers: {
        'Cache-Control': 'no-cache',
        'Content-Disposition': 'attachment; filename="o.csv"',
        'x-oss-server-side-encryption': 'AES256',
        'x-oss-storage-class': 'IA',
        'x-oss-object-acl': 'private',
      },
    });
    const head = await env.oss.head('meta/o.csv');
    assert.deepEqual(head.meta, { owner: 'ots2oss', rows: '1' });
    const h = headersOf(head);
    assert.equal(h['content-type'], 'text/csv');
    assert.equal(h['cache-control'], 'no-cache');
    assert.equal(h['content-disposition'], 'attachment; filename="o.csv"');
    assert.equal(h['x-oss-server-side-encryption'], 'AES256');
    assert.equal(h['x-oss-storage-class'], 'IA');
    assert.equal(h['content-length'], '4');
    const acl = await env.oss.getACL('meta/o.csv');
    assert.equal(acl.acl, 'private');
    await env.oss.putACL('meta/o.csv', 'public-read');
    assert.equal((await env.oss.getACL('meta/o.csv')).acl, 'public-read');

    await assert.rejects(
      env.oss.put('meta/bad-sse', Buffer.from('x'), { headers: { 'x-oss-server-side-encryption': 'ROT13' } }),
      ossCode('InvalidEncryptionAlgorithmError', 400),
    );
    await assert.rejects(
      env.oss.put('meta/bad-acl', Buffer.from('x'), { headers: { 'x-oss-object-acl': 'everyone' } }),
      ossCode('InvalidArgument', 400),
    );
  });

  it('serves byte ranges with 206 and Content-Range, and ignores unsatisfiable ones unless asked to be standard', async () => {
    const body = bytes(1000, 9);
    await env.oss.put('range/r.bin', body);
    const r = await env.oss.get('range/r.bin', { headers: { Range: 'bytes=100-199' } });
    assert.equal(r.res.status, 206);
    assert.deepEqual(r.content, body.subarray(100, 200));
    assert.equal(headersOf(r)['content-range'], 'bytes 100-199/1000');

    const tail = await env.oss.get('range/r.bin', { headers: { Range: 'bytes=-10' } });
    assert.deepEqual(tail.content, body.subarray(990));
    const open = await env.oss.get('range/r.bin', { headers: { Range: 'bytes=995-' } });
    assert.deepEqual(open.content, body.subarray(995));

    const ignored = await env.oss.get('range/r.bin', { headers: { Range: 'bytes=1000-2000' } });
    assert.equal(ignored.res.status, 200);
    assert.equal(ignored.content.length, 1000);

    const clamped = await env.oss.get('range/r.bin', { headers: { Range: 'bytes=900-5000', 'x-oss-range-behavior': 'standard' } });
    assert.equal(clamped.res.status, 206);
    assert.equal(headersOf(clamped)['content-range'], 'bytes 900-999/1000');
    await assert.rejects(
      env.oss.get('range/r.bin', { headers: { Range: 'bytes=1000-2000', 'x-oss-range-behavior': 'standard' } }),
      ossCode('InvalidRange', 416),
    );
  });

  it('answers conditional reads with 304 and 412', async () => {
    const put = await env.oss.put('cond/c.txt', Buffer.from('v1'));
    const etag = headersOf(put).etag!;
    const notModified = await env.oss.get('cond/c.txt', { headers: { 'If-None-Match': etag } });
    assert.equal(notModified.res.status, 304);
    await assert.rejects(env.oss.get('cond/c.txt', { headers: { 'If-Match': '"0000"' } }), ossCode('PreconditionFailed', 412));
    assert.equal((await env.oss.get('cond/c.txt', { headers: { 'If-Match': etag } })).res.status, 200);
  });

  it('verifies Content-MD5: InvalidDigest when malformed, BadDigest when it does not match', async () => {
    await assert.rejects(
      env.oss.put('md5/bad', Buffer.from('payload'), { headers: { 'Content-MD5': 'not-an-md5' } }),
      ossCode('InvalidDigest', 400),
    );
    await assert.rejects(
      env.oss.put('md5/bad', Buffer.from('payload'), { headers: { 'Content-MD5': md5Base64(Buffer.from('other')) } }),
      ossCode('BadDigest', 400),
    );
    await assert.rejects(env.oss.head('md5/bad'), ossCode('NoSuchKey', 404));
  });

  it('refuses to overwrite with x-oss-forbid-overwrite: true (409 FileAlreadyExists)', async () => {
    await env.oss.put('fo/once.txt', Buffer.from('first'), { headers: { 'x-oss-forbid-overwrite': 'true' } });
    await assert.rejects(
      env.oss.put('fo/once.txt', Buffer.from('second'), { headers: { 'x-oss-forbid-overwrite': 'true' } }),
      ossCode('FileAlreadyExists', 409),
    );
    assert.equal(String((await env.oss.get('fo/once.txt')).content), 'first');
    await env.oss.put('fo/once.txt', Buffer.from('third'), { headers: { 'x-oss-forbid-overwrite': 'false' } });
    assert.equal(String((await env.oss.get('fo/once.txt')).content), 'third');
  });

  it('reports missing objects and buckets with OSS error codes, including on HEAD', async () => {
    const err = await env.oss.get('nope/missing').then(
      () => assert.fail('a missing key must fail'),
      (e: unknown) => e as { code: string; status: number; requestId: string; hostId: string },
    );
    assert.equal(err.code, 'NoSuchKey');
    assert.equal(err.status, 404);
    assert.match(err.requestId, /^[0-9A-F]{24}$/);
    assert.match(err.hostId, /test-bucket/);
    await assert.rejects(env.oss.head('nope/missing'), ossCode('NoSuchKey', 404));
    const other = clientFor(env.emu, { bucket: 'no-such-bucket' });
    await assert.rejects(other.put('k', Buffer.from('x')), ossCode('NoSuchBucket', 404));
    // A HEAD answer has no body; ali-oss names every body-less 404 NoSuchKey.
    await assert.rejects(other.head('k'), ossCode('NoSuchKey', 404));
  });

  it('returns object meta and deletes objects (deleting a missing key is not an error)', async () => {
    await env.oss.put('del/a.txt', Buffer.from('abc'));
    const meta = await (env.oss as unknown as { getObjectMeta(k: string): Promise<{ status: number; res: { headers: object } }> }).getObjectMeta('del/a.txt');
    assert.equal(meta.status, 200);
    assert.equal(headersOf(meta)['content-length'], '3');
    assert.equal((await env.oss.delete('del/a.txt')).res.status, 204);
    assert.equal((await env.oss.delete('del/a.txt')).res.status, 204);
    await assert.rejects(env.oss.get('del/a.txt'), ossCode('NoSuchKey', 404));
  });

  it('deletes many objects with POST ?delete, verbose and quiet', async () => {
    const keys = ['dm/1', 'dm/2', 'dm/3', 'dm/4'];
    for (const k of keys) await env.oss.put(k, Buffer.from(k));
    const verbose = await env.oss.deleteMulti(['dm/1', 'dm/2', 'dm/never-existed']);
    assert.deepEqual((verbose.deleted ?? []).map((d) => (d as unknown as { Key: string }).Key), ['dm/1', 'dm/2', 'dm/never-existed']);
    const quiet = await env.oss.deleteMulti(['dm/3', 'dm/4'], { quiet: true });
    assert.deepEqual(quiet.deleted, []);
    assert.deepEqual((await env.oss.listV2({ prefix: 'dm/' }, {})).objects, []);
  });

  it('copies objects within and across buckets, keeping or replacing metadata', async () => {
    await env.oss.putBucket('copy-target');
    const body = bytes(5000, 11);
    await env.oss.put('copy/src.bin', body, { meta: { a: '1' } as unknown as OSS.UserMeta });
    const copied = await env.oss.copy('copy/dst.bin', 'copy/src.bin');
    assert.equal(copied.res.status, 200);
    assert.equal(copied.data?.etag, `"${md5Hex(body)}"`);
    assert.deepEqual((await env.oss.get('copy/dst.bin')).content, body);
    assert.deepEqual((await env.oss.head('copy/dst.bin')).meta, { a: '1' });

    const replaced = await env.oss.copy('copy/dst2.bin', 'copy/src.bin', { meta: { b: '2' } as unknown as OSS.UserMeta });
    assert.equal(replaced.res.status, 200);
    assert.deepEqual((await env.oss.head('copy/dst2.bin')).meta, { b: '2' });

    const target = clientFor(env.emu, { bucket: 'copy-target' });
    await target.copy('in-other-bucket.bin', 'copy/src.bin', BUCKET);
    assert.deepEqual((await target.get('in-other-bucket.bin')).content, body);
    await env.oss.delete('copy/src.bin');
    assert.deepEqual((await target.get('in-other-bucket.bin')).content, body, 'a copy owns its bytes');

    await assert.rejects(env.oss.copy('copy/x', 'copy/missing'), ossCode('NoSuchKey', 404));
    await assert.rejects(
      env.oss.copy('copy/dst.bin', 'copy/dst2.bin', { headers: { 'x-oss-forbid-overwrite': 'true' } }),
      ossCode('FileAlreadyExists', 409),
    );
  });

  it('reads large objects in one piece', async () => {
    const body = bytes(8 * 1024 * 1024, 13);
    await env.oss.put('big/eight-mib.bin', body);
    const got = await env.oss.get('big/eight-mib.bin');
    assert.ok(got.content.equals(body));
  });
});
