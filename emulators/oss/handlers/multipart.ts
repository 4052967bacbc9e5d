// Multipart upload: initiate, upload part (or copy a range into one), complete, abort, list parts.
import { createHash, randomBytes } from 'node:crypto';
import { forbidsOverwrite, headerValue, readAttributes, validateKey } from '../attributes.ts';
import { checkConditions } from '../conditions.ts';
import type { Ctx } from '../context.ts';
import { crc64Combine } from '../crc64.ts';
import { ossError } from '../errors.ts';
import { isoDate, quoted, send, sendXml } from '../http.ts';
import { ingest, ingestRequest, readSmallBody, type Ingested } from '../ingest.ts';
import { boundedInt } from '../query.ts';
import type { ObjectRecord, PartRecord, UploadRecord } from '../metadata.ts';
import { child, children, el, parseXml } from '../xml.ts';
import { copySource, md5Hex } from './objects.ts';

const MIN_PART_SIZE = 100 * 1024;
const MAX_PART_NUMBER = 10_000;

function refuseOverwrite(ctx: Ctx) {
  const forbid = forbidsOverwrite(ctx.req.headers);
  return (current: ObjectRecord | undefined) => {
    if (forbid && current) throw ossError('FileAlreadyExists', undefined, { Key: ctx.key });
  };
}

function uploadFor(ctx: Ctx): UploadRecord {
  return ctx.state.getUpload(ctx.bucket, ctx.query.get('uploadId') ?? '', ctx.key);
}

export async function initiateMultipartUpload(ctx: Ctx): Promise<void> {
  validateKey(ctx.key);
  const attributes = readAttributes(ctx.req.headers);
  refuseOverwrite(ctx)(ctx.state.bucket(ctx.bucket).objects.get(ctx.key));
  const upload: UploadRecord = {
    uploadId: randomBytes(16).toString('hex').toUpperCase(),
    key: ctx.key,
    initiated: ctx.settings.now(),
    attributes,
    parts: {},
  };
  await ctx.state.saveUpload(ctx.bucket, upload);
  await sendXml(
    ctx,
    200,
    el('InitiateMultipartUploadResult', [el('Bucket', ctx.bucket), el('Key', ctx.key), el('UploadId', upload.uploadId)]),
  );
}

function partNumber(ctx: Ctx): number {
  const raw = ctx.query.get('partNumber') ?? '';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) {
    throw ossError('InvalidArgument', `partNumber must be an integer from 1 to ${MAX_PART_NUMBER}.`, {
      ArgumentName: 'partNumber',
      ArgumentValue: raw,
    });
  }
  return n;
}

/** Records part `number` once its bytes are stored; the upload may have ended meanwhile. */
async function storePart(ctx: Ctx, upload: UploadRecord, number: number, body: Ingested): Promise<PartRecord> {
  const part: PartRecord = {
    number,
    blob: body.blob,
    size: body.size,
    etag: md5Hex(body.md5),
    crc64: body.crc64.toString(),
    lastModified: ctx.settings.now(),
  };
  if (ctx.state.bucket(ctx.bucket).uploads.get(upload.uploadId) !== upload) {
    await ctx.state.blobs.remove([part.blob]);
    throw ossError('NoSuchUpload', undefined, { UploadId: upload.uploadId });
  }
  const previous = upload.parts[String(part.number)];
  upload.parts[String(part.number)] = part;
  await ctx.state.saveUpload(ctx.bucket, upload);
  if (previous) await ctx.state.blobs.remove([previous.blob]);
  return part;
}

export async function uploadPart(ctx: Ctx): Promise<void> {
  const number = partNumber(ctx);
  const upload = uploadFor(ctx);
  const body = await ingestRequest(ctx.req, ctx.state.blobs);
  const part = await storePart(ctx, upload, number, body);
  await send(ctx, 200, {
    ETag: quoted(part.etag),
    'x-oss-hash-crc64ecma': part.crc64,
    'Content-MD5': body.md5.toString('base64'),
  });
}

export async function uploadPartCopy(ctx: Ctx): Promise<void> {
  const number = partNumber(ctx);
  const upload = uploadFor(ctx);
  const from = copySource(ctx);
  const source = ctx.state.getObject(from.bucket, from.key);
  checkConditions(ctx.req.headers, source, 'x-oss-copy-source-');
  let start = 0;
  let end = source.size - 1;
  const range = headerValue(ctx.req.headers, 'x-oss-copy-source-range');
  if (range !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(range.trim());
    if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) >= source.size) {
      throw ossError('InvalidArgument', `x-oss-copy-source-range "${range}" must be bytes=<first>-<last> inside the source.`);
    }
    start = Number(m[1]);
    end = Number(m[2]);
  }
  const body = await ingest(ctx.state.blobs.read(source.segments, start, end + 1), ctx.state.blobs, {
    length: end - start + 1,
  });
  const part = await storePart(ctx, upload, number, body);
  await sendXml(ctx, 200, el('CopyPartResult', [el('LastModified', isoDate(part.lastModified)), el('ETag', quoted(part.etag))]), {
    ETag: quoted(part.etag), // ali-oss reads the part ETag from this header
    'x-oss-hash-crc64ecma': part.crc64,
  });
}

/** The parts a CompleteMultipartUpload body lists, checked against what was uploaded. */
function chosenParts(upload: UploadRecord, xml: string, completeAll: boolean): PartRecord[] {
  const uploaded = (n: number) => upload.parts[String(n)];
  if (completeAll) {
    if (xml.trim() !== '') throw ossError('InvalidArgument', 'With x-oss-complete-all: yes the body must be empty.');
    const all = Object.values(upload.parts).sort((a, b) => a.number - b.number);
    if (all.length === 0) throw ossError('InvalidPart', 'The upload has no parts to complete with.');
    return all;
  }
  const root = parseXml(xml);
  if (root.name !== 'CompleteMultipartUpload') throw ossError('MalformedXML', 'The root element must be CompleteMultipartUpload.');
  const listed = children(root, 'Part');
  if (listed.length === 0) throw ossError('MalformedXML', 'CompleteMultipartUpload lists no Part.');
  const parts: PartRecord[] = [];
  let previous = 0;
  for (const p of listed) {
    const number = Number(child(p, 'PartNumber')?.text.trim());
    const etag = (child(p, 'ETag')?.text ?? '').trim().replace(/^"|"$/g, '').toUpperCase();
    if (!Number.isInteger(number) || number < 1 || number > MAX_PART_NUMBER) {
      throw ossError('MalformedXML', 'Each Part needs a PartNumber from 1 to 10000.');
    }
    if (number <= previous) throw ossError('InvalidPartOrder', undefined, { PartNumber: String(number) });
    previous = number;
    const part = uploaded(number);
    if (!part) throw ossError('InvalidPart', `Part ${number} was not uploaded.`, { PartNumber: String(number) });
    if (part.etag !== etag) {
      throw ossError('InvalidPart', `The ETag given for part ${number} does not match the uploaded part.`, {
        PartNumber: String(number),
        ETag: etag,
      });
    }
    parts.push(part);
  }
  parts.slice(0, -1).forEach((p) => {
    if (p.size < MIN_PART_SIZE) {
      throw ossError('EntityTooSmall', `Part ${p.number} is ${p.size} bytes; every part but the last must be at least ${MIN_PART_SIZE}.`, {
        PartNumber: String(p.number),
        ProposedSize: String(p.size),
        MinSizeAllowed: String(MIN_PART_SIZE),
      });
    }
  });
  return parts;
}

export async function completeMultipartUpload(ctx: Ctx): Promise<void> {
  const upload = uploadFor(ctx);
  const xml = (await readSmallBody(ctx.req)).toString('utf8');
  const completeAll = (headerValue(ctx.req.headers, 'x-oss-complete-all') ?? '').toLowerCase() === 'yes';
  const parts = chosenParts(upload, xml, completeAll);
  const md5OfMd5s = createHash('md5');
  let crc = 0n;
  let size = 0;
  for (const p of parts) {
    md5OfMd5s.update(Buffer.from(p.etag, 'hex'));
    crc = size === 0 ? BigInt(p.crc64) : crc64Combine(crc, BigInt(p.crc64), p.size);
    size += p.size;
  }
  const record: ObjectRecord = {
    ...upload.attributes,
    key: ctx.key,
    type: 'Multipart',
    segments: parts.map((p) => ({ blob: p.blob, size: p.size })),
    size,
    etag: `${md5Hex(md5OfMd5s.digest())}-${parts.length}`,
    crc64: crc.toString(),
    lastModified: ctx.settings.now(),
  };
  await ctx.state.completeUpload(ctx.bucket, upload, record, refuseOverwrite(ctx));
  const location = `http://${ctx.hostId}/${ctx.key.split('/').map(encodeURIComponent).join('/')}`;
  await sendXml(
    ctx,
    200,
    el('CompleteMultipartUploadResult', [
      el('Location', location),
      el('Bucket', ctx.bucket),
      el('Key', ctx.key),
      el('ETag', quoted(record.etag)),
    ]),
    { ETag: quoted(record.etag), 'x-oss-hash-crc64ecma': record.crc64 },
  );
}

export async function abortMultipartUpload(ctx: Ctx): Promise<void> {
  const upload = uploadFor(ctx);
  await ctx.state.endUpload(ctx.bucket, upload);
  await send(ctx, 204, {});
}

export async function listParts(ctx: Ctx): Promise<void> {
  const upload = uploadFor(ctx);
  const maxParts = boundedInt(ctx.query, 'max-parts', 1000, 1000, 1);
  const marker = boundedInt(ctx.query, 'part-number-marker', 0, MAX_PART_NUMBER);
  const after = Object.values(upload.parts)
    .filter((p) => p.number > marker)
    .sort((a, b) => a.number - b.number);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  await sendXml(
    ctx,
    200,
    el('ListPartsResult', [
      el('Bucket', ctx.bucket),
      el('Key', ctx.key),
      el('UploadId', upload.uploadId),
      el('PartNumberMarker', marker),
      el('NextPartNumberMarker', page.length > 0 ? page[page.length - 1]!.number : marker),
      el('MaxParts', maxParts),
      el('IsTruncated', truncated),
      ...page.map((p) =>
        el('Part', [
          el('PartNumber', p.number),
          el('LastModified', isoDate(p.lastModified)),
          el('ETag', quoted(p.etag)),
          el('HashCrc64ecma', p.crc64),
          el('Size', p.size),
        ]),
      ),
    ]),
  );
}
