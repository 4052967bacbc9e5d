import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import type OSS from 'ali-oss';
import { outputChunks, type ChunkPool } from '../util/chunk-pool.ts';
import { silentLogger, type Logger } from '../util/logger.ts';
import type { ByteThrottle } from '../util/throttle.ts';
import { describeOssError, MultipartUploadLostError, ossErrorCode, WriteAbortedError } from './errors.ts';

// Streams one object: small objects go up in one PutObject, larger ones through multipart,
// so memory stays at two parts whatever the object's size: one uploading while the next fills.
// A part goes up as the chunks it was written in, never joined into one buffer: joining copied every
// byte of the object once more. Once a part is uploaded its chunks go back to the pool they came from.

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
  /** Where uploads left open are reported (a bucket the stacks create drops their parts after 2 days). */
  logger?: Logger;
  /** Where the bytes written may come from, given back once uploaded: the encoders' by default. */
  chunks?: ChunkPool;
}

/** A part's bytes as the writer was given them. */
interface PartBody {
  chunks: Buffer[];
  bytes: number;
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
  /** The InitiateMultipartUpload under way, so an abort meanwhile learns the upload it opens. */
  private initiating?: Promise<string>;
  private aborted = false;

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
    this.throwIfAborted();
    if (bytes.length === 0) return;
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.md5.update(chunk);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.total += chunk.length;
    if (this.buffered >= this.options.partSize) await this.flushPart();
  }

  async close(): Promise<WrittenObject> {
    this.throwIfAborted();
    const part = this.drain();
    if (this.uploadId === undefined) {
      const body = part.chunks.length === 1 ? part.chunks[0]! : Buffer.concat(part.chunks, part.bytes);
      await this.options.throttle?.take(body.length);
      await this.options.retry(`put ${this.key}`, () =>
        this.client.put(this.key, body, { mime: this.options.contentType } as OSS.PutObjectOptions),
      );
      this.release(part);
    } else {
      await this.inFlight;
      if (part.bytes > 0 || this.partCount === 0) await this.uploadPart(part, ++this.partCount);
      await this.complete(this.uploadId);
    }
    return { key: this.key, bytes: this.total, md5: this.md5.digest('hex') };
  }

  /**
   * Drops an unfinished multipart upload so no parts linger (and bill) in the bucket, one being opened
   * included; later writes fail. Never throws.
   */
  async abort(): Promise<void> {
    this.aborted = true;
    this.chunks = [];
    this.buffered = 0;
    const uploadId = this.uploadId ?? (await this.initiating?.catch(() => undefined));
    this.uploadId = undefined;
    if (uploadId === undefined) return;
    await this.inFlight?.catch(() => undefined);
    await this.abortUpload(uploadId);
  }

  private throwIfAborted(): void {
    if (this.aborted) throw new WriteAbortedError(`the upload of ${this.key}`);
  }

  /** Aborts through the job's retry policy; what still fails is logged, not thrown: it runs while a failure unwinds. */
  private async abortUpload(uploadId: string): Promise<void> {
    try {
      await this.options.retry(`abort upload of ${this.key}`, () => this.client.abortMultipartUpload(this.key, uploadId));
    } catch (error) {
      if (ossErrorCode(error) === 'NoSuchUpload') return; // already gone: an earlier attempt landed
      this.logger.warn('multipart upload not aborted: its parts stay until an abort-incomplete-uploads lifecycle rule (on buckets the stacks create: 2 days) or someone aborts it', { key: this.key, uploadId, error: describeOssError(error) });
    }
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  /** An initiate whose answer was lost opened an upload the retry does not know: abort it. */
  private async initiate(): Promise<string> {
    let attempts = 0;
    const { uploadId } = await this.options.retry(`initiate ${this.key}`, () => {
      attempts++;
      return this.client.initMultipartUpload(this.key, { mime: this.options.contentType } as OSS.InitMultipartUploadOptions);
    });
    if (attempts > 1) await this.abortOthers(uploadId);
    return uploadId;
  }

  /**
   * Aborts the key's other open uploads. Keys are the window's, shard's and part's, so under the lease
   * they are this writer's; best effort: what stays open is left to the bucket's abort-incomplete-uploads rule, where it has one.
   */
  private async abortOthers(ours: string): Promise<void> {
    let uploads: OSS.Upload[];
    try {
      const page = await this.options.retry(`list uploads of ${this.key}`, () => this.client.listUploads({ prefix: this.key, 'max-uploads': 1000 }));
      uploads = page.uploads ?? [];
    } catch (error) {
      this.logger.warn('uploads of a retried initiate not listed: one whose answer was lost may stay open until an abort-incomplete-uploads lifecycle rule (on buckets the stacks create: 2 days) or someone aborts it', { key: this.key, error: describeOssError(error) });
      return;
    }
    for (const u of uploads) if (u.name === this.key && u.uploadId !== ours) await this.abortUpload(u.uploadId);
  }

  /**
   * OSS goes on with a complete whose client went away, and an upload id is invalid once completed:
   * so a retried complete that meets NoSuchUpload looks at the key before calling the upload lost.
   */
  private async complete(uploadId: string): Promise<void> {
    let attempts = 0;
    try {
      await this.options.retry(`complete ${this.key}`, () => {
        attempts++;
        return this.client.completeMultipartUpload(this.key, uploadId, this.parts);
      });
    } catch (error) {
      if (ossErrorCode(error) !== 'NoSuchUpload') throw error;
      if (attempts === 1) {
        throw new MultipartUploadLostError(this.key, uploadId, 'no longer exists at its complete (NoSuchUpload): it was aborted by hand, by another run or by the bucket\'s lifecycle rule', error);
      }
      const found = await this.stored();
      if (found.ours) return;
      throw new MultipartUploadLostError(this.key, uploadId, `was gone when its complete was retried (NoSuchUpload), and the key holds ${found.what}, not the ${this.total} bytes in ${this.parts.length} parts written`, error);
    }
  }

  /**
   * Whether the object at the key is this upload's: its size, and a multipart ETag ending in this
   * upload's part count ("<hex>-<parts>", as OSS and the emulator give; OSS does not document the hex).
   */
  private async stored(): Promise<{ ours: boolean; what: string }> {
    let headers: Record<string, string | undefined>;
    try {
      const head = await this.options.retry(`head ${this.key}`, () => this.client.head(this.key));
      headers = head.res.headers as Record<string, string | undefined>;
    } catch (error) {
      if (ossErrorCode(error) === 'NoSuchKey' || (error as { status?: unknown }).status === 404) return { ours: false, what: 'no object' };
      throw error;
    }
    const size = Number(headers['content-length']);
    const etag = headers['etag'] ?? '';
    const parts = /-(\d+)"?$/.exec(etag)?.[1];
    const ours = size === this.total && parts !== undefined && Number(parts) === this.parts.length;
    return { ours, what: `an object of ${size} bytes with ETag ${etag}` };
  }

  private drain(): PartBody {
    const part = { chunks: this.chunks, bytes: this.buffered };
    this.chunks = [];
    this.buffered = 0;
    return part;
  }

  private async flushPart(): Promise<void> {
    if (this.uploadId === undefined) {
      const opened = await (this.initiating ??= this.initiate());
      // Aborted while it opened: abort() took that upload.
      this.throwIfAborted();
      this.uploadId = opened;
    }
    const part = this.drain();
    // Encoding goes on while this part uploads; parts stay in order, one in flight at a time.
    await this.inFlight;
    const upload = this.uploadPart(part, ++this.partCount);
    upload.catch(() => undefined); // rethrown where it is awaited, never unhandled
    this.inFlight = upload;
  }

  private async uploadPart(part: PartBody, number: number): Promise<void> {
    const uploadId = this.uploadId!;
    await this.options.throttle?.take(part.bytes);
    // Each attempt reads the chunks afresh: a failed one may have consumed part of its stream.
    const { etag } = await this.options.retry(`upload part ${number} of ${this.key}`, () =>
      this.client.uploadPart(this.key, uploadId, number, Readable.from(part.chunks, { objectMode: false }), 0, part.bytes),
    );
    this.parts.push({ number, etag });
    this.release(part);
  }

  /** A part uploaded: no attempt reads its chunks again. One that failed keeps them, for the collector. */
  private release(part: PartBody): void {
    (this.options.chunks ?? outputChunks).release(part.chunks);
  }
}
