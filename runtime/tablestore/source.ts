import type { ColumnDef } from '../core/row.ts';
import { StreamNotEnabledError, type RecordBatch, type StreamDescription, type StreamSource } from '../export/source.ts';
import { sdkCall, type TablestoreTables } from './client.ts';
import { CorruptRecordError, type StreamClient } from './stream-client.ts';
import type { CellReading } from './stream-records.ts';

// The change stream of one data table: its key schema and stream state from DescribeTable (SDK),
// shards and records from the project's Stream client.

const KEY_TYPES: Record<string, ColumnDef['type']> = {
  1: 'int64', INTEGER: 'int64',
  2: 'string', STRING: 'string',
  3: 'binary', BINARY: 'binary',
};

export class TablestoreSource implements StreamSource {
  constructor(
    private readonly tables: TablestoreTables,
    private readonly streams: StreamClient,
    private readonly instance: string,
    private readonly table: string,
    private readonly cells: CellReading = 'decoded',
  ) {}

  async describe(): Promise<StreamDescription> {
    const meta = await sdkCall('DescribeTable', () => this.tables.describeTable({ tableName: this.table }));
    const details = meta.streamDetails;
    if (!details?.enableStream || !details.streamId) throw new StreamNotEnabledError(this.instance, this.table);
    const primaryKey = (meta.tableMeta?.primaryKey ?? []).map((c) => {
      const type = KEY_TYPES[String(c.type)];
      if (!type) throw new Error(`table ${this.table}: primary key ${c.name} has type ${c.type}, which cannot be exported`);
      return { name: c.name, type };
    });
    const stream = await this.streams.describeStream(details.streamId);
    this.cachedStreamId = stream.streamId;
    return { streamId: stream.streamId, expirationHours: stream.expirationHours, createdMicros: stream.creationTime, shards: stream.shards, primaryKey };
  }

  iterator(shardId: string, fromMicros?: number): Promise<string> {
    return this.streamId().then((id) => this.streams.getShardIterator(id, shardId, fromMicros === undefined ? {} : { timestampMicros: fromMicros }));
  }

  async read(shardId: string, iterator: string, limit: number): Promise<RecordBatch> {
    try {
      const batch = await this.streams.getStreamRecord(iterator, { limit, tableName: this.table, shardId, cells: this.cells });
      return { records: batch.records, next: batch.nextShardIterator, mayMore: batch.mayMoreRecord };
    } catch (error) {
      // The same bytes fail the same way on every read, so positions among the good records are stable.
      if (!(error instanceof CorruptRecordError)) throw error;
      const { batch, badRecords } = error;
      return { records: batch.records, next: batch.nextShardIterator, mayMore: batch.mayMoreRecord, corrupt: badRecords };
    }
  }

  private cachedStreamId?: string;

  private async streamId(): Promise<string> {
    if (this.cachedStreamId) return this.cachedStreamId;
    const { streamId } = await this.describe();
    this.cachedStreamId = streamId;
    return streamId;
  }
}
