// ListObjects (v1), ListObjectsV2 and ListMultipartUploads: prefix, delimiter grouping, markers, pages.
import type { Ctx } from '../context.ts';
import { ossError } from '../errors.ts';
import { isoDate, quoted, sendXml } from '../http.ts';
import { compareKeys } from '../keys.ts';
import type { ObjectRecord, UploadRecord } from '../metadata.ts';
import { el } from '../xml.ts';
import { boundedInt } from '../query.ts';

type Entry<T> = { kind: 'item'; name: string; item: T } | { kind: 'prefix'; name: string };

/** Groups names under `prefix` by `delimiter` into common prefixes, skipping groups at or before `marker`. */
function* grouped<T>(
  items: Iterable<{ name: string; item: T }>,
  prefix: string,
  delimiter: string,
  marker: string,
): Generator<Entry<T>> {
  let lastPrefix: string | undefined;
  for (const { name, item } of items) {
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    if (cut < 0) {
      yield { kind: 'item', name, item };
      continue;
    }
    const common = name.slice(0, cut + delimiter.length);
    if (common === lastPrefix || (marker && compareKeys(common, marker) <= 0)) continue;
    lastPrefix = common;
    yield { kind: 'prefix', name: common };
  }
}

function page<T>(entries: Iterable<Entry<T>>, max: number): { entries: Entry<T>[]; truncated: boolean } {
  const out: Entry<T>[] = [];
  for (const e of entries) {
    if (out.length === max) return { entries: out, truncated: true };
    out.push(e);
  }
  return { entries: out, truncated: false };
}

function encoder(ctx: Ctx): { type?: string; encode: (s: string) => string } {
  const type = ctx.query.get('encoding-type');
  if (type === undefined || type === '') return { encode: (s) => s };
  if (type !== 'url') {
    throw ossError('InvalidArgument', 'encoding-type must be "url".', { ArgumentName: 'encoding-type', ArgumentValue: type });
  }
  return { type, encode: (s) => encodeURIComponent(s) };
}

function objectEntries(ctx: Ctx, prefix: string, marker: string) {
  const bucket = ctx.state.bucket(ctx.bucket);
  function* items() {
    for (const name of bucket.keys.listing(prefix, marker)) yield { name, item: bucket.objects.get(name)! };
  }
  return items();
}

function contents(ctx: Ctx, o: ObjectRecord, encode: (s: string) => string, withOwner: boolean): string {
  return el('Contents', [
    el('Key', encode(o.key)),
    el('LastModified', isoDate(o.lastModified)),
    el('ETag', quoted(o.etag)),
    el('Type', o.type),
    el('Size', o.size),
    el('StorageClass', o.storageClass),
    withOwner ? el('Owner', [el('ID', ctx.settings.ownerId), el('DisplayName', ctx.settings.ownerId)]) : '',
  ]);
}

function body<T>(entries: Entry<T>[], render: (item: T) => string, encode: (s: string) => string): string[] {
  return [
    ...entries.flatMap((e) => (e.kind === 'item' ? [render(e.item)] : [])),
    ...entries.flatMap((e) => (e.kind === 'prefix' ? [el('CommonPrefixes', [el('Prefix', encode(e.name))])] : [])),
  ];
}

/** The page of the bucket's keys after `marker` that both ListObjects versions answer with. */
function objectPage(ctx: Ctx, marker: string) {
  const prefix = ctx.query.get('prefix') ?? '';
  const delimiter = ctx.query.get('delimiter') ?? '';
  const maxKeys = boundedInt(ctx.query, 'max-keys', 100, 1000);
  const { type, encode } = encoder(ctx);
  const result = page(grouped(objectEntries(ctx, prefix, marker), prefix, delimiter, marker), maxKeys);
  return { prefix, delimiter, maxKeys, type, encode, ...result, last: result.entries[result.entries.length - 1] };
}

export async function listObjects(ctx: Ctx): Promise<void> {
  const marker = ctx.query.get('marker') ?? '';
  const { prefix, delimiter, maxKeys, type, encode, entries, truncated, last } = objectPage(ctx, marker);
  await sendXml(
    ctx,
    200,
    el('ListBucketResult', [
      el('Name', ctx.bucket),
      el('Prefix', encode(prefix)),
      el('Marker', encode(marker)),
      el('MaxKeys', maxKeys),
      el('Delimiter', encode(delimiter)),
      el('IsTruncated', truncated),
      truncated && last ? el('NextMarker', encode(last.name)) : '',
      type ? el('EncodingType', type) : '',
      ...body(entries, (o) => contents(ctx, o, encode, true), encode),
    ]),
  );
}

const tokenFor = (name: string) => Buffer.from(name, 'utf8').toString('base64url');

function nameFromToken(token: string): string {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || tokenFor(name) !== token) {
    throw ossError('InvalidArgument', 'The continuation-token is not one this service issued.', {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return name;
}

export async function listObjectsV2(ctx: Ctx): Promise<void> {
  const token = ctx.query.get('continuation-token');
  const startAfter = ctx.query.get('start-after');
  const marker = token !== undefined ? nameFromToken(token) : (startAfter ?? '');
  const fetchOwner = ctx.query.get('fetch-owner') === 'true';
  const { prefix, delimiter, maxKeys, type, encode, entries, truncated, last } = objectPage(ctx, marker);
  await sendXml(
    ctx,
    200,
    el('ListBucketResult', [
      el('Name', ctx.bucket),
      el('Prefix', encode(prefix)),
      startAfter !== undefined ? el('StartAfter', encode(startAfter)) : '',
      token !== undefined ? el('ContinuationToken', token) : '',
      el('MaxKeys', maxKeys),
      el('Delimiter', encode(delimiter)),
      el('IsTruncated', truncated),
      truncated && last ? el('NextContinuationToken', tokenFor(last.name)) : '',
      el('KeyCount', entries.length),
      type ? el('EncodingType', type) : '',
      ...body(entries, (o) => contents(ctx, o, encode, fetchOwner), encode),
    ]),
  );
}

export async function listMultipartUploads(ctx: Ctx): Promise<void> {
  const prefix = ctx.query.get('prefix') ?? '';
  const delimiter = ctx.query.get('delimiter') ?? '';
  const keyMarker = ctx.query.get('key-marker') ?? '';
  const uploadIdMarker = ctx.query.get('upload-id-marker') ?? '';
  const maxUploads = boundedInt(ctx.query, 'max-uploads', 1000, 1000, 1);
  const { type, encode } = encoder(ctx);
  const after = (u: UploadRecord) => {
    const c = compareKeys(u.key, keyMarker);
    return c > 0 || (c === 0 && uploadIdMarker !== '' && u.uploadId > uploadIdMarker);
  };
  const uploads = [...ctx.state.bucket(ctx.bucket).uploads.values()]
    .filter((u) => u.key.startsWith(prefix) && (keyMarker === '' || after(u)))
    .sort((a, b) => compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : 1))
    .map((u) => ({ name: u.key, item: u }));
  // Grouping skips prefixes at or before the key marker, except the marker's own uploads continue.
  const result = page(grouped(uploads, prefix, delimiter, uploadIdMarker ? '' : keyMarker), maxUploads);
  const last = result.entries[result.entries.length - 1];
  await sendXml(
    ctx,
    200,
    el('ListMultipartUploadsResult', [
      el('Bucket', ctx.bucket),
      el('KeyMarker', encode(keyMarker)),
      el('UploadIdMarker', uploadIdMarker),
      el('NextKeyMarker', result.truncated && last ? encode(last.name) : ''),
      el('NextUploadIdMarker', result.truncated && last?.kind === 'item' ? last.item.uploadId : ''),
      el('Delimiter', encode(delimiter)),
      el('Prefix', encode(prefix)),
      el('MaxUploads', maxUploads),
      el('IsTruncated', result.truncated),
      type ? el('EncodingType', type) : '',
      ...body(
        result.entries,
        (u) => el('Upload', [el('Key', encode(u.key)), el('UploadId', u.uploadId), el('Initiated', isoDate(u.initiated))]),
        encode,
      ),
    ]),
  );
}
