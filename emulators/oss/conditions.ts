// Conditional requests (If-Match and friends) and byte ranges on reads.
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from './attributes.ts';
import { OssError, ossError } from './errors.ts';
import type { ObjectRecord } from './metadata.ts';

const unquote = (etag: string) => etag.trim().replace(/^"|"$/g, '').toUpperCase();
const etagListHas = (list: string, etag: string) => list.split(',').some((e) => e.trim() === '*' || unquote(e) === etag);
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Throws PreconditionFailed (412) or a 304 "not modified" for the conditions in `headers`;
 * `prefix` is '' for GET/HEAD and 'x-oss-copy-source-' for a copy source.
 */
export function checkConditions(headers: IncomingHttpHeaders, o: ObjectRecord, prefix = ''): void {
  const ifMatch = headerValue(headers, `${prefix}if-match`);
  const ifNoneMatch = headerValue(headers, `${prefix}if-none-match`);
  const ifModifiedSince = headerValue(headers, `${prefix}if-modified-since`);
  const ifUnmodifiedSince = headerValue(headers, `${prefix}if-unmodified-since`);
  const failed = (condition: string) =>
    ossError('PreconditionFailed', `At least one of the pre-conditions you specified did not hold.`, { Condition: condition });
  if (ifMatch !== undefined && !etagListHas(ifMatch, o.etag)) throw failed(`${prefix}If-Match`);
  if (ifUnmodifiedSince !== undefined) {
    const t = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(t) && seconds(o.lastModified) > seconds(t)) throw failed(`${prefix}If-Unmodified-Since`);
  }
  if (ifNoneMatch !== undefined && etagListHas(ifNoneMatch, o.etag)) throw notModified(o, prefix);
  if (ifModifiedSince !== undefined) {
    const t = Date.parse(ifModifiedSince);
    if (!Number.isNaN(t) && seconds(o.lastModified) <= seconds(t)) throw notModified(o, prefix);
  }
}

function notModified(o: ObjectRecord, prefix: string): OssError {
  // A copy source that is "not modified" fails the copy; a read answers 304 with no body.
  if (prefix) return ossError('PreconditionFailed', 'The copy source was not modified.', { Condition: `${prefix}If-None-Match` });
  return new OssError('NotModified', 'Not Modified', {}, 304, { ETag: `"${o.etag}"` });
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * The single byte range a Range header asks for. OSS by default ignores a range it cannot satisfy
 * (whole object, 200); with `x-oss-range-behavior: standard` it clamps the end and answers 416
 * for a start past the end.
 */
export function parseRange(headers: IncomingHttpHeaders, size: number): ByteRange | undefined {
  const header = headerValue(headers, 'range');
  if (header === undefined) return undefined;
  const standard = (headerValue(headers, 'x-oss-range-behavior') ?? '').toLowerCase() === 'standard';
  const unsatisfiable = () =>
    ossError('InvalidRange', undefined, { RangeRequested: header, ActualObjectSize: String(size) }, {
      'Content-Range': `bytes */${size}`,
    });
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    if (standard && header.includes(',')) throw unsatisfiable();
    return undefined;
  }
  const [, from, to] = match as unknown as [string, string, string];
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) {
      if (standard) throw unsatisfiable();
      return undefined;
    }
    if (suffix > size && !standard) return undefined;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Number(to);
    if (end < start) return undefined;
    if (start >= size) {
      if (standard) throw unsatisfiable();
      return undefined;
    }
    if (end >= size) {
      if (!standard) return undefined;
      end = size - 1;
    }
  }
  return { start, end };
}
