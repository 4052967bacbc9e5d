import { createHash } from 'node:crypto';
import type OSS from 'ali-oss';
import type { ColumnDef } from '../core/row.ts';
import type { SinkConfig } from '../config/job.ts';
import { createEncoder, type FileEncoder } from '../format/index.ts';
import type { Logger } from '../util/logger.ts';
import type { ByteThrottle } from '../util/throttle.ts';
import { explainOssError, WriteAbortedError } from './errors.ts';
import { FileSeries, type ObjectEntry } from './file-series.ts';

// Where a window's files go, how write modes apply to them, and the manifest written last.
//   data:     <prefix>/<windowId>_<shardId>_<part>.<ext>
//   manifest: <prefix>/_ots2oss/<windowId>/manifest.json, then <prefix>/_ots2oss/<windowId>/_SUCCESS
// Names depend only on the window, shard and part, so a rerun overwrites and never duplicates.
// Hive and Spark skip paths that start with "_", so the markers never read as data.

export class WriteConflictError extends Error {
  constructor(readonly keys: string[]) {
    super(
      `writeMode nonConflict: ${keys.length} object(s) already exist for this window (first: ${keys[0]}); ` +
        'remove them, or set sink.writeMode to "truncate" or "append"',
    );
    this.name = 'WriteConflictError';
  }
}

export interface WindowLayout {
  prefix: string;
  windowId: string;
}

export function dataScope({ prefix, windowId }: WindowLayout): string {
  return `${prefix}/${windowId}_`;
}

export function dataKey(layout: WindowLayout, shardId: string, part: number, extension: string): string {
  return `${dataScope(layout)}${shardId}_${String(part).padStart(4, '0')}.${extension}`;
}

export function manifestKey({ prefix, windowId }: WindowLayout): string {
  return `${prefix}/_ots2oss/${windowId}/manifest.json`;
}

export function successKey({ prefix, windowId }: WindowLayout): string {
  return `${prefix}/_ots2oss/${windowId}/_SUCCESS`;
}

export interface SinkOptions {
  config: SinkConfig;
  /** The encoder of each object; by default the configured format's (the benchmarks swap in one that writes nothing). */
  newEncoder?: (schema: readonly ColumnDef[]) => FileEncoder;
  partSize?: number;
  throttle?: ByteThrottle;
  retry: <T>(what: string, fn: () => Promise<T>) => Promise<T>;
  /** Told of multipart uploads left open for the bucket's lifecycle rule (an abort that kept failing). */
  logger?: Logger;
}

export class OssSink {
  /** The job's retry policy; errors a person must act on come out naming the bucket and the fix. */
  private readonly retry: SinkOptions['retry'];
  /** Series not yet finished or aborted: what an interrupted process aborts on its way out. */
  private readonly open = new Set<FileSeries>();
  /** Set by abortOpenUploads: the process is stopping, and no new series starts. */
  private stopping = false;

  constructor(private readonly client: OSS, private readonly options: SinkOptions) {
    this.retry = (what, fn) => options.retry(what, fn).catch((error: unknown) => {
      throw explainOssError(error, what, options.config.bucket);
    });
  }

  async list(prefix: string): Promise<Array<{ key: string; size: number; etag: string }>> {
    const out: Array<{ key: string; size: number; etag: string }> = [];
    let token: string | undefined;
    do {
      const page = await this.retry(`list ${prefix}`, () =>
        this.client.listV2({ prefix, 'max-keys': '1000', ...(token ? { 'continuation-token': token } : {}) }, {}),
      );
      for (const o of page.objects ?? []) out.push({ key: o.name, size: o.size, etag: o.etag });
      token = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /**
   * nonConflict: before a window's first attempt writes anything, fails if objects already sit in
   * its data scope. `keep` holds objects shards of ours already committed for the window.
   */
  async checkConflicts(layout: WindowLayout, keep: ReadonlySet<string>, firstAttempt: boolean): Promise<void> {
    if (this.options.config.writeMode !== 'nonConflict' || !firstAttempt) return;
    const existing = (await this.list(dataScope(layout))).map((o) => o.key).filter((k) => !keep.has(k));
    if (existing.length > 0) throw new WriteConflictError(existing);
  }

  /**
   * truncate and nonConflict: once every shard has committed, deletes what else sits in the window's
   * data scope (left by crashed attempts or put there by hand). Deleting only after the commits means
   * a stale run, which cannot commit, never deletes what a newer run committed.
   */
  async removeLeftovers(layout: WindowLayout, keep: ReadonlySet<string>): Promise<string[]> {
    if (this.options.config.writeMode === 'append') return [];
    const leftovers = (await this.list(dataScope(layout))).map((o) => o.key).filter((k) => !keep.has(k));
    if (leftovers.length > 0) await this.deleteKeys(leftovers);
    return leftovers;
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.retry(`delete ${batch.length} objects`, () => this.client.deleteMulti(batch, { quiet: true }));
    }
  }

  /**
   * A series of objects for one shard of one window, encoded in the configured format. Once `signal`
   * is aborted its next write or finish throws the signal's reason.
   */
  openSeries(layout: WindowLayout, shardId: string, schema: readonly ColumnDef[], signal?: AbortSignal): FileSeries {
    if (this.stopping) throw new WriteAbortedError(`the sink of bucket ${this.options.config.bucket}`);
    const { config } = this.options;
    const series = new FileSeries(this.client, {
      shardId,
      schema,
      keyFor: (part, extension) => dataKey(layout, shardId, part, extension),
      newEncoder: this.options.newEncoder ?? ((s) => createEncoder(config.fileFormat, s, config)),
      maxFileBytes: config.maxFileSizeMB * 1024 * 1024,
      writer: { partSize: this.options.partSize ?? 8 * 1024 * 1024, throttle: this.options.throttle, retry: this.retry, logger: this.options.logger },
      signal,
      onSettled: (settled) => this.open.delete(settled),
    });
    this.open.add(series);
    return series;
  }

  /**
   * Aborts the multipart uploads of every series still open (a process stopping mid-window), so their
   * parts do not wait for the bucket's lifecycle rule; an abort that fails is logged.
   */
  async abortOpenUploads(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.open].map((series) => series.abort()));
  }

  async putJson(key: string, value: unknown): Promise<ObjectEntry> {
    return this.putBytes(key, Buffer.from(JSON.stringify(value, null, 2) + '\n'), 'application/json');
  }

  /** Small objects (manifest, marker) go up in one PutObject. */
  async putBytes(key: string, body: Buffer, contentType: string): Promise<ObjectEntry> {
    await this.retry(`put ${key}`, () => this.client.put(key, body, { mime: contentType } as OSS.PutObjectOptions));
    return { key, bytes: body.length, md5: createHash('md5').update(body).digest('hex'), shardId: '', part: 0, rows: 0 };
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      const result = await this.retry(`get ${key}`, () => this.client.get(key));
      return Buffer.from(result.content as Uint8Array).toString('utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}
