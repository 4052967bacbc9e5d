// Object bytes: blobs in memory or as files under <dataDir>/blobs. An object is a list of segments
// (one per PutObject, part or append), so completing a multipart upload or appending copies nothing.
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export interface Segment {
  blob: string;
  size: number;
}

export interface BlobWriter {
  write(chunk: Buffer): Promise<void>;
  /** Seals the blob and returns its id. */
  finish(): Promise<string>;
  abort(): Promise<void>;
}

interface Backend {
  writer(id: string, expectedSize?: number): BlobWriter;
  stream(id: string, start: number, endExclusive: number): Readable;
  readSync(id: string): Buffer;
  remove(id: string): Promise<void>;
  list(): Promise<string[]>;
}

class MemoryBackend implements Backend {
  private readonly data = new Map<string, Buffer>();

  writer(id: string, expectedSize?: number): BlobWriter {
    // With a known length the body is copied once into its final buffer.
    const fixed = expectedSize !== undefined ? Buffer.allocUnsafe(expectedSize) : undefined;
    const chunks: Buffer[] = [];
    let length = 0;
    return {
      write: async (chunk) => {
        if (fixed) {
          if (length + chunk.length > fixed.length) throw new Error('the body is longer than its Content-Length');
          chunk.copy(fixed, length);
        } else {
          chunks.push(chunk);
        }
        length += chunk.length;
      },
      finish: async () => {
        this.data.set(id, fixed ? fixed.subarray(0, length) : Buffer.concat(chunks));
        return id;
      },
      abort: async () => undefined,
    };
  }

  stream(id: string, start: number, endExclusive: number): Readable {
    return Readable.from([this.get(id).subarray(start, endExclusive)], { objectMode: false });
  }

  readSync(id: string): Buffer {
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    this.data.delete(id);
  }

  async list(): Promise<string[]> {
    return [...this.data.keys()];
  }

  private get(id: string): Buffer {
    const body = this.data.get(id);
    if (!body) throw new Error(`blob ${id} is missing`);
    return body;
  }
}

class FileBackend implements Backend {
  constructor(private readonly dir: string) {}

  writer(id: string): BlobWriter {
    const path = join(this.dir, id);
    const handle = open(path, 'wx');
    return {
      write: async (chunk) => {
        const fh = await handle;
        let offset = 0;
        while (offset < chunk.length) offset += (await fh.write(chunk, offset)).bytesWritten;
      },
      finish: async () => {
        const fh = await handle;
        await fh.sync();
        await fh.close();
        return id;
      },
      abort: async () => {
        await (await handle.catch(() => undefined))?.close().catch(() => undefined);
        await rm(path, { force: true });
      },
    };
  }

  stream(id: string, start: number, endExclusive: number): Readable {
    if (endExclusive <= start) return Readable.from([]);
    return createReadStream(join(this.dir, id), { start, end: endExclusive - 1 });
  }

  readSync(id: string): Buffer {
    return readFileSync(join(this.dir, id));
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.dir, id), { force: true });
  }

  async list(): Promise<string[]> {
    return readdir(this.dir);
  }
}

export class BlobStore {
  // Blobs being read are removed only once their readers finish.
  private readonly readers = new Map<string, number>();
  private readonly doomed = new Set<string>();

  private constructor(private readonly backend: Backend) {}

  static memory(): BlobStore {
    return new BlobStore(new MemoryBackend());
  }

  static async directory(dir: string): Promise<BlobStore> {
    await mkdir(dir, { recursive: true });
    return new BlobStore(new FileBackend(dir));
  }

  create(expectedSize?: number): BlobWriter {
    return this.backend.writer(randomBytes(16).toString('hex'), expectedSize);
  }

  /** Streams bytes [start, endExclusive) of an object made of `segments`. */
  read(segments: readonly Segment[], start: number, endExclusive: number): Readable {
    const pieces: Array<{ blob: string; from: number; to: number; held: boolean }> = [];
    let offset = 0;
    for (const s of segments) {
      const from = Math.max(start, offset);
      const to = Math.min(endExclusive, offset + s.size);
      if (from < to) pieces.push({ blob: s.blob, from: from - offset, to: to - offset, held: true });
      offset += s.size;
    }
    for (const p of pieces) this.readers.set(p.blob, (this.readers.get(p.blob) ?? 0) + 1);
    const release = (p: (typeof pieces)[number]) => {
      if (p.held) {
        p.held = false;
        this.releaseReader(p.blob);
      }
    };
    const backend = this.backend;
    async function* concat(): AsyncGenerator<Buffer> {
      for (const p of pieces) {
        for await (const chunk of backend.stream(p.blob, p.from, p.to)) yield chunk as Buffer;
        release(p);
      }
    }
    const stream = Readable.from(concat(), { objectMode: false });
    stream.once('close', () => pieces.forEach(release));
    return stream;
  }

  readAll(segments: readonly Segment[]): Buffer {
    return Buffer.concat(segments.map((s) => this.backend.readSync(s.blob)));
  }

  async remove(blobs: Iterable<string>): Promise<void> {
    for (const blob of blobs) {
      if (this.readers.has(blob)) this.doomed.add(blob);
      else await this.backend.remove(blob);
    }
  }

  /** Removes every blob not in `live` (leftovers of uploads interrupted by a crash). */
  async sweep(live: ReadonlySet<string>): Promise<void> {
    await this.remove((await this.backend.list()).filter((id) => !live.has(id)));
  }

  private releaseReader(blob: string): void {
    const left = (this.readers.get(blob) ?? 1) - 1;
    if (left > 0) {
      this.readers.set(blob, left);
      return;
    }
    this.readers.delete(blob);
    if (this.doomed.delete(blob)) void this.backend.remove(blob).catch(() => undefined);
  }
}
