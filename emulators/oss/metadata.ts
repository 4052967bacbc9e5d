// What the emulator knows about buckets, objects and uploads, and the JSON journal that keeps it
// under <dataDir>/meta so a restart finds the same state. Without a dataDir the journal is a no-op.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Segment } from './blobs.ts';

export type ObjectType = 'Normal' | 'Appendable' | 'Multipart';

/** Attributes set when an object is written and returned on reads. */
export interface ObjectAttributes {
  contentType: string;
  /** cache-control, content-disposition, content-encoding, content-language, expires */
  httpHeaders: Record<string, string>;
  /** User metadata without the x-oss-meta- prefix (names lower-case, as HTTP delivers them). */
  meta: Record<string, string>;
  sse?: string;
  sseKeyId?: string;
  acl: string;
  storageClass: string;
}

export interface ObjectRecord extends ObjectAttributes {
  key: string;
  type: ObjectType;
  segments: Segment[];
  size: number;
  /** Upper-case hex without quotes, as OSS shows it between the quotes. */
  etag: string;
  /** CRC-64 in decimal, as in x-oss-hash-crc64ecma. */
  crc64: string;
  /** Base64 MD5 of the whole body; known for objects written in one request. */
  contentMd5?: string;
  lastModified: number;
}

export interface PartRecord {
  number: number;
  blob: string;
  size: number;
  etag: string;
  crc64: string;
  lastModified: number;
}

export interface UploadRecord {
  uploadId: string;
  key: string;
  initiated: number;
  attributes: ObjectAttributes;
  parts: Record<string, PartRecord>;
}

export interface BucketRecord {
  name: string;
  created: number;
  acl: string;
  storageClass: string;
  redundancy: string;
}

export interface LoadedBucket {
  bucket: BucketRecord;
  objects: ObjectRecord[];
  uploads: UploadRecord[];
}

export interface Journal {
  saveBucket(b: BucketRecord): Promise<void>;
  removeBucket(name: string): Promise<void>;
  saveObject(bucket: string, o: ObjectRecord): Promise<void>;
  removeObject(bucket: string, key: string): Promise<void>;
  saveUpload(bucket: string, u: UploadRecord): Promise<void>;
  removeUpload(bucket: string, uploadId: string): Promise<void>;
  load(): Promise<LoadedBucket[]>;
}

export const memoryJournal: Journal = {
  saveBucket: async () => undefined,
  removeBucket: async () => undefined,
  saveObject: async () => undefined,
  removeObject: async () => undefined,
  saveUpload: async () => undefined,
  removeUpload: async () => undefined,
  load: async () => [],
};

// Keys can be long and hold any character, so object files are named by a hash of the key.
const fileNameFor = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;

export class DirectoryJournal implements Journal {
  // Writes to one file are applied in call order.
  private readonly chains = new Map<string, Promise<void>>();
  private tmpCounter = 0;

  constructor(private readonly dir: string) {}

  saveBucket(b: BucketRecord): Promise<void> {
    return this.write(join(this.dir, b.name, 'bucket.json'), b);
  }

  removeBucket(name: string): Promise<void> {
    return this.serial(join(this.dir, name), () => rm(join(this.dir, name), { recursive: true, force: true }));
  }

  saveObject(bucket: string, o: ObjectRecord): Promise<void> {
    return this.write(join(this.dir, bucket, 'objects', fileNameFor(o.key)), o);
  }

  removeObject(bucket: string, key: string): Promise<void> {
    const path = join(this.dir, bucket, 'objects', fileNameFor(key));
    return this.serial(path, () => rm(path, { force: true }));
  }

  saveUpload(bucket: string, u: UploadRecord): Promise<void> {
    return this.write(join(this.dir, bucket, 'uploads', `${u.uploadId}.json`), u);
  }

  removeUpload(bucket: string, uploadId: string): Promise<void> {
    const path = join(this.dir, bucket, 'uploads', `${uploadId}.json`);
    return this.serial(path, () => rm(path, { force: true }));
  }

  async load(): Promise<LoadedBucket[]> {
    await mkdir(this.dir, { recursive: true });
    const loaded: LoadedBucket[] = [];
    for (const name of await readdir(this.dir)) {
      const bucket = await readJson<BucketRecord>(join(this.dir, name, 'bucket.json'));
      if (!bucket) continue;
      loaded.push({
        bucket,
        objects: await readAllJson<ObjectRecord>(join(this.dir, name, 'objects')),
        uploads: await readAllJson<UploadRecord>(join(this.dir, name, 'uploads')),
      });
    }
    return loaded;
  }

  private write(path: string, value: unknown): Promise<void> {
    return this.serial(path, async () => {
      const dir = join(path, '..');
      await mkdir(dir, { recursive: true });
      const tmp = `${path}.${process.pid}.${this.tmpCounter++}.tmp`;
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, path);
    });
  }

  private serial(path: string, task: () => Promise<unknown>): Promise<void> {
    const previous = this.chains.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task).then(() => undefined);
    this.chains.set(path, next);
    void next.finally(() => {
      if (this.chains.get(path) === next) this.chains.delete(path);
    }).catch(() => undefined);
    return next;
  }
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read OSS emulator state ${path}: ${(error as Error).message}`);
  }
}

async function readAllJson<T>(dir: string): Promise<T[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const value = await readJson<T>(join(dir, name));
    if (value) out.push(value);
  }
  return out;
}
