// Checks OSS request signatures: V1 ("OSS ak:sig", HMAC-SHA1) and V4 ("OSS4-HMAC-SHA256").
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Credential, CredentialStore } from './credentials.ts';
import { ossError } from './errors.ts';
import { SIGNED_SUBRESOURCES } from './operations.ts';

export interface SignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  bucket?: string;
  key?: string;
  query: ReadonlyMap<string, string>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkSkew(time: number, now: number): void {
  if (Number.isNaN(time)) throw ossError('AccessDenied', 'OSS authentication requires a valid Date or x-oss-date.');
  if (Math.abs(now - time) > MAX_SKEW_MS) {
    throw ossError('RequestTimeTooSkewed', undefined, {
      RequestTime: new Date(time).toISOString(),
      ServerTime: new Date(now).toISOString(),
      MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
    });
  }
}

/** The verified credential, or undefined for an anonymous request (no Authorization header). */
export function authenticate(
  req: SignedRequest,
  credentials: CredentialStore,
  region: string,
  now: number,
): Credential | undefined {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return undefined;
  if (authorization.startsWith('OSS4-HMAC-SHA256 ')) return verifyV4(req, authorization, credentials, region, now);
  if (authorization.startsWith('OSS ')) return verifyV1(req, authorization, credentials, now);
  throw ossError('InvalidArgument', 'The Authorization header must start with "OSS " or "OSS4-HMAC-SHA256 ".');
}

// ---- V1 ----

export function canonicalResourceV1(req: SignedRequest): string {
  let resource = '/';
  if (req.bucket) resource += `${req.bucket}/${req.key ?? ''}`;
  const subresources = [...req.query.keys()].filter((k) => SIGNED_SUBRESOURCES.has(k)).sort();
  if (subresources.length > 0) {
    const parts = subresources.map((k) => {
      const v = req.query.get(k);
      return v ? `${k}=${v}` : k;
    });
    resource += `?${parts.join('&')}`;
  }
  return resource;
}

export function stringToSignV1(req: SignedRequest): string {
  const ossHeaders = Object.keys(req.headers)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${(header(req.headers, k) ?? '').trim()}`);
  return [
    req.method,
    header(req.headers, 'content-md5') ?? '',
    header(req.headers, 'content-type') ?? '',
    header(req.headers, 'x-oss-date') ?? header(req.headers, 'date') ?? '',
    ...ossHeaders,
    canonicalResourceV1(req),
  ].join('\n');
}

function verifyV1(req: SignedRequest, authorization: string, credentials: CredentialStore, now: number): Credential {
  const match = /^OSS ([^:\s]+):(\S+)$/.exec(authorization.trim());
  if (!match) throw ossError('InvalidArgument', 'The Authorization header must look like "OSS <AccessKeyId>:<Signature>".');
  const [, accessKeyId, provided] = match as unknown as [string, string, string];
  const credential = credentials.resolve(accessKeyId, header(req.headers, 'x-oss-security-token'), now);
  const stringToSign = stringToSignV1(req);
  const expected = createHmac('sha1', credential.accessKeySecret).update(stringToSign, 'utf8').digest('base64');
  if (!sameText(expected, provided)) {
    throw ossError('SignatureDoesNotMatch', undefined, {
      StringToSign: stringToSign,
      SignatureProvided: provided,
      OSSAccessKeyId: accessKeyId,
    });
  }
  checkSkew(Date.parse(header(req.headers, 'x-oss-date') ?? header(req.headers, 'date') ?? ''), now);
  return credential;
}

// ---- V4 ----

/** encodeURIComponent plus the characters it leaves alone but OSS V4 escapes. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `bareEmpty`: whether an empty value is written as `k` (sub-resource style) or `k=`. */
export function canonicalRequestV4(req: SignedRequest, additionalHeaders: string[], bareEmpty: boolean): string {
  const uri = uriEncode(`/${req.bucket ? `${req.bucket}/` : ''}${req.key ?? ''}`).replace(/%2F/g, '/');
  const query = [...req.query.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([k, v]) => (v === '' && bareEmpty ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`))
    .join('&');
  const names = new Set(additionalHeaders);
  for (const k of Object.keys(req.headers)) {
    if (k === 'content-type' || k === 'content-md5' || k.startsWith('x-oss-')) names.add(k);
  }
  const canonicalHeaders = [...names]
    .sort()
    .map((k) => `${k}:${(header(req.headers, k) ?? '').trim()}\n`)
    .join('');
  return [
    req.method,
    uri,
    query,
    canonicalHeaders,
    additionalHeaders.join(';'),
    header(req.headers, 'x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

export function signV4(secret: string, date: string, region: string, stringToSign: string): string {
  let key: Buffer = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function verifyV4(
  req: SignedRequest,
  authorization: string,
  credentials: CredentialStore,
  region: string,
  now: number,
): Credential {
  const fields = new Map<string, string>();
  for (const part of authorization.slice('OSS4-HMAC-SHA256 '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const provided = fields.get('Signature');
  if (!credential || !provided) {
    throw ossError('InvalidArgument', 'The V4 Authorization header needs Credential=... and Signature=... fields.');
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[3] !== 'oss' || scope[4] !== 'aliyun_v4_request') {
    throw ossError(
      'InvalidArgument',
      'The V4 Credential must be <AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request.',
    );
  }
  const [accessKeyId, scopeDate, scopeRegion] = scope as [string, string, string, string, string];
  const found = credentials.resolve(accessKeyId, header(req.headers, 'x-oss-security-token'), now);

  const ossDate = header(req.headers, 'x-oss-date') ?? '';
  const dateMatch = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(ossDate);
  if (!dateMatch) throw ossError('AccessDenied', 'V4 signing requires x-oss-date as yyyymmddTHHMMSSZ.');
  if (!header(req.headers, 'x-oss-content-sha256')) {
    throw ossError('InvalidArgument', 'V4 signing requires the x-oss-content-sha256 header.');
  }
  if (scopeDate !== ossDate.slice(0, 8)) {
    throw ossError('SignatureDoesNotMatch', `The credential date ${scopeDate} does not match x-oss-date ${ossDate}.`);
  }
  if (scopeRegion !== region) {
    throw ossError(
      'SignatureDoesNotMatch',
      `Invalid signing region "${scopeRegion}" in the Authorization header: this endpoint signs for "${region}".`,
    );
  }
  const additional = fields.get('AdditionalHeaders')?.split(';').filter(Boolean) ?? [];
  let stringToSign = '';
  // ali-oss signs sub-resources as bare names and query values as k=v; an empty value is ambiguous on
  // the wire, so both spellings are tried.
  for (const bareEmpty of [true, false]) {
    const canonical = canonicalRequestV4(req, additional, bareEmpty);
    stringToSign = [
      'OSS4-HMAC-SHA256',
      ossDate,
      `${scopeDate}/${scopeRegion}/oss/aliyun_v4_request`,
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    if (sameText(signV4(found.accessKeySecret, scopeDate, scopeRegion, stringToSign), provided)) {
      const [, y, mo, d, h, mi, s] = dateMatch;
      checkSkew(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!), now);
      return found;
    }
  }
  throw ossError('SignatureDoesNotMatch', undefined, {
    StringToSign: stringToSign,
    SignatureProvided: provided,
    OSSAccessKeyId: accessKeyId,
  });
}
