import type { ChangeRecord } from '../core/change.ts';
import type { WireLayout } from '../core/record-multi-version.ts';
import type { ColumnDef, Row } from '../core/row.ts';

export type { ColumnDef, Row };

export type FileFormat = 'csv' | 'text' | 'jsonl' | 'parquet';

/** The sink options the encoders read; a parsed SinkConfig (runtime/config/job.ts) fits as it is. */
export interface FormatOptions {
  fieldDelimiter: string;
  nullFormat: string;
  header: boolean;
  dateFormat?: string;
  /** "UTC" or "±HH:MM": the zone dateFormat writes in. */
  timeZone: string;
  binaryEncoding: 'base64' | 'utf8';
  /** gzip: csv, text and jsonl objects are gzip files (.csv.gz, ...); Parquet pages use the GZIP codec. */
  compress?: 'none' | 'gzip';
  encoding: 'UTF-8';
}

export interface FileEncoder {
  /** 'csv' | 'txt' | 'jsonl' | 'parquet' */
  readonly extension: string;
  readonly contentType: string;
  /**
   * Encodes rows[from..to) (all of them by default); returns bytes ready to append to the object (may be
   * empty while a Parquet row group fills). A range spares the caller a copy of a large batch.
   */
  write(rows: readonly Row[], from?: number, to?: number): Uint8Array;
  /**
   * Line formats: writes records[from..to) straight from their wire cells (every one has wireCells), as
   * `layout` lays them out, with the bytes write would give for its rows; their keys were checked.
   */
  writeWire?(records: readonly ChangeRecord[], from: number, to: number, layout: WireLayout): Uint8Array;
  /** Flushes buffered rows and any footer; the encoder is finished afterwards. */
  finish(): Uint8Array;
  /** Rows accepted so far, including rows a Parquet encoder still buffers. */
  readonly rowsWritten: number;
  /** Bytes returned so far (the sink rotates on it). */
  readonly bytesWritten: number;
}
