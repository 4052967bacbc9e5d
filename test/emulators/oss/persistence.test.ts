import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc64 } from '../../../emulators/oss/crc64.ts';
import { useDataDir } from '../suite.ts';
import { BUCKET, bucketNames, bytes, clientFor, headersOf, startEmulator } from './helpers.ts';

const PART = 100 * 1024;

describe('OSS emulator: state kept under dataDir across a restart', () => {
  const dataDirFor = useDataDir('ots2oss-oss-');

  it('keeps buckets, objects of every type, metadata and in-progress uploads, and frees replaced bytes', async () => {
    const dataDir = dataDirFor();
    const normal = bytes(50_000, 31);
    const multipart = bytes(PART + 99, 32);
    let uploadId: string;
    let pendingPart: string;
    {
      const emu = await startEmulator({ dataDir });
      const oss = clientFor(emu);
      await oss.putBucket('second-bucket');
      await oss.put('p/normal.bin', normal, { meta: { kept: 'yes' } as never, mime: 'application/x-kept' });
      await oss.put('p/replaced.txt', Buffer.from('old'));
      await oss.put('p/replaced.txt', Buffer.from('new'));
      await oss.put('p/deleted.txt', Buffer.from('gone soon'));
      await oss.delete('p/deleted.txt');
      await oss.append('p/appended.txt', Buffer.from('1234'), { position: '0' });
      await oss.append('p/appended.txt', Buffer.from('56789'), { position: '4' });
      await oss.multipartUpload('p/multipart.bin', multipart, { partSize: PART });
      ({ uploadId } = await oss.initMultipartUpload('p/pending.bin'));
      pendingPart = (await oss.uploadPart('p/pending.bin', uploadId, 1, Buffer.from('pending'), 0, 7)).etag;
      await emu.close();
    }
    // A blob left behind by a crash mid-upload is swept at start.
    await writeFile(join(dataDir, 'blobs', 'orphan'), 'x');

    const emu = await startEmulator({ dataDir });
    try {
      const oss = clientFor(emu);
      assert.deepEqual(await bucketNames(oss), ['second-bucket', BUCKET]);
      const keys = (await oss.listV2({ prefix: 'p/' }, {})).objects.map((o) => o.name);
      assert.deepEqual(keys, ['p/appended.txt', 'p/multipart.bin', 'p/normal.bin', 'p/replaced.txt']);

      const got = await oss.get('p/normal.bin');
      assert.ok(got.content.equals(normal));
      assert.equal(headersOf(got)['x-oss-meta-kept'], 'yes');
      assert.equal(headersOf(got)['content-type'], 'application/x-kept');
      assert.equal(String((await oss.get('p/replaced.txt')).content), 'new');
      const appended = await oss.get('p/appended.txt');
      assert.equal(String(appended.content), '123456789');
      assert.equal(headersOf(appended)['x-oss-hash-crc64ecma'], BigInt('0x995DC9BBDF1939FA').toString());
      await oss.append('p/appended.txt', Buffer.from('0'), { position: '9' });
      const mp = await oss.get('p/multipart.bin');
      assert.ok(mp.content.equals(multipart));
      assert.equal(headersOf(mp)['x-oss-hash-crc64ecma'], crc64(multipart).toString());
      assert.match(headersOf(mp).etag ?? '', /-2"$/);

      const uploads = await oss.listUploads({}, {});
      assert.deepEqual(uploads.uploads.map((u) => u.uploadId), [uploadId]);
      await oss.completeMultipartUpload('p/pending.bin', uploadId, [{ number: 1, etag: pendingPart }]);
      assert.equal(String((await oss.get('p/pending.bin')).content), 'pending');

      // One blob per live segment: normal, replaced, 3 appends, 2 multipart parts, 1 completed pending part.
      const blobs = await readdir(join(dataDir, 'blobs'));
      assert.equal(blobs.length, 8);
      assert.ok(!blobs.includes('orphan'));
    } finally {
      await emu.close();
    }
  });
});
