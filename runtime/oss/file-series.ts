import type OSS from 'ali-oss';
import type { ChangeRecord } from '../core/change.ts';
import type { WireLayout } from '../core/record-multi-version.ts';
import type { ColumnDef, Row } from '../core/row.ts';
import type { FileEncoder } from '../format/index.ts';
import { WriteAbortedError } from './errors.ts';
import { ObjectWriter, type ObjectWriterOptions } from './object-writer.ts';

// The objects one shard writes for one window: part 0, 1, ... rotated by size.

const SLICE_ROWS = 256;
/** Records rendered from the wire go in slices of about as many lines (a multi-version record gives a few). */
const SLICE_RECORDS = 64;

export interface ObjectEntry {
  key: string;
  shardId: string;
  part: number;
  rows: number;
  bytes: number;
  md5: string;
}

export interface FileSeriesOptions {
  shardId: string;
  keyFor: (part: number, extension: string) => string;
  newEncoder: (schema: readonly ColumnDef[]) => FileEncoder;
  schema: readonly ColumnDef[];
  maxFileBytes: number;
  writer: Omit<ObjectWriterOptions, 'contentType'>;
  /**
   * Once aborted (another shard of the window failed), the next write or finish throws its reason
   * before sending anything, and the shard aborts the series.
   */
  signal?: AbortSignal;
  /** Told once the series is finished or aborted: nothing of it is open any more. */
  onSettled?: (series: FileSeries) => void;
}

export class FileSeries {
  private encoder?: FileEncoder;
  private writer?: ObjectWriter;
  private readonly done: ObjectEntry[] = [];
  private aborted = false;

  constructor(private readonly client: OSS, private readonly options: FileSeriesOptions) {}

  write(rows: readonly Row[]): Promise<void> {
    return this.inSlices(rows.length, SLICE_ROWS, (encoder, from, to) => encoder.write(rows, from, to));
  }

  /** Records with wire cells, written by the encoder straight from them as `layout` lays them out. */
  writeWire(records: readonly ChangeRecord[], layout: WireLayout): Promise<void> {
    return this.inSlices(records.length, SLICE_RECORDS, (encoder, from, to) => {
      if (!encoder.writeWire) throw new Error(`the ${encoder.extension} encoder cannot write records from their wire cells`);
      return encoder.writeWire(records, from, to, layout);
    });
  }

  // Slices keep a file close to maxFileBytes and the bytes in flight small, whatever the batch size;
  // the encoder takes each as a range of the batch, not a copy.
  private async inSlices(count: number, size: number, encode: (encoder: FileEncoder, from: number, to: number) => Uint8Array): Promise<void> {
    for (let i = 0; i < count; i += size) {
      this.throwIfStopped();
      if (!this.encoder) this.open();
      await this.writer!.write(encode(this.encoder!, i, Math.min(i + size, count)));
      this.throwIfStopped(); // aborted while that part went up
      if (this.encoder!.bytesWritten >= this.options.maxFileBytes) await this.closeCurrent();
    }
  }

  /** Closes the open object; a shard with no rows in the window writes no object. */
  async finish(): Promise<ObjectEntry[]> {
    this.throwIfStopped();
    if (this.encoder) await this.closeCurrent();
    this.options.onSettled?.(this);
    return this.done;
  }

  /** Aborts the object being written; the series takes no more writes (none reopens an upload). */
  async abort(): Promise<void> {
    this.aborted = true;
    try {
      await this.writer?.abort();
    } finally {
      this.encoder = undefined;
      this.writer = undefined;
      this.options.onSettled?.(this);
    }
  }

  private throwIfStopped(): void {
    this.options.signal?.throwIfAborted();
    if (this.aborted) throw new WriteAbortedError(`the series of shard ${this.options.shardId}`);
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
