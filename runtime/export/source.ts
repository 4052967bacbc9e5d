import type { ChangeRecord, ShardInfo } from '../core/change.ts';
import type { ColumnDef } from '../core/row.ts';
import type { JobConfig } from '../config/job.ts';

// The port over the change stream; the Tablestore adapter lives in runtime/tablestore/source.ts.

export interface StreamDescription {
  streamId: string;
  expirationHours: number;
  /** When the stream was created (µs since the epoch): no record of it is older. */
  createdMicros?: number;
  shards: ShardInfo[];
  /** The data table's primary key, in order; mappers need it before the first record. */
  primaryKey: ColumnDef[];
}

export interface RecordBatch {
  records: ChangeRecord[];
  /** Absent once the shard has ended. */
  next?: string;
  /** The service hints that more records may follow even though this batch is empty. */
  mayMore?: boolean;
  /** Records of this batch that could not be decoded; `records` holds the rest, in order. */
  corrupt?: Array<{ index: number; reason: string }>;
}

export interface StreamSource {
  describe(): Promise<StreamDescription>;
  /** An iterator at the shard's oldest record, or at the first record committed at or after the time. */
  iterator(shardId: string, fromMicros?: number): Promise<string>;
  /** Reads from the iterator; records carry `shardId`. */
  read(shardId: string, iterator: string, limit: number): Promise<RecordBatch>;
}

/**
 * Whether the job's lines are written straight from records' wire cells (FileEncoder.writeWire): the
 * multi-version lines of the line formats, without sequence info. Its source then leaves cells undecoded.
 */
export function rendersFromWire(job: Pick<JobConfig, 'reader' | 'sink'>): boolean {
  return job.reader.mode === 'multi_version' && !job.reader.isExportSequenceInfo && job.sink.fileFormat !== 'parquet';
}

/** How the job's source reads records' cells: left in the response's bytes for such jobs, else decoded. */
export function cellReadingFor(job: Pick<JobConfig, 'reader' | 'sink'>): 'wire' | 'decoded' {
  return rendersFromWire(job) ? 'wire' : 'decoded';
}

/** What `ots2oss enable-stream` needs besides the table to run as printed, when it is known. */
export interface EnableStreamOptions {
  endpoint?: string;
  expirationHours?: number;
  profile?: string;
}

export function enableStreamCommand(instance: string, table: string, options: EnableStreamOptions = {}): string {
  const { endpoint, expirationHours, profile } = options;
  return [
    `npx ots2oss enable-stream --instance ${instance} --table ${table}`,
    endpoint && `--endpoint ${endpoint}`,
    expirationHours !== undefined && `--expiration-hours ${expirationHours}`,
    profile && `--profile ${profile}`,
  ].filter(Boolean).join(' ');
}

export class StreamNotEnabledError extends Error {
  constructor(readonly instance: string, readonly table: string, options: EnableStreamOptions = {}) {
    super(
      `Tablestore Stream is not enabled on ${instance}/${table}: nothing can be exported. ` +
        `Enable it with \`${enableStreamCommand(instance, table, options)}\` (the stack does this at deploy time).`,
    );
    this.name = 'StreamNotEnabledError';
  }
}
