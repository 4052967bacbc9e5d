// Request authentication as the service does it: required headers, body MD5, then the
// HMAC-SHA1 signature over the x-ots-* headers (STS tokens are accepted as part of it).

import type { IncomingHttpHeaders } from 'node:http';
import { API_VERSION, computeSignature, contentMd5, stringToSign } from '../../runtime/tablestore/signing.ts';
import { invalid, otsError } from './errors.ts';

const REQUIRED = ['x-ots-date', 'x-ots-apiversion', 'x-ots-accesskeyid', 'x-ots-contentmd5', 'x-ots-signature', 'x-ots-instancename'];

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Checks the request and returns the instance it addresses. */
export function authenticate(headers: IncomingHttpHeaders, operation: string, body: Buffer, secrets: ReadonlyMap<string, string>): string {
  for (const name of REQUIRED) if (!header(headers, name)) throw invalid(`Missing header: '${name}'.`);
  if (header(headers, 'x-ots-apiversion') !== API_VERSION) throw invalid(`Unsupported API version: ${header(headers, 'x-ots-apiversion')}.`);
  const date = header(headers, 'x-ots-date')!;
  if (Number.isNaN(Date.parse(date))) throw invalid(`Invalid date format: ${date}.`);
  const secret = secrets.get(header(headers, 'x-ots-accesskeyid')!);
  if (secret === undefined) throw otsError('OTSAuthFailed', 'The AccessKeyID does not exist.');
  if (contentMd5(body) !== header(headers, 'x-ots-contentmd5')) {
    throw otsError('OTSAuthFailed', 'Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
  }
  const signed: Record<string, string | undefined> = {};
  for (const name of Object.keys(headers)) if (name.startsWith('x-ots-')) signed[name] = header(headers, name);
  const expected = computeSignature(secret, stringToSign(`/${operation}`, 'POST', signed));
  if (expected !== header(headers, 'x-ots-signature')) throw otsError('OTSAuthFailed', 'Signature mismatch.');
  return header(headers, 'x-ots-instancename')!;
}
