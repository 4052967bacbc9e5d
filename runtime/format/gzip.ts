import { gzipSync } from 'node:zlib';
import { outputChunks } from '../util/chunk-pool.ts';
import type { FileEncoder } from './types.ts';

// sink.compress "gzip" for the text formats: the encoder's bytes go out as gzip members of about
// 1 MiB of text each. A file of several members is one gzip file (RFC 1952), read whole by gunzip.
// Members keep memory flat and let the object writer upload parts while the file grows, at a ratio
// close to one stream's.

const EMPTY = new Uint8Array(0);
const MEMBER_BYTES = 1024 * 1024;
/** Level 1: on the benchmark's csv 5-7 times faster than zlib's default level 6, for 2 points of size (bench/gzip-levels.ts). */
export const GZIP_LEVEL = 1;

export class GzipEncoder implements FileEncoder {
  readonly extension: string;
  readonly contentType = 'application/gzip';
  bytesWritten = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private members = 0;

  constructor(private readonly inner: FileEncoder) {
    this.extension = `${inner.extension}.gz`;
  }

  get rowsWritten(): number {
    return this.inner.rowsWritten;
  }

  write(rows: Parameters<FileEncoder['write']>[0], from?: number, to?: number): Uint8Array {
    this.hold(this.inner.write(rows, from, to));
    return this.pendingBytes >= MEMBER_BYTES ? this.member() : EMPTY;
  }

  writeWire(...args: Parameters<NonNullable<FileEncoder['writeWire']>>): Uint8Array {
    if (!this.inner.writeWire) throw new Error(`the ${this.inner.extension} encoder cannot write records from their wire cells`);
    this.hold(this.inner.writeWire(...args));
    return this.pendingBytes >= MEMBER_BYTES ? this.member() : EMPTY;
  }

  finish(): Uint8Array {
    this.hold(this.inner.finish());
    // An object is written only for rows, but a file with no member would not be gzip at all.
    return this.pendingBytes > 0 || this.members === 0 ? this.member() : EMPTY;
  }

  private hold(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    // Views into the inner encoder's buffers are copied once, into the member.
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private member(): Uint8Array {
    const text = Buffer.concat(this.pending, this.pendingBytes);
    outputChunks.release(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    const out = gzipSync(text, { level: GZIP_LEVEL });
    this.members++;
    this.bytesWritten += out.length;
    return out;
  }
}
