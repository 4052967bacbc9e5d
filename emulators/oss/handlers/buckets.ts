// Bucket operations (enough for tests and the local demo) and DeleteMultipleObjects.
import { headerValue, validateKey } from '../attributes.ts';
import type { Ctx } from '../context.ts';
import { ossError } from '../errors.ts';
import { isoDate, send, sendXml } from '../http.ts';
import { readSmallBody } from '../ingest.ts';
import { child, children, el, parseXml } from '../xml.ts';
import { boundedInt } from '../query.ts';

export const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const BUCKET_ACLS = ['private', 'public-read', 'public-read-write'];

function owner(ctx: Ctx): string {
  return el('Owner', [el('ID', ctx.settings.ownerId), el('DisplayName', ctx.settings.ownerId)]);
}

function endpoints(ctx: Ctx): { extranet: string; intranet: string; location: string } {
  const region = ctx.settings.region;
  return {
    extranet: `oss-${region}.aliyuncs.com`,
    intranet: `oss-${region}-internal.aliyuncs.com`,
    location: `oss-${region}`,
  };
}

export async function listBuckets(ctx: Ctx): Promise<void> {
  const prefix = ctx.query.get('prefix') ?? '';
  const marker = ctx.query.get('marker') ?? '';
  const maxKeys = boundedInt(ctx.query, 'max-keys', 100, 1000, 1);
  const names = ctx.state.bucketNames().filter((n) => n.startsWith(prefix) && n > marker);
  const shown = names.slice(0, maxKeys);
  const truncated = names.length > shown.length;
  const { extranet, intranet, location } = endpoints(ctx);
  await sendXml(
    ctx,
    200,
    el('ListAllMyBucketsResult', [
      el('Prefix', prefix),
      el('Marker', marker),
      el('MaxKeys', maxKeys),
      el('IsTruncated', truncated),
      truncated ? el('NextMarker', shown[shown.length - 1]) : '',
      owner(ctx),
      el(
        'Buckets',
        shown.map((name) => {
          const b = ctx.state.bucket(name).record;
          return el('Bucket', [
            el('CreationDate', isoDate(b.created)),
            el('ExtranetEndpoint', extranet),
            el('IntranetEndpoint', intranet),
            el('Location', location),
            el('Name', name),
            el('Region', ctx.settings.region),
            el('StorageClass', b.storageClass),
          ]);
        }),
      ),
    ]),
  );
}

export async function putBucket(ctx: Ctx): Promise<void> {
  if (!BUCKET_NAME.test(ctx.bucket)) {
    throw ossError(
      'InvalidBucketName',
      'Bucket names are 3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit.',
      { BucketName: ctx.bucket },
    );
  }
  const acl = headerValue(ctx.req.headers, 'x-oss-acl') ?? 'private';
  if (!BUCKET_ACLS.includes(acl)) {
    throw ossError('InvalidArgument', `x-oss-acl must be one of ${BUCKET_ACLS.join(', ')}.`, {
      ArgumentName: 'x-oss-acl',
      ArgumentValue: acl,
    });
  }
  const body = (await readSmallBody(ctx.req)).toString('utf8');
  let storageClass = 'Standard';
  let redundancy = 'LRS';
  if (body.trim() !== '') {
    const root = parseXml(body);
    storageClass = child(root, 'StorageClass')?.text.trim() || storageClass;
    redundancy = child(root, 'DataRedundancyType')?.text.trim() || redundancy;
  }
  await ctx.state.createBucket({ name: ctx.bucket, created: ctx.settings.now(), acl, storageClass, redundancy });
  await send(ctx, 200, { Location: `/${ctx.bucket}` });
}

export async function deleteBucket(ctx: Ctx): Promise<void> {
  await ctx.state.deleteBucket(ctx.bucket);
  await send(ctx, 204, {});
}

export async function getBucketInfo(ctx: Ctx): Promise<void> {
  const b = ctx.state.bucket(ctx.bucket).record;
  const { extranet, intranet, location } = endpoints(ctx);
  await sendXml(
    ctx,
    200,
    el('BucketInfo', [
      el('Bucket', [
        el('CreationDate', isoDate(b.created)),
        el('ExtranetEndpoint', extranet),
        el('IntranetEndpoint', intranet),
        el('Location', location),
        el('Name', b.name),
        el('StorageClass', b.storageClass),
        el('DataRedundancyType', b.redundancy),
        owner(ctx),
        el('AccessControlList', [el('Grant', b.acl)]),
        el('ServerSideEncryptionRule', [el('SSEAlgorithm', 'None')]),
        el('Versioning', 'Disabled'),
      ]),
    ]),
  );
}

export async function getBucketLocation(ctx: Ctx): Promise<void> {
  ctx.state.bucket(ctx.bucket);
  await sendXml(ctx, 200, el('LocationConstraint', endpoints(ctx).location));
}

export async function deleteMultipleObjects(ctx: Ctx): Promise<void> {
  ctx.state.bucket(ctx.bucket);
  const root = parseXml((await readSmallBody(ctx.req)).toString('utf8'));
  if (root.name !== 'Delete') throw ossError('MalformedXML', 'The root element must be Delete.');
  const quiet = (child(root, 'Quiet')?.text.trim() ?? 'false').toLowerCase() === 'true';
  const keys = children(root, 'Object').map((o) => child(o, 'Key')?.text ?? '');
  if (keys.length === 0 || keys.length > 1000) {
    throw ossError('MalformedXML', `Delete must list 1 to 1000 objects, not ${keys.length}.`);
  }
  const encodeUrl = ctx.query.get('encoding-type') === 'url';
  for (const key of keys) {
    validateKey(key);
    ctx.access.check(ctx.bucket, key, true);
  }
  for (const key of keys) await ctx.state.deleteObject(ctx.bucket, key);
  await sendXml(
    ctx,
    200,
    el('DeleteResult', [
      encodeUrl ? el('EncodingType', 'url') : '',
      ...(quiet ? [] : keys.map((k) => el('Deleted', [el('Key', encodeUrl ? encodeURIComponent(k) : k)]))),
    ]),
  );
}
