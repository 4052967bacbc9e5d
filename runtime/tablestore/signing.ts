// Request signing for the Tablestore API, shared by the Stream client and the emulator's check.
// The signature is base64 HMAC-SHA1 over "/<Operation>\nPOST\n\n" and the sorted x-ots-* headers.

import { createHash, createHmac } from 'node:crypto';

export const API_VERSION = '2015-12-31';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** The canonical string: every x-ots-* header except the signature, lower-cased and sorted. */
export function stringToSign(path: string, method: string, headers: Readonly<Record<string, string | undefined>>): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-ots-') || lower === 'x-ots-signature' || value === undefined) continue;
    lines.push(`${lower}:${value}`);
  }
  lines.sort((a, b) => {
    const na = a.slice(0, a.indexOf(':'));
    const nb = b.slice(0, b.indexOf(':'));
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  return `${path}\n${method}\n\n${lines.join('\n')}\n`;
}

export function computeSignature(secret: string, canonical: string): string {
  return createHmac('sha1', secret).update(canonical, 'utf8').digest('base64');
}

export function contentMd5(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

/** Every header a signed request carries (besides Host and Content-Length). */
export function signedHeaders(opts: {
  operation: string;
  body: Uint8Array;
  instance: string;
  credentials: Credentials;
  date?: Date;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ots-apiversion': API_VERSION,
    'x-ots-instancename': opts.instance,
    'x-ots-contentmd5': contentMd5(opts.body),
    'x-ots-date': (opts.date ?? new Date()).toISOString(),
    'x-ots-accesskeyid': opts.credentials.accessKeyId,
  };
  if (opts.credentials.securityToken) headers['x-ots-ststoken'] = opts.credentials.securityToken;
  headers['x-ots-signature'] = computeSignature(
    opts.credentials.accessKeySecret,
    stringToSign(`/${opts.operation}`, 'POST', headers),
  );
  return headers;
}
