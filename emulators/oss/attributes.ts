// Object attributes taken from request headers, validated as OSS validates them.
import type { IncomingHttpHeaders } from 'node:http';
import { ossError } from './errors.ts';
import type { ObjectAttributes } from './metadata.ts';

const HTTP_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];
const OBJECT_ACLS = ['default', 'private', 'public-read', 'public-read-write'];
const STORAGE_CLASSES = ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive'];
const SSE_ALGORITHMS = ['AES256', 'KMS', 'SM4'];
const MAX_USER_META_BYTES = 8 * 1024;

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function readAttributes(headers: IncomingHttpHeaders): ObjectAttributes {
  const httpHeaders: Record<string, string> = {};
  for (const name of HTTP_HEADERS) {
    const v = one(headers, name);
    if (v !== undefined) httpHeaders[name] = v;
  }
  const meta: Record<string, string> = {};
  let metaBytes = 0;
  for (const name of Object.keys(headers)) {
    if (!name.startsWith('x-oss-meta-')) continue;
    const value = one(headers, name) ?? '';
    meta[name.slice('x-oss-meta-'.length)] = value;
    metaBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (metaBytes > MAX_USER_META_BYTES) {
    throw ossError('InvalidArgument', `User metadata totals ${metaBytes} bytes; the limit is ${MAX_USER_META_BYTES}.`);
  }

  const acl = one(headers, 'x-oss-object-acl') ?? 'default';
  if (!OBJECT_ACLS.includes(acl)) {
    throw ossError('InvalidArgument', `x-oss-object-acl must be one of ${OBJECT_ACLS.join(', ')}, not "${acl}".`, {
      ArgumentName: 'x-oss-object-acl',
      ArgumentValue: acl,
    });
  }
  const storageClass = one(headers, 'x-oss-storage-class') ?? 'Standard';
  if (!STORAGE_CLASSES.includes(storageClass)) {
    throw ossError('InvalidArgument', `x-oss-storage-class must be one of ${STORAGE_CLASSES.join(', ')}.`, {
      ArgumentName: 'x-oss-storage-class',
      ArgumentValue: storageClass,
    });
  }
  const sse = one(headers, 'x-oss-server-side-encryption');
  if (sse !== undefined && !SSE_ALGORITHMS.includes(sse)) {
    throw ossError(
      'InvalidEncryptionAlgorithmError',
      `x-oss-server-side-encryption must be one of ${SSE_ALGORITHMS.join(', ')}, not "${sse}".`,
    );
  }
  const sseKeyId = one(headers, 'x-oss-server-side-encryption-key-id');
  if (sseKeyId !== undefined && sse !== 'KMS') {
    throw ossError('InvalidArgument', 'x-oss-server-side-encryption-key-id is only valid with x-oss-server-side-encryption: KMS.');
  }
  return {
    contentType: one(headers, 'content-type') ?? 'application/octet-stream',
    httpHeaders,
    meta,
    acl,
    storageClass,
    ...(sse !== undefined ? { sse } : {}),
    ...(sseKeyId !== undefined ? { sseKeyId } : {}),
  };
}

export function forbidsOverwrite(headers: IncomingHttpHeaders): boolean {
  return (one(headers, 'x-oss-forbid-overwrite') ?? '').toLowerCase() === 'true';
}

/** OSS object names: 1-1023 bytes of UTF-8, not starting with / or \. */
export function validateKey(key: string): void {
  const bytes = Buffer.byteLength(key);
  if (bytes < 1 || bytes > 1023) {
    throw ossError('InvalidObjectName', `Object names are 1 to 1023 bytes; this one is ${bytes}.`);
  }
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw ossError('InvalidObjectName', 'Object names must not start with "/" or "\\".');
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  return one(headers, name);
}
