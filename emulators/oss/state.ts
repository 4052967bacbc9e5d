// The in-memory index of buckets, objects and multipart uploads. Every change is checked and applied
// synchronously (so concurrent requests see it atomically), then journaled, then superseded blobs freed.
import type { BlobStore } from './blobs.ts';
import { ossError } from './errors.ts';
import { SortedKeys } from './keys.ts';
import type { BucketRecord, Journal, ObjectRecord, UploadRecord } from './metadata.ts';

export class BucketState {
  readonly objects = new Map<string, ObjectRecord>();
  readonly keys = new SortedKeys();
  readonly uploads = new Map<string, UploadRecord>();
  constructor(readonly record: BucketRecord) {}
}

export class State {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    readonly blobs: BlobStore,
    private readonly journal: Journal,
  ) {}

  async load(): Promise<void> {
    const live = new Set<string>();
    for (const loaded of await this.journal.load()) {
      const state = new BucketState(loaded.bucket);
      for (const o of loaded.objects) {
        state.objects.set(o.key, o);
        state.keys.add(o.key);
        o.segments.forEach((s) => live.add(s.blob));
      }
      for (const u of loaded.uploads) {
        state.uploads.set(u.uploadId, u);
        Object.values(u.parts).forEach((p) => live.add(p.blob));
      }
      this.buckets.set(loaded.bucket.name, state);
    }
    await this.blobs.sweep(live);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  findBucket(name: string): BucketState | undefined {
    return this.buckets.get(name);
  }

  bucket(name: string): BucketState {
    const state = this.buckets.get(name);
    if (!state) throw ossError('NoSuchBucket', undefined, { BucketName: name });
    return state;
  }

  async createBucket(record: BucketRecord): Promise<void> {
    if (this.buckets.has(record.name)) throw ossError('BucketAlreadyExists', undefined, { BucketName: record.name });
    this.buckets.set(record.name, new BucketState(record));
    await this.journal.saveBucket(record);
  }

  async deleteBucket(name: string): Promise<void> {
    const state = this.bucket(name);
    if (state.objects.size > 0 || state.uploads.size > 0) {
      throw ossError(
        'BucketNotEmpty',
        state.objects.size > 0
          ? 'The bucket you tried to delete is not empty: delete its objects first.'
          : 'The bucket you tried to delete has multipart uploads in progress: abort them first.',
        { BucketName: name },
      );
    }
    this.buckets.delete(name);
    await this.journal.removeBucket(name);
  }

  getObject(bucket: string, key: string): ObjectRecord {
    const o = this.bucket(bucket).objects.get(key);
    if (!o) throw ossError('NoSuchKey', undefined, { Key: key });
    return o;
  }

  /**
   * Replaces `record.key`. `check` sees the current object (or undefined) and may throw to refuse,
   * e.g. for x-oss-forbid-overwrite or a stale append position.
   */
  async putObject(bucket: string, record: ObjectRecord, check?: (current: ObjectRecord | undefined) => void): Promise<void> {
    const state = this.bucket(bucket);
    const current = state.objects.get(record.key);
    check?.(current);
    state.objects.set(record.key, record);
    state.keys.add(record.key);
    await this.journal.saveObject(bucket, record);
    if (current) await this.freeUnused(current.segments.map((s) => s.blob), record);
  }

  async deleteObject(bucket: string, key: string): Promise<boolean> {
    const state = this.bucket(bucket);
    const current = state.objects.get(key);
    if (!current) return false;
    state.objects.delete(key);
    state.keys.delete(key);
    await this.journal.removeObject(bucket, key);
    await this.blobs.remove(current.segments.map((s) => s.blob));
    return true;
  }

  getUpload(bucket: string, uploadId: string, key: string): UploadRecord {
    const u = this.bucket(bucket).uploads.get(uploadId);
    if (!u || u.key !== key) throw ossError('NoSuchUpload', undefined, { UploadId: uploadId });
    return u;
  }

  async saveUpload(bucket: string, upload: UploadRecord): Promise<void> {
    this.bucket(bucket).uploads.set(upload.uploadId, upload);
    await this.journal.saveUpload(bucket, upload);
  }

  /** Ends an upload; blobs of parts not kept by `kept` are freed. */
  async endUpload(bucket: string, upload: UploadRecord, kept?: ObjectRecord): Promise<void> {
    this.bucket(bucket).uploads.delete(upload.uploadId);
    await this.journal.removeUpload(bucket, upload.uploadId);
    await this.freeUnused(Object.values(upload.parts).map((p) => p.blob), kept);
  }

  /**
   * Turns an upload into the object `record`: the upload must still be in progress and `check` must
   * accept the current object. Both are decided before anything is awaited.
   */
  async completeUpload(
    bucket: string,
    upload: UploadRecord,
    record: ObjectRecord,
    check: (current: ObjectRecord | undefined) => void,
  ): Promise<void> {
    const state = this.bucket(bucket);
    if (state.uploads.get(upload.uploadId) !== upload) {
      throw ossError('NoSuchUpload', undefined, { UploadId: upload.uploadId });
    }
    const current = state.objects.get(record.key);
    check(current);
    state.objects.set(record.key, record);
    state.keys.add(record.key);
    state.uploads.delete(upload.uploadId);
    await this.journal.saveObject(bucket, record);
    await this.journal.removeUpload(bucket, upload.uploadId);
    const superseded = [...(current?.segments.map((s) => s.blob) ?? []), ...Object.values(upload.parts).map((p) => p.blob)];
    await this.freeUnused(superseded, record);
  }

  async freeUnused(blobs: string[], keptBy?: ObjectRecord): Promise<void> {
    const kept = new Set(keptBy?.segments.map((s) => s.blob));
    await this.blobs.remove(blobs.filter((b) => !kept.has(b)));
  }
}
