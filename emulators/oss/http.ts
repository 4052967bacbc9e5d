// Writing responses the way OSS does: request id, Server header, XML bodies and error documents.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OssError } from './errors.ts';
import type { ObjectRecord } from './metadata.ts';
import { el, xmlDocument } from './xml.ts';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The host the client addressed, echoed in error documents. */
  hostId: string;
}

export type Headers = Record<string, string | number>;

function baseHeaders(x: Exchange): Headers {
  return { Server: 'AliyunOSS', 'x-oss-request-id': x.requestId };
}

export async function send(x: Exchange, status: number, headers: Headers, body?: string | Buffer | Readable): Promise<void> {
  const all: Headers = { ...baseHeaders(x), ...headers };
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
    const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (!('Content-Length' in all)) all['Content-Length'] = x.req.method === 'HEAD' ? 0 : (bytes?.length ?? 0);
    x.res.writeHead(status, all);
    x.res.end(x.req.method === 'HEAD' ? undefined : bytes);
    return;
  }
  x.res.writeHead(status, all);
  if (x.req.method === 'HEAD') {
    body.destroy();
    x.res.end();
    return;
  }
  await pipeline(body, x.res).catch(() => x.res.destroy());
}

export function sendXml(x: Exchange, status: number, root: string, headers: Headers = {}): Promise<void> {
  return send(x, status, { 'Content-Type': 'application/xml', ...headers }, xmlDocument(root));
}

export function errorDocument(x: Exchange, error: OssError): string {
  return xmlDocument(
    el('Error', [
      el('Code', error.code),
      el('Message', error.message),
      el('RequestId', x.requestId),
      el('HostId', x.hostId),
      ...Object.entries(error.details).map(([k, v]) => el(k, v)),
    ]),
  );
}

/** Answers with OSS error XML (for HEAD, base64 in x-oss-err, as OSS does), after draining the body. */
export async function sendError(x: Exchange, error: OssError): Promise<void> {
  if (x.res.headersSent) {
    x.res.destroy();
    return;
  }
  if (!x.req.complete && !x.req.destroyed) {
    x.req.resume();
    await Promise.race([once(x.req, 'end'), once(x.req, 'close')]).catch(() => undefined);
  }
  const doc = errorDocument(x, error);
  const headers: Headers = { 'Content-Type': 'application/xml', ...error.headers };
  if (x.req.method === 'HEAD') headers['x-oss-err'] = Buffer.from(doc).toString('base64');
  if (x.res.destroyed) return;
  await send(x, error.status, headers, doc);
}

export function quoted(etag: string): string {
  return `"${etag}"`;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Headers that describe a stored object on GET, HEAD and write responses. */
export function objectHeaders(o: ObjectRecord): Headers {
  const headers: Headers = {
    ETag: quoted(o.etag),
    'Last-Modified': httpDate(o.lastModified),
    'Content-Type': o.contentType,
    'x-oss-object-type': o.type,
    'x-oss-hash-crc64ecma': o.crc64,
    'x-oss-storage-class': o.storageClass,
    'Accept-Ranges': 'bytes',
  };
  for (const [k, v] of Object.entries(o.httpHeaders)) headers[k] = v;
  for (const [k, v] of Object.entries(o.meta)) headers[`x-oss-meta-${k}`] = v;
  if (o.sse) headers['x-oss-server-side-encryption'] = o.sse;
  if (o.sseKeyId) headers['x-oss-server-side-encryption-key-id'] = o.sseKeyId;
  if (o.type === 'Appendable') headers['x-oss-next-append-position'] = o.size;
  return headers;
}
