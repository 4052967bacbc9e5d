import { createHash, type Hash } from 'node:crypto';
import type OSS from 'ali-oss';
import type { ByteThrottle } from '../util/throttle.ts';

// Streams one object: small objects go up in one PutObject, larger ones through multipart,
// so memory stays at two parts whatever the object's size: one uploading while the next fills.

export const MIN_PART_SIZE = 100 * 1024; // OSS rejects smaller non-final parts

export interface WrittenObject {
  key: string;
  bytes: number;
  md5: string;
}

export interface ObjectWriterOptions {
  partSize: number;
  contentType: string;
  throttle?: ByteThrottle;
  /** Wraps every OSS request with the job's retry policy. */
  retry: <T>(what: string, fn: () => Promise<T>) => Promise<T>;
}

export class ObjectWriter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private total = 0;
  private readonly md5: Hash = createHash('md5');
  private uploadId?: string;
  private readonly parts: Array<{ number: number; etag: string }> = [];
  private partCount = 0;
  /** The part being uploaded while the encoder fills the next; its failure surfaces at the next await. */
  private inFlight?: Promise<void>;

  constructor(
    private readonly client: OSS,
    readonly key: string,
    private readonly options: ObjectWriterOptions,
  ) {
    if (options.partSize < MIN_PART_SIZE) throw new Error(`partSize must be at least ${MIN_PART_SIZE} bytes`);
  }

  get bytesWritten(): number {
    return this.total;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.md5.update(chunk);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.total += chunk.length;
    if (this.buffered >= this.options.partSize) await this.flushPart();
  }

  async close(): Promise<WrittenObject> {
    const body = this.drain();
    if (this.uploadId === undefined) {
      await this.options.throttle?.take(body.length);
      await this.options.retry(`put ${this.key}`, () =>
        this.client.put(this.key, body, { mime: this.options.contentType } as OSS.PutObjectOptions),
      );
    } else {
      await this.inFlight;
      if (body.length > 0 || this.partCount === 0) await this.uploadPart(body, ++this.partCount);
      const { uploadId, parts } = this;
      await this.options.retry(`complete ${this.key}`, () =>
        this.client.completeMultipartUpload(this.key, uploadId, parts),
      );
    }
    return { key: this.key, bytes: this.total, md5: this.md5.digest('hex') };
  }

  /** Drops an unfinished multipart upload so no parts linger (and bill) in the bucket. */
  async abort(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    if (this.uploadId === undefined) return;
    const uploadId = this.uploadId;
    this.uploadId = undefined;
    await this.inFlight?.catch(() => undefined);
    await this.client.abortMultipartUpload(this.key, uploadId).catch(() => undefined);
  }

  private drain(): Buffer {
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    return body;
  }

  private async flushPart(): Promise<void> {
    if (this.uploadId === undefined) {
      const { uploadId } = await this.options.retry(`initiate ${this.key}`, () =>
        this.client.initMultipartUpload(this.key, { mime: this.options.contentType } as OSS.InitMultipartUploadOptions),
      );
      this.uploadId = uploadId;
    }
    const body = this.drain();
    // Encoding goes on while this part uploads; parts stay in order, one in flight at a time.
    await this.inFlight;
    const upload = this.uploadPart(body, ++this.partCount);
    upload.catch(() => undefined); // rethrown where it is awaited, never unhandled
    this.inFlight = upload;
  }

  private async uploadPart(body: Buffer, number: number): Promise<void> {
    const uploadId = this.uploadId!;
    await this.options.throttle?.take(body.length);
    const { etag } = await this.options.retry(`upload part ${number} of ${this.key}`, () =>
      this.client.uploadPart(this.key, uploadId, number, body, 0, body.length),
    );
    this.parts.push({ number, etag });
  }
}
