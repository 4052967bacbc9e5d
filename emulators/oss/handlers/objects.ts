// Single-object operations: put, get, head, meta, delete, copy, append and the object ACL.
import { createHash } from 'node:crypto';
import { forbidsOverwrite, headerValue, readAttributes, validateKey } from '../attributes.ts';
import { checkConditions, parseRange } from '../conditions.ts';
import type { Ctx } from '../context.ts';
import { crc64Combine } from '../crc64.ts';
import { ossError } from '../errors.ts';
import { isoDate, objectHeaders, quoted, send, sendXml, type Headers } from '../http.ts';
import { ingest, ingestRequest, MAX_OBJECT_SIZE } from '../ingest.ts';
import type { ObjectRecord } from '../metadata.ts';
import { el } from '../xml.ts';

export const md5Hex = (digest: Buffer) => digest.toString('hex').toUpperCase();

function refuseOverwrite(ctx: Ctx): (current: ObjectRecord | undefined) => void {
  const forbid = forbidsOverwrite(ctx.req.headers);
  return (current) => {
    if (forbid && current) throw ossError('FileAlreadyExists', undefined, { Key: ctx.key });
  };
}

function writeHeaders(o: ObjectRecord): Headers {
  const headers: Headers = { ETag: quoted(o.etag), 'x-oss-hash-crc64ecma': o.crc64 };
  if (o.contentMd5) headers['Content-MD5'] = o.contentMd5;
  if (o.sse) headers['x-oss-server-side-encryption'] = o.sse;
  if (o.sseKeyId) headers['x-oss-server-side-encryption-key-id'] = o.sseKeyId;
  return headers;
}

/** Commits a new object; frees its blobs if the commit is refused. */
async function commit(ctx: Ctx, record: ObjectRecord, check?: (current: ObjectRecord | undefined) => void): Promise<void> {
  try {
    await ctx.state.putObject(ctx.bucket, record, check);
  } catch (error) {
    await ctx.state.blobs.remove(record.segments.map((s) => s.blob));
    throw error;
  }
}

export async function putObject(ctx: Ctx): Promise<void> {
  validateKey(ctx.key);
  const attributes = readAttributes(ctx.req.headers);
  const check = refuseOverwrite(ctx);
  check(ctx.state.bucket(ctx.bucket).objects.get(ctx.key)); // fail before reading the body
  const body = await ingestRequest(ctx.req, ctx.state.blobs);
  const record: ObjectRecord = {
    ...attributes,
    key: ctx.key,
    type: 'Normal',
    segments: [{ blob: body.blob, size: body.size }],
    size: body.size,
    etag: md5Hex(body.md5),
    crc64: body.crc64.toString(),
    contentMd5: body.md5.toString('base64'),
    lastModified: ctx.settings.now(),
  };
  await commit(ctx, record, check);
  await send(ctx, 200, writeHeaders(record));
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'Content-Type',
  'response-content-language': 'Content-Language',
  'response-expires': 'Expires',
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
};

export async function getObject(ctx: Ctx): Promise<void> {
  const o = ctx.state.getObject(ctx.bucket, ctx.key);
  checkConditions(ctx.req.headers, o);
  const headers = objectHeaders(o);
  for (const [param, name] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = ctx.query.get(param);
    if (value !== undefined) headers[name] = value;
  }
  const range = ctx.req.method === 'GET' ? parseRange(ctx.req.headers, o.size) : undefined;
  if (!range) {
    if (o.contentMd5) headers['Content-MD5'] = o.contentMd5;
    headers['Content-Length'] = o.size;
    await send(ctx, 200, headers, ctx.req.method === 'HEAD' ? undefined : ctx.state.blobs.read(o.segments, 0, o.size));
    return;
  }
  headers['Content-Length'] = range.end - range.start + 1;
  headers['Content-Range'] = `bytes ${range.start}-${range.end}/${o.size}`;
  await send(ctx, 206, headers, ctx.state.blobs.read(o.segments, range.start, range.end + 1));
}

export async function getObjectMeta(ctx: Ctx): Promise<void> {
  const o = ctx.state.getObject(ctx.bucket, ctx.key);
  await send(ctx, 200, {
    ETag: quoted(o.etag),
    'Content-Length': o.size,
    'Last-Modified': new Date(o.lastModified).toUTCString(),
    'x-oss-hash-crc64ecma': o.crc64,
  });
}

export async function deleteObject(ctx: Ctx): Promise<void> {
  await ctx.state.deleteObject(ctx.bucket, ctx.key);
  await send(ctx, 204, {});
}

/** Parses x-oss-copy-source: "/<bucket>/<url-encoded key>". */
export function copySource(ctx: Ctx): { bucket: string; key: string } {
  const raw = headerValue(ctx.req.headers, 'x-oss-copy-source') ?? '';
  const match = /^\/?([^/]+)\/(.+)$/.exec(raw);
  if (!match) {
    throw ossError('InvalidArgument', 'x-oss-copy-source must be "/<bucket>/<url-encoded object name>".', {
      ArgumentName: 'x-oss-copy-source',
      ArgumentValue: raw,
    });
  }
  const [, bucket, encodedKey] = match as unknown as [string, string, string];
  if (encodedKey.includes('?versionId=')) throw ossError('NotImplemented', 'The OSS emulator does not model versioning.');
  let key: string;
  try {
    key = decodeURIComponent(encodedKey);
  } catch {
    throw ossError('InvalidArgument', 'x-oss-copy-source is not valid percent-encoding.');
  }
  ctx.access.check(bucket, key, false);
  return { bucket, key };
}

export async function copyObject(ctx: Ctx): Promise<void> {
  validateKey(ctx.key);
  ctx.state.bucket(ctx.bucket);
  const from = copySource(ctx);
  const source = ctx.state.getObject(from.bucket, from.key);
  checkConditions(ctx.req.headers, source, 'x-oss-copy-source-');
  const directive = (headerValue(ctx.req.headers, 'x-oss-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw ossError('InvalidArgument', 'x-oss-metadata-directive must be COPY or REPLACE.', {
      ArgumentName: 'x-oss-metadata-directive',
      ArgumentValue: directive,
    });
  }
  const requested = readAttributes(ctx.req.headers);
  const has = (name: string) => headerValue(ctx.req.headers, name) !== undefined;
  const sse = requested.sse ?? source.sse;
  const sseKeyId = requested.sseKeyId ?? source.sseKeyId;
  // COPY keeps the source's metadata; ACL, storage class and encryption may still be set on the copy.
  const attributes =
    directive === 'REPLACE'
      ? requested
      : {
          contentType: source.contentType,
          httpHeaders: source.httpHeaders,
          meta: source.meta,
          acl: has('x-oss-object-acl') ? requested.acl : source.acl,
          storageClass: has('x-oss-storage-class') ? requested.storageClass : source.storageClass,
          ...(sse ? { sse } : {}),
          ...(sseKeyId ? { sseKeyId } : {}),
        };
  const check = refuseOverwrite(ctx);
  check(ctx.state.bucket(ctx.bucket).objects.get(ctx.key));

  // Copying an object onto itself keeps its bytes; anything else gets its own copy of them.
  const sameObject = from.bucket === ctx.bucket && from.key === ctx.key;
  const segments = sameObject ? source.segments : [await copyBytes(ctx, source)];
  const record: ObjectRecord = {
    ...source,
    ...attributes,
    key: ctx.key,
    segments,
    lastModified: ctx.settings.now(),
  };
  if (sameObject) await ctx.state.putObject(ctx.bucket, record, check);
  else await commit(ctx, record, check);
  await sendXml(
    ctx,
    200,
    el('CopyObjectResult', [el('ETag', quoted(record.etag)), el('LastModified', isoDate(record.lastModified))]),
    { 'x-oss-hash-crc64ecma': record.crc64 },
  );
}

async function copyBytes(ctx: Ctx, source: ObjectRecord) {
  const copied = await ingest(ctx.state.blobs.read(source.segments, 0, source.size), ctx.state.blobs, {
    length: source.size,
  });
  return { blob: copied.blob, size: copied.size };
}

/** Appendable objects have an ETag that is not the MD5 of their content (as in OSS). */
function appendableEtag(crc: string, size: number): string {
  return md5Hex(createHash('md5').update(`${crc}:${size}`).digest());
}

export async function appendObject(ctx: Ctx): Promise<void> {
  validateKey(ctx.key);
  const raw = ctx.query.get('position') ?? '';
  if (!/^\d+$/.test(raw)) {
    throw ossError('InvalidArgument', 'AppendObject needs ?position=<non-negative integer>.', {
      ArgumentName: 'position',
      ArgumentValue: raw,
    });
  }
  const position = Number(raw);
  const notAtEnd = (current: ObjectRecord | undefined, why: string) =>
    ossError('PositionNotEqualToLength', why, {}, {
      'x-oss-next-append-position': String(current?.size ?? 0),
      ...(current ? { 'x-oss-hash-crc64ecma': current.crc64 } : {}),
    });
  const check = (current: ObjectRecord | undefined) => {
    if (current && current.type !== 'Appendable') {
      throw ossError('ObjectNotAppendable', `"${ctx.key}" is a ${current.type} object; only appendable objects take appends.`);
    }
    const length = current?.size ?? 0;
    if (position !== length) throw notAtEnd(current, `Position ${position} is not the current length ${length} of the object.`);
  };
  check(ctx.state.bucket(ctx.bucket).objects.get(ctx.key));
  const attributes = readAttributes(ctx.req.headers);
  const body = await ingestRequest(ctx.req, ctx.state.blobs, MAX_OBJECT_SIZE - position);
  const current = ctx.state.bucket(ctx.bucket).objects.get(ctx.key);
  const crc = current ? crc64Combine(BigInt(current.crc64), body.crc64, body.size).toString() : body.crc64.toString();
  const size = position + body.size;
  const record: ObjectRecord = {
    ...(current ?? attributes),
    key: ctx.key,
    type: 'Appendable',
    segments: [...(current?.segments ?? []), { blob: body.blob, size: body.size }],
    size,
    etag: appendableEtag(crc, size),
    crc64: crc,
    lastModified: ctx.settings.now(),
  };
  delete record.contentMd5;
  // Re-checked at commit: another append may have landed while this body streamed in.
  await commit(ctx, record, (latest) => {
    check(latest);
    if (latest !== current) throw notAtEnd(latest, 'The object changed while this append was in flight.');
  });
  await send(ctx, 200, { ...writeHeaders(record), 'x-oss-next-append-position': size });
}

export async function getObjectAcl(ctx: Ctx): Promise<void> {
  const o = ctx.state.getObject(ctx.bucket, ctx.key);
  await sendXml(
    ctx,
    200,
    el('AccessControlPolicy', [
      el('Owner', [el('ID', ctx.settings.ownerId), el('DisplayName', ctx.settings.ownerId)]),
      el('AccessControlList', [el('Grant', o.acl)]),
    ]),
  );
}

export async function putObjectAcl(ctx: Ctx): Promise<void> {
  const o = ctx.state.getObject(ctx.bucket, ctx.key);
  if (headerValue(ctx.req.headers, 'x-oss-object-acl') === undefined) {
    throw ossError('InvalidArgument', 'PutObjectACL needs the x-oss-object-acl header.');
  }
  const { acl } = readAttributes(ctx.req.headers);
  await ctx.state.putObject(ctx.bucket, { ...o, acl });
  await send(ctx, 200, {});
}
