// Streams a request body into a blob while hashing it (MD5 and CRC-64) in the same pass.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BlobStore } from './blobs.ts';
import { Crc64 } from './crc64.ts';
import { ossError } from './errors.ts';

export const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

export interface Ingested {
  blob: string;
  size: number;
  md5: Buffer;
  crc64: bigint;
}

/** The Content-MD5 header as 16 bytes, or undefined when absent; InvalidDigest when malformed. */
export function expectedMd5(req: IncomingMessage): Buffer | undefined {
  const raw = req.headers['content-md5'];
  if (raw === undefined) return undefined;
  const header = Array.isArray(raw) ? raw.join(',') : raw;
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header.trim()) {
    throw ossError('InvalidDigest', `The Content-MD5 "${header}" is not the base64 of a 16-byte MD5.`);
  }
  return digest;
}

export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

export interface IngestOptions {
  /** Expected byte count, when known (lets memory storage copy the body once). */
  length?: number;
  /** The MD5 the body must have (Content-MD5). */
  md5?: Buffer;
  maxSize?: number;
}

/** Writes a byte stream into a new blob, hashing as it goes. */
export async function ingest(source: AsyncIterable<Buffer>, blobs: BlobStore, opts: IngestOptions = {}): Promise<Ingested> {
  const maxSize = opts.maxSize ?? MAX_OBJECT_SIZE;
  if (opts.length !== undefined && opts.length > maxSize) {
    throw ossError('EntityTooLarge', `The body is ${opts.length} bytes; the limit is ${maxSize}.`);
  }
  const writer = blobs.create(opts.length);
  const md5 = createHash('md5');
  const crc = new Crc64();
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxSize) throw ossError('EntityTooLarge', `The body exceeds the limit of ${maxSize} bytes.`);
      md5.update(chunk);
      crc.update(chunk);
      await writer.write(chunk);
    }
    const digest = md5.digest();
    if (opts.md5 && !digest.equals(opts.md5)) {
      throw ossError('BadDigest', undefined, {
        ExpectedMD5: opts.md5.toString('base64'),
        CalculatedMD5: digest.toString('base64'),
      });
    }
    return { blob: await writer.finish(), size, md5: digest, crc64: crc.digest() };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Ingests a request body, checking Content-MD5 and the size limit. */
export function ingestRequest(req: IncomingMessage, blobs: BlobStore, maxSize = MAX_OBJECT_SIZE): Promise<Ingested> {
  const md5 = expectedMd5(req);
  const length = declaredLength(req);
  return ingest(req as AsyncIterable<Buffer>, blobs, {
    maxSize,
    ...(md5 ? { md5 } : {}),
    ...(length !== undefined ? { length } : {}),
  });
}

/** Reads a small body (XML documents), checking Content-MD5 when given. */
export async function readSmallBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<Buffer> {
  const wantMd5 = expectedMd5(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw ossError('EntityTooLarge', `The request body exceeds ${limit} bytes.`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (wantMd5 && !createHash('md5').update(body).digest().equals(wantMd5)) throw ossError('BadDigest');
  return body;
}
