import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type OSS from 'ali-oss';

// What an exported object really holds, read in one streaming GetObject: its size, its MD5 and its
// rows (csv: records, where a quoted field may hold line breaks; text and jsonl: lines; parquet: the
// footer's num_rows, read with hyparquet, an implementation independent of our writer).

export interface ObjectStats {
  bytes: number;
  md5: string;
  rows?: number;
  /** Why rows could not be counted. */
  rowsNote?: string;
}

export interface RowCounter {
  update(chunk: Buffer): void;
  /** Rows in everything seen; a last line without its newline still counts. */
  rows(): number | undefined;
  note?: string;
}

const LF = 0x0a;
const QUOTE = 0x22;

/** Lines ending in LF; with `quoted`, LFs inside "..." do not end a line (csv, RFC 4180). */
export class LineCounter implements RowCounter {
  private lines = 0;
  private inQuotes = false;
  private last = LF;
  constructor(private readonly quoted: boolean, private readonly headerLines: number) {}

  update(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.quoted) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === QUOTE) this.inQuotes = !this.inQuotes;
        else if (b === LF && !this.inQuotes) this.lines++;
      }
    } else {
      for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) this.lines++;
    }
    this.last = chunk[chunk.length - 1]!;
  }

  rows(): number {
    const lines = this.lines + (this.last === LF ? 0 : 1);
    return Math.max(0, lines - this.headerLines);
  }
}

const PARQUET_TAIL_BYTES = 4 * 1024 * 1024;

/** Keeps the last bytes of the object, where Parquet puts its footer. */
export class ParquetFooterCounter implements RowCounter {
  private chunks: Buffer[] = [];
  private kept = 0;
  private numRows?: number;
  note?: string;

  constructor(private readonly parse: (tail: Uint8Array) => { num_rows: bigint | number }) {}

  update(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.chunks.length > 1 && this.kept - this.chunks[0]!.length >= PARQUET_TAIL_BYTES) this.kept -= this.chunks.shift()!.length;
  }

  rows(): number | undefined {
    if (this.numRows !== undefined) return this.numRows;
    const all = Buffer.concat(this.chunks, this.kept);
    const tail = all.subarray(Math.max(0, all.length - PARQUET_TAIL_BYTES));
    try {
      this.numRows = Number(this.parse(tail).num_rows);
    } catch (error) {
      this.note = `parquet footer unreadable: ${(error as Error).message}`;
    }
    return this.numRows;
  }
}

/** Counts nothing: for a format this version does not know. */
class NoCounter implements RowCounter {
  constructor(readonly note: string) {}
  update(): void {}
  rows(): undefined {
    return undefined;
  }
}

export async function rowCounterFor(format: string, header: boolean): Promise<RowCounter> {
  const sink = { fileFormat: format, header };
  switch (sink.fileFormat) {
    case 'csv':
      return new LineCounter(true, sink.header ? 1 : 0);
    case 'text':
      return new LineCounter(false, sink.header ? 1 : 0);
    case 'jsonl':
      return new LineCounter(false, 0);
    case 'parquet': {
      const { parquetMetadata } = await import('hyparquet');
      return new ParquetFooterCounter((tail) => parquetMetadata(tail));
    }
    default:
      return new NoCounter(`format "${format}" is not one this version reads`);
  }
}

/** Streams the object once: size and MD5 of its bytes, and its rows in the sink's format (a .gz object unzipped). */
export async function readObjectStats(client: OSS, key: string, format: string, header: boolean): Promise<ObjectStats> {
  const counter = await rowCounterFor(format, header);
  const md5 = createHash('md5');
  let bytes = 0;
  const gunzip = key.endsWith('.gz') ? createGunzip() : undefined;
  const unzipped = gunzip ? finished(gunzip.on('data', (c: Buffer) => counter.update(c))) : undefined;
  const { stream } = await client.getStream(key);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    md5.update(chunk);
    bytes += chunk.length;
    if (gunzip) gunzip.write(chunk);
    else counter.update(chunk);
  }
  gunzip?.end();
  const broken = await unzipped?.then(() => undefined, (error: Error) => `not a whole gzip file: ${error.message}`);
  if (broken) return { bytes, md5: md5.digest('hex'), rowsNote: broken };
  const rows = counter.rows();
  return { bytes, md5: md5.digest('hex'), rows, rowsNote: counter.note };
}
