import type OSS from 'ali-oss';
import type { ColumnDef, Row } from '../core/row.ts';
import type { FileEncoder } from '../format/index.ts';
import { ObjectWriter, type ObjectWriterOptions } from './object-writer.ts';

// The objects one shard writes for one window: part 0, 1, ... rotated by size.

const SLICE_ROWS = 256;

export interface ObjectEntry {
  key: string;
  shardId: string;
  part: number;
  rows: number;
  bytes: number;
  md5: string;
}

/** A series told to stop because another shard of its window failed; its shard aborts it and the window is redone. */
export class SeriesStoppedError extends Error {
  constructor(shardId: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`shard ${shardId} stopped before its objects were complete: another shard of the window failed (${why})`, { cause });
    this.name = 'SeriesStoppedError';
  }
}

export interface FileSeriesOptions {
  shardId: string;
  keyFor: (part: number, extension: string) => string;
  newEncoder: (schema: readonly ColumnDef[]) => FileEncoder;
  schema: readonly ColumnDef[];
  maxFileBytes: number;
  writer: Omit<ObjectWriterOptions, 'contentType'>;
  /** Called once the series is finished or aborted. */
  onClose?: () => void;
}

export class FileSeries {
  private encoder?: FileEncoder;
  private writer?: ObjectWriter;
  private readonly done: ObjectEntry[] = [];
  private stopped?: SeriesStoppedError;

  constructor(private readonly client: OSS, private readonly options: FileSeriesOptions) {}

  async write(rows: readonly Row[]): Promise<void> {
    this.throwIfStopped();
    // Slices keep a file close to maxFileBytes and the bytes in flight small, whatever the batch size;
    // the encoder takes each as a range of the batch, not a copy.
    for (let i = 0; i < rows.length; i += SLICE_ROWS) {
      this.throwIfStopped();
      if (!this.encoder) this.open();
      await this.writer!.write(this.encoder!.write(rows, i, Math.min(i + SLICE_ROWS, rows.length)));
      if (this.encoder!.bytesWritten >= this.options.maxFileBytes) await this.closeCurrent();
    }
  }

  /** Closes the open object; a shard with no rows in the window writes no object. */
  async finish(): Promise<ObjectEntry[]> {
    this.throwIfStopped();
    if (this.encoder) await this.closeCurrent();
    this.options.onClose?.();
    return this.done;
  }

  async abort(): Promise<void> {
    try {
      await this.writer?.abort();
    } finally {
      this.encoder = undefined;
      this.writer = undefined;
      this.options.onClose?.();
    }
  }

  /** Makes the next write or finish fail: a sibling shard failed, so this one's work would be redone anyway. */
  stop(cause: unknown): void {
    this.stopped ??= new SeriesStoppedError(this.options.shardId, cause);
  }

  private throwIfStopped(): void {
    if (this.stopped) throw this.stopped;
  }

  private open(): void {
    const encoder = this.options.newEncoder(this.options.schema);
    const key = this.options.keyFor(this.done.length, encoder.extension);
    this.encoder = encoder;
    this.writer = new ObjectWriter(this.client, key, { ...this.options.writer, contentType: encoder.contentType });
  }

  private async closeCurrent(): Promise<void> {
    const encoder = this.encoder!;
    const writer = this.writer!;
    await writer.write(encoder.finish());
    const written = await writer.close();
    this.done.push({ ...written, shardId: this.options.shardId, part: this.done.length, rows: encoder.rowsWritten });
    this.encoder = undefined;
    this.writer = undefined;
  }
}
