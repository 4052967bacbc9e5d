// The text encoders write straight into bytes: one pass per value does the UTF-8 encoding and the
// format's checks (quoting, escaping), with no intermediate strings to concatenate and re-encode.

import { outputChunks, type ChunkPool } from '../util/chunk-pool.ts';

const EMPTY = Buffer.alloc(0);
/** Longer strings go through the native UTF-8 writer, whose call costs more than a short loop. */
export const LONG_STRING = 256;

/**
 * Writes into chunks lent by a pool (one of its size), so a chunk comes back for reuse once every view taken
 * from it is released; anything larger is allocated on its own.
 */
export class ByteWriter {
  /** The chunk being filled: bytes before `pos` are written; views already taken end at `start`. */
  bytes: Buffer;
  pos = 0;
  private start = 0;
  /**
   * Counts the chunks filled: bytes remembered at a position are still there while it is unchanged. A
   * chunk's identity says nothing, as a pooled chunk comes back to a writer with other bytes.
   */
  generation = 0;
  private readonly chunkBytes: number;
  private readonly pool?: ChunkPool;

  constructor(pool: ChunkPool | number = outputChunks) {
    if (typeof pool === 'number') this.chunkBytes = pool;
    else {
      this.chunkBytes = pool.chunkBytes;
      this.pool = pool;
    }
    this.bytes = this.pool ? this.pool.lend() : Buffer.allocUnsafe(this.chunkBytes);
  }

  /** Makes room for `n` more bytes; a full chunk is left to the views taken from it. */
  reserve(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const pending = this.pos - this.start;
    const size = Math.max(this.chunkBytes, 2 * (pending + n));
    const next = this.pool && size === this.chunkBytes ? this.pool.lend() : Buffer.allocUnsafe(size);
    this.bytes.copy(next, 0, this.start, this.pos);
    this.pool?.retire(this.bytes);
    this.bytes = next;
    this.generation++;
    this.start = 0;
    this.pos = pending;
  }

  /** The writer is done: its chunk goes back to the pool once its views are released. Bytes not taken are dropped. */
  close(): void {
    this.pool?.retire(this.bytes);
    this.bytes = EMPTY;
    this.generation++;
    this.start = 0;
    this.pos = 0;
  }

  /** How many bytes are written since the last take, wherever the chunk lies. */
  get pending(): number {
    return this.pos - this.start;
  }

  /** The bytes written since the last take; later writes never touch them. */
  take(): Uint8Array {
    const view = this.bytes.subarray(this.start, this.pos);
    this.start = this.pos;
    this.pool?.handOut(view);
    return view;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = b;
  }

  /** src[from, to), all of it by default. */
  copy(src: Uint8Array, from = 0, to = src.length): void {
    const n = to - from;
    this.reserve(n);
    copyBytes(src, from, n, this.bytes, this.pos);
    this.pos += n;
  }

  /** A string the caller knows to be ASCII (numbers, ISO dates, base64). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /**
   * Any string as UTF-8; a lone surrogate becomes U+FFFD, as Buffer.from writes it. Strings longer than
   * `nativeFrom` characters go through Buffer#write.
   */
  utf8(s: string, nativeFrom = LONG_STRING): void {
    const n = s.length;
    this.reserve(3 * n);
    if (n > nativeFrom) this.pos += this.bytes.write(s, this.pos, 'utf8');
    else this.pos = putUtf8(this.bytes, this.pos, s, 0);
  }
}

/** A native copy costs more than a short loop: a loop of 12 bytes costs about what a native copy of any short length does (`npm run bench -- copies`). */
const SHORT_COPY = 12;
/** A part of another array costs a view besides the native copy, which a loop of about 24 bytes matches (the same bench). */
const SHORT_PART_COPY = 24;

export function copyBytes(src: Uint8Array, from: number, n: number, dst: Uint8Array, to: number): void {
  if (n <= SHORT_COPY) for (let i = 0; i < n; i++) dst[to + i] = src[from + i]!;
  else if (src === dst) dst.copyWithin(to, from, from + n);
  else if (from === 0 && n === src.length) dst.set(src, to);
  else if (n <= SHORT_PART_COPY) for (let i = 0; i < n; i++) dst[to + i] = src[from + i]!;
  else dst.set(src.subarray(from, from + n), to);
}

/** Writes s[from..] as UTF-8 at b[p..] (room for 3 bytes per code unit); returns the end position. */
function putUtf8(b: Uint8Array, p: number, s: string, from: number): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) b[p++] = c;
    else {
      p = putNonAscii(b, p, s, i, c);
      if (c >= 0xd800 && c <= 0xdbff && isPairAt(s, i)) i++;
    }
  }
  return p;
}

export function isPairAt(s: string, i: number): boolean {
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * Writes the non-ASCII code unit `c` at s[i] (with its low surrogate when it starts a pair) and returns the
 * end position; the caller skips the low surrogate when `c` is a high surrogate and isPairAt(s, i).
 */
export function putNonAscii(b: Uint8Array, p: number, s: string, i: number, c: number): number {
  if (c < 0x800) {
    b[p++] = 0xc0 | (c >> 6);
    b[p++] = 0x80 | (c & 0x3f);
  } else if (c < 0xd800 || c > 0xdfff) {
    b[p++] = 0xe0 | (c >> 12);
    b[p++] = 0x80 | ((c >> 6) & 0x3f);
    b[p++] = 0x80 | (c & 0x3f);
  } else if (c <= 0xdbff && isPairAt(s, i)) {
    const cp = ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
    b[p++] = 0xf0 | (cp >> 18);
    b[p++] = 0x80 | ((cp >> 12) & 0x3f);
    b[p++] = 0x80 | ((cp >> 6) & 0x3f);
    b[p++] = 0x80 | (cp & 0x3f);
  } else {
    b[p++] = 0xef;
    b[p++] = 0xbf;
    b[p++] = 0xbd;
  }
  return p;
}

/**
 * Each column's last value and where its bytes were written. The lines of one record repeat its key,
 * timestamp and op, so a repeated value copies its earlier bytes instead of rendering them again.
 * (One value per column: looking through several costs more than it saves.)
 */
export class RecentFields {
  private readonly values: unknown[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** The writer's generation each value was written in (-1: none). */
  private readonly generations: Float64Array;
  private generation = -1;

  constructor(private readonly out: ByteWriter, width: number) {
    this.values = new Array<unknown>(width).fill(undefined);
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.generations = new Float64Array(width).fill(-1);
  }

  /** Copies the bytes of column c's remembered `value`; false when it has none in the current chunk. */
  repeat(c: number, value: unknown): boolean {
    // 0 and -0 are === but print differently.
    if (this.values[c] !== value || (value === 0 && !Object.is(this.values[c], value))) return false;
    const out = this.out;
    if (this.generations[c] !== out.generation) return false;
    const b = out.bytes;
    const start = this.starts[c]!;
    const n = this.ends[c]! - start;
    if (out.pos + n > b.length) return false;
    copyBytes(b, start, n, b, out.pos);
    out.pos += n;
    return true;
  }

  /** Where the next value's bytes start. */
  mark(): number {
    this.generation = this.out.generation;
    return this.out.pos;
  }

  remember(c: number, value: unknown, start: number): void {
    // A value rendered across a chunk change is not remembered: its start moved with the pending bytes.
    if (this.generation !== this.out.generation) return;
    this.values[c] = value;
    this.generations[c] = this.generation;
    this.starts[c] = start;
    this.ends[c] = this.out.pos;
  }
}

const BASE64 = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
/** Longer binaries go through Buffer#toString('base64'), whose call costs more than a short loop. */
const LONG_BINARY = 3 * 1024;

/** Bytes (src[start, end)) as padded base64 (what Buffer#toString('base64') writes). */
export function putBase64(out: ByteWriter, src: Uint8Array, start = 0, end = src.length): void {
  const n = end - start;
  if (n > LONG_BINARY) return out.ascii(Buffer.from(src.buffer, src.byteOffset + start, n).toString('base64'));
  out.reserve(4 * Math.ceil(n / 3));
  const b = out.bytes;
  let p = out.pos;
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    b[p++] = BASE64[v >> 18]!;
    b[p++] = BASE64[(v >> 12) & 63]!;
    b[p++] = BASE64[(v >> 6) & 63]!;
    b[p++] = BASE64[v & 63]!;
  }
  if (i < end) {
    const two = i + 1 < end;
    const v = (src[i]! << 16) | (two ? src[i + 1]! << 8 : 0);
    b[p++] = BASE64[v >> 18]!;
    b[p++] = BASE64[(v >> 12) & 63]!;
    b[p++] = two ? BASE64[(v >> 6) & 63]! : 61;
    b[p++] = 61;
  }
  out.pos = p;
}
