import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { BUCKET, bucketNames, clientFor, ossCode, useOssEmulator } from './helpers.ts';

const KEYS = [
  'logs/2024/01/a.csv',
  'logs/2024/01/b.csv',
  'logs/2024/02/a.csv',
  'logs/2025/01/a.csv',
  'logs/readme.txt',
  'other/x',
  'top.txt',
];

type V1Query = { prefix?: string; delimiter?: string; marker?: string; 'max-keys': string | number };

describe('OSS emulator: listing through ali-oss', () => {
  const env = useOssEmulator({}, async ({ oss }) => {
    // Written out of order: listings must come back in key order.
    for (const k of [...KEYS].reverse()) await oss.put(k, Buffer.from(k));
  });

  it('ListObjects v1 lists every key in order with size, ETag, owner and storage class', async () => {
    const r = await env.oss.list({ 'max-keys': 1000 }, {});
    assert.deepEqual(r.objects.map((o) => o.name), KEYS);
    assert.equal(r.isTruncated, false);
    const first = r.objects[0]!;
    assert.equal(first.size, KEYS[0]!.length);
    assert.match(first.etag, /^"[0-9A-F]{32}"$/);
    assert.equal(first.storageClass, 'Standard');
    assert.equal(first.type, 'Normal');
    assert.ok(first.owner?.id);
  });

  it('ListObjects v1 pages with marker, max-keys and NextMarker, grouping by delimiter', async () => {
    const seen: string[] = [];
    const prefixes: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    for (;;) {
      const q: V1Query = { prefix: 'logs/', delimiter: '/', 'max-keys': 1, ...(marker ? { marker } : {}) };
      const r = await env.oss.list(q, {});
      pages++;
      seen.push(...r.objects.map((o) => o.name));
      prefixes.push(...(r.prefixes ?? []));
      if (!r.isTruncated) break;
      assert.ok(r.nextMarker, 'a truncated page carries NextMarker');
      marker = r.nextMarker;
    }
    assert.deepEqual(prefixes, ['logs/2024/', 'logs/2025/']);
    assert.deepEqual(seen, ['logs/readme.txt']);
    assert.equal(pages, 3);

    const nested = await env.oss.list({ prefix: 'logs/2024/', delimiter: '/', 'max-keys': 100 }, {});
    assert.deepEqual(nested.prefixes, ['logs/2024/01/', 'logs/2024/02/']);
    assert.deepEqual(nested.objects, []);
  });

  it('ListObjectsV2 pages with continuation tokens and start-after, and reports KeyCount', async () => {
    const names: string[] = [];
    let token: string | null = null;
    do {
      const r: Awaited<ReturnType<OSS['listV2']>> = await env.oss.listV2(
        { prefix: 'logs/', 'max-keys': '2', ...(token ? { 'continuation-token': token } : {}) },
        {},
      );
      assert.equal(r.keyCount, r.objects.length + (r.prefixes?.length ?? 0));
      names.push(...r.objects.map((o) => o.name));
      token = r.isTruncated ? r.nextContinuationToken : null;
      if (r.isTruncated) assert.ok(token);
    } while (token);
    assert.deepEqual(names, KEYS.filter((k) => k.startsWith('logs/')));

    const after = await env.oss.listV2({ 'start-after': 'logs/readme.txt', 'max-keys': '10' }, {});
    assert.deepEqual(after.objects.map((o) => o.name), ['other/x', 'top.txt']);
    assert.equal(after.objects[0]!.owner, null, 'no Owner without fetch-owner');
    const withOwner = await env.oss.listV2({ prefix: 'top', 'fetch-owner': true, 'max-keys': '10' } as unknown as OSS.ListV2ObjectsQuery, {});
    assert.ok(withOwner.objects[0]!.owner?.id);
  });

  it('ListObjectsV2 groups by delimiter across pages without repeating a prefix', async () => {
    const prefixes: string[] = [];
    const names: string[] = [];
    let token: string | null = null;
    do {
      const r: Awaited<ReturnType<OSS['listV2']>> = await env.oss.listV2(
        { delimiter: '/', 'max-keys': '1', ...(token ? { 'continuation-token': token } : {}) },
        {},
      );
      prefixes.push(...(r.prefixes ?? []));
      names.push(...r.objects.map((o) => o.name));
      token = r.isTruncated ? r.nextContinuationToken : null;
    } while (token);
    assert.deepEqual(prefixes, ['logs/', 'other/']);
    assert.deepEqual(names, ['top.txt']);
  });

  it('URL-encodes keys with encoding-type=url and rejects bad paging arguments', async () => {
    await env.oss.put('enc/a b&c', Buffer.from('x'));
    const r = await env.oss.listV2({ prefix: 'enc/', 'encoding-type': 'url' } as unknown as OSS.ListV2ObjectsQuery, {});
    assert.deepEqual(r.objects.map((o) => o.name), [encodeURIComponent('enc/a b&c')]);
    await assert.rejects(env.oss.list({ 'max-keys': 5000 }, {}), ossCode('InvalidArgument', 400));
    await assert.rejects(env.oss.listV2({ 'continuation-token': '%%%' } as unknown as OSS.ListV2ObjectsQuery, {}), ossCode('InvalidArgument', 400));
  });

  it('creates, describes, lists and deletes buckets', async () => {
    await env.oss.putBucket('second-bucket');
    await assert.rejects(env.oss.putBucket('second-bucket'), ossCode('BucketAlreadyExists', 409));
    const info = await env.oss.getBucketInfo('second-bucket');
    assert.equal((info.bucket as unknown as { Name: string }).Name, 'second-bucket');
    assert.equal((info.bucket as unknown as { Location: string }).Location, `oss-${env.emu.region}`);
    assert.deepEqual(await bucketNames(env.oss), ['second-bucket', BUCKET], 'in name order');

    const second = clientFor(env.emu, { bucket: 'second-bucket' });
    await second.put('k', Buffer.from('x'));
    await assert.rejects(env.oss.deleteBucket('second-bucket'), ossCode('BucketNotEmpty', 409));
    await second.delete('k');
    await env.oss.deleteBucket('second-bucket');
    await assert.rejects(env.oss.getBucketInfo('second-bucket'), ossCode('NoSuchBucket', 404));
    await assert.rejects(env.oss.deleteBucket('second-bucket'), ossCode('NoSuchBucket', 404));
  });
});
