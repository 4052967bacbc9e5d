import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { crc64 } from '../../../emulators/oss/crc64.ts';
import { BUCKET, bytes, headersOf, ossCode, signedRequest, useOssEmulator } from './helpers.ts';

const PART = 100 * 1024; // OSS's minimum size for every part but the last

/** OSS multipart ETag: MD5 of the concatenated binary part MD5s, then -<part count>. */
function multipartEtag(parts: Buffer[]): string {
  const outer = createHash('md5');
  for (const p of parts) outer.update(createHash('md5').update(p).digest());
  return `"${outer.digest('hex').toUpperCase()}-${parts.length}"`;
}

describe('OSS emulator: multipart upload through ali-oss', () => {
  const env = useOssEmulator();

  it('initiates, uploads parts, lists them and completes with the multipart ETag and whole-object CRC-64', async () => {
    const body = bytes(2 * PART + 777, 21);
    const pieces = [body.subarray(0, PART), body.subarray(PART, 2 * PART), body.subarray(2 * PART)];
    const init = await env.oss.initMultipartUpload('mp/file.bin', { meta: { job: 'j1' } as unknown as OSS.UserMeta, mime: 'application/x-test' });
    assert.match(init.uploadId, /^[0-9A-F]{32}$/);

    const parts: Array<{ number: number; etag: string }> = [];
    for (const [i, piece] of pieces.entries()) {
      const up = await env.oss.uploadPart('mp/file.bin', init.uploadId, i + 1, body, i * PART, i * PART + piece.length);
      assert.equal(up.etag, `"${createHash('md5').update(piece).digest('hex').toUpperCase()}"`);
      assert.equal(headersOf(up)['x-oss-hash-crc64ecma'], crc64(piece).toString());
      parts.push({ number: i + 1, etag: up.etag });
    }

    // ali-oss hands back the parsed XML: strings, and a lone Part as an object rather than an array.
    const listed = await env.oss.listParts('mp/file.bin', init.uploadId, { 'max-parts': 2 } as OSS.ListPartsQuery);
    assert.equal(String(listed.isTruncated), 'true');
    assert.equal((listed.parts as unknown as Array<{ PartNumber: string }>).map((p) => p.PartNumber).join(','), '1,2');
    const marker = { 'part-number-marker': Number(listed.nextPartNumberMarker) } as OSS.ListPartsQuery;
    const rest = await env.oss.listParts('mp/file.bin', init.uploadId, marker);
    assert.equal((rest.parts as unknown as { PartNumber: string }).PartNumber, '3');

    const uploads = await env.oss.listUploads({}, {});
    assert.deepEqual(uploads.uploads.map((u) => [u.name, u.uploadId]), [['mp/file.bin', init.uploadId]]);

    const done = await env.oss.completeMultipartUpload('mp/file.bin', init.uploadId, parts);
    assert.equal(done.etag, multipartEtag(pieces));
    assert.equal(headersOf(done)['x-oss-hash-crc64ecma'], crc64(body).toString());

    const got = await env.oss.get('mp/file.bin');
    assert.ok(got.content.equals(body));
    const h = headersOf(got);
    assert.equal(h['x-oss-object-type'], 'Multipart');
    assert.equal(h['x-oss-hash-crc64ecma'], crc64(body).toString());
    assert.equal(h['x-oss-meta-job'], 'j1');
    assert.equal(h['content-type'], 'application/x-test');
    const ranged = await env.oss.get('mp/file.bin', { headers: { Range: `bytes=${PART - 10}-${PART + 9}` } });
    assert.ok(ranged.content.equals(body.subarray(PART - 10, PART + 10)), 'a range across two parts');
    assert.deepEqual((await env.oss.listUploads({}, {})).uploads, []);
  });

  it('rejects a wrong part ETag (InvalidPart), a missing part, too-small parts and unsorted parts', async () => {
    const body = bytes(PART + 10, 22);
    const { uploadId } = await env.oss.initMultipartUpload('mp/bad.bin');
    const p1 = await env.oss.uploadPart('mp/bad.bin', uploadId, 1, body, 0, PART);
    const p2 = await env.oss.uploadPart('mp/bad.bin', uploadId, 2, body, PART, PART + 10);
    await assert.rejects(
      env.oss.completeMultipartUpload('mp/bad.bin', uploadId, [{ number: 1, etag: '"00000000000000000000000000000000"' }, { number: 2, etag: p2.etag }]),
      ossCode('InvalidPart', 400),
    );
    await assert.rejects(
      env.oss.completeMultipartUpload('mp/bad.bin', uploadId, [{ number: 1, etag: p1.etag }, { number: 3, etag: p2.etag }]),
      ossCode('InvalidPart', 400),
    );
    // ali-oss sorts the parts it is given, so an unsorted list goes out through its signed request.
    const unsorted = `<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>${p2.etag}</ETag></Part><Part><PartNumber>1</PartNumber><ETag>${p1.etag}</ETag></Part></CompleteMultipartUpload>`;
    await assert.rejects(
      signedRequest(env.oss, { method: 'POST', bucket: BUCKET, object: 'mp/bad.bin', subres: { uploadId }, content: unsorted, mime: 'xml' }),
      ossCode('InvalidPartOrder', 400),
    );
    const small = await env.oss.uploadPart('mp/bad.bin', uploadId, 1, body, 0, 10);
    await assert.rejects(
      env.oss.completeMultipartUpload('mp/bad.bin', uploadId, [{ number: 1, etag: small.etag }, { number: 2, etag: p2.etag }]),
      ossCode('EntityTooSmall', 400),
    );
    // The failed completions left the upload intact.
    const ok = await env.oss.uploadPart('mp/bad.bin', uploadId, 1, body, 0, PART);
    await env.oss.completeMultipartUpload('mp/bad.bin', uploadId, [{ number: 1, etag: ok.etag }, { number: 2, etag: p2.etag }]);
    assert.ok((await env.oss.get('mp/bad.bin')).content.equals(body));
  });

  it('aborts an upload: its parts go and later calls get NoSuchUpload', async () => {
    const { uploadId } = await env.oss.initMultipartUpload('mp/aborted.bin');
    await env.oss.uploadPart('mp/aborted.bin', uploadId, 1, bytes(PART, 23), 0, PART);
    await env.oss.abortMultipartUpload('mp/aborted.bin', uploadId);
    await assert.rejects(env.oss.listParts('mp/aborted.bin', uploadId, {} as OSS.ListPartsQuery), ossCode('NoSuchUpload', 404));
    await assert.rejects(env.oss.uploadPart('mp/aborted.bin', uploadId, 2, bytes(10), 0, 10), ossCode('NoSuchUpload', 404));
    await assert.rejects(env.oss.completeMultipartUpload('mp/aborted.bin', uploadId, [{ number: 1, etag: '"X"' }]), ossCode('NoSuchUpload', 404));
    await assert.rejects(env.oss.abortMultipartUpload('mp/aborted.bin', 'NOT-AN-UPLOAD'), ossCode('NoSuchUpload', 404));
    await assert.rejects(env.oss.head('mp/aborted.bin'), ossCode('NoSuchKey', 404));
  });

  it('honours x-oss-forbid-overwrite at initiation and completion', async () => {
    await env.oss.put('mp/exists.bin', Buffer.from('x'));
    await assert.rejects(
      env.oss.initMultipartUpload('mp/exists.bin', { headers: { 'x-oss-forbid-overwrite': 'true' } }),
      ossCode('FileAlreadyExists', 409),
    );
    const { uploadId } = await env.oss.initMultipartUpload('mp/late.bin');
    const p = await env.oss.uploadPart('mp/late.bin', uploadId, 1, Buffer.from('part'), 0, 4);
    await env.oss.put('mp/late.bin', Buffer.from('someone else'));
    await assert.rejects(
      env.oss.completeMultipartUpload('mp/late.bin', uploadId, [{ number: 1, etag: p.etag }], { headers: { 'x-oss-forbid-overwrite': 'true' } }),
      ossCode('FileAlreadyExists', 409),
    );
    assert.equal(String((await env.oss.get('mp/late.bin')).content), 'someone else');
  });

  it('runs ali-oss managed multipartUpload and multipartUploadCopy end to end', async () => {
    const body = bytes(3 * PART + 5, 24);
    let lastProgress = 0;
    await env.oss.multipartUpload('mp/managed.bin', body, { partSize: PART, parallel: 3, progress: (p: number) => { lastProgress = p; } });
    assert.equal(lastProgress, 1);
    assert.ok((await env.oss.get('mp/managed.bin')).content.equals(body));
    assert.equal(headersOf(await env.oss.head('mp/managed.bin'))['x-oss-hash-crc64ecma'], crc64(body).toString());

    const source = { sourceKey: 'mp/managed.bin', sourceBucketName: BUCKET } as OSS.MultipartUploadCopySourceData; // offsets are optional
    await env.oss.multipartUploadCopy('mp/copied.bin', source, { partSize: PART });
    const copied = await env.oss.get('mp/copied.bin');
    assert.ok(copied.content.equals(body));
    assert.equal(headersOf(copied)['x-oss-hash-crc64ecma'], crc64(body).toString());
  });
});
