// Tablestore Stream API client: ListStream, DescribeStream, GetShardIterator, GetStreamRecord.
// The Node SDK has none of these, retries inside, loses error codes and cannot read delete
// cells or sequence info, so this client signs and sends its own requests (see transport.ts)
// and decodes records with the project's PlainBuffer codec. Every method throws TablestoreError.

import type { ChangeRecord, ShardInfo } from '../core/change.ts';
import { CORRUPT_RECORD_CODE, TablestoreError } from './errors.ts';
import { decodeMessage, encodeMessage, type Message, type MessageInput, type MessageSpec } from './protocol/protobuf.ts';
import * as M from './protocol/stream-messages.ts';
import { decodeStreamRecord, type CellReading } from './stream-records.ts';
import { Transport, type TransportOptions } from './transport.ts';

export type { Credentials } from './signing.ts';
export type StreamClientOptions = TransportOptions;

export interface StreamSummary {
  streamId: string;
  tableName: string;
  /** As the service reports it (microseconds since the epoch). */
  creationTime: number;
}

export interface StreamDescription extends StreamSummary {
  status: 'ENABLING' | 'ACTIVE';
  expirationHours: number;
  shards: ShardInfo[];
}

export interface StreamRecordBatch {
  records: ChangeRecord[];
  /** Absent when the shard has ended and every record has been read. */
  nextShardIterator?: string;
  mayMoreRecord?: boolean;
}

export interface GetStreamRecordOptions {
  limit?: number;
  tableName?: string;
  /** Stamped on every record (iterators are opaque, so the caller says which shard it reads). */
  shardId?: string;
  /** `wire`: cells checked but left in the response's bytes (ChangeRecord.wireCells). */
  cells?: CellReading;
}

/** Some records of a batch could not be decoded; the rest and the next iterator are kept here. */
export class CorruptRecordError extends TablestoreError {
  constructor(
    readonly shardId: string,
    readonly shardIterator: string,
    readonly badRecords: Array<{ index: number; reason: string }>,
    readonly batch: StreamRecordBatch,
  ) {
    super({
      code: CORRUPT_RECORD_CODE,
      message: `shard ${shardId || '(unknown)'}: ${badRecords.length} corrupt record(s), first at index ${badRecords[0]?.index}: ${badRecords[0]?.reason}`,
      httpStatus: 0,
      operation: 'GetStreamRecord',
      retryable: false,
    });
    this.name = 'CorruptRecordError';
  }
}

/** Calls one GetShardIterator seek may take before the client gives up on the service's paging. */
export const MAX_SEEK_CALLS = 1000;

function seekError(shardId: string, problem: string): TablestoreError {
  return new TablestoreError({
    code: 'OTSCorruptedResponse',
    message: `GetShardIterator for shard ${shardId}: ${problem}`,
    httpStatus: 200,
    operation: 'GetShardIterator',
    retryable: false,
  });
}

export class StreamClient {
  private readonly transport: Transport;

  constructor(opts: StreamClientOptions) {
    this.transport = new Transport(opts);
  }

  private async call<Req extends MessageSpec, Res extends MessageSpec>(
    operation: string,
    requestSpec: Req,
    request: MessageInput<Req>,
    responseSpec: Res,
  ): Promise<Message<Res>> {
    let body: Buffer;
    try {
      body = encodeMessage(requestSpec, request, `${operation}Request`);
    } catch (err) {
      throw new TablestoreError({ code: 'OTSClientError', message: String(err), httpStatus: 0, operation, retryable: false, cause: err });
    }
    const payload = await this.transport.call(operation, body);
    try {
      return decodeMessage(responseSpec, payload, `${operation}Response`);
    } catch (err) {
      throw new TablestoreError({
        code: 'OTSCorruptedResponse',
        message: `cannot decode the response: ${err instanceof Error ? err.message : String(err)}`,
        httpStatus: 200,
        operation,
        retryable: true,
        cause: err,
      });
    }
  }

  async listStream(tableName?: string): Promise<StreamSummary[]> {
    const res = await this.call('ListStream', M.ListStreamRequest, { tableName }, M.ListStreamResponse);
    return res.streams.map((s) => ({ streamId: s.streamId, tableName: s.tableName, creationTime: s.creationTime }));
  }

  /** Follows next_shard_id until every shard is listed. */
  async describeStream(streamId: string): Promise<StreamDescription> {
    const shards: ShardInfo[] = [];
    const seen = new Set<string>();
    let start: string | undefined;
    for (;;) {
      const page = await this.call(
        'DescribeStream',
        M.DescribeStreamRequest,
        { streamId, inclusiveStartShardId: start },
        M.DescribeStreamResponse,
      );
      for (const s of page.shards) {
        if (seen.has(s.shardId)) continue;
        seen.add(s.shardId);
        const shard: ShardInfo = { shardId: s.shardId };
        if (s.parentId) shard.parentId = s.parentId;
        if (s.parentSiblingId) shard.parentSiblingId = s.parentSiblingId;
        shards.push(shard);
      }
      if (!page.nextShardId) {
        return {
          streamId: page.streamId,
          tableName: page.tableName,
          creationTime: page.creationTime,
          status: page.streamStatus === M.STREAM_ENABLING ? 'ENABLING' : 'ACTIVE',
          expirationHours: page.expirationTime,
          shards,
        };
      }
      if (page.nextShardId === start) {
        throw new TablestoreError({
          code: 'OTSCorruptedResponse',
          message: `DescribeStream paging did not advance past shard ${start}`,
          httpStatus: 200,
          operation: 'DescribeStream',
        });
      }
      start = page.nextShardId;
    }
  }

  /**
   * Without a timestamp the iterator starts at the oldest record kept; with one, at the first record at
   * or after it. The service may answer a seek in steps (an empty or partial iterator and a next_token):
   * the call is repeated with the token until no token comes back, and the last iterator is the answer.
   */
  async getShardIterator(streamId: string, shardId: string, opts: { timestampMicros?: number } = {}): Promise<string> {
    let token: string | undefined;
    for (let calls = 0; calls < MAX_SEEK_CALLS; calls++) {
      const res = await this.call(
        'GetShardIterator',
        M.GetShardIteratorRequest,
        { streamId, shardId, timestamp: opts.timestampMicros, token },
        M.GetShardIteratorResponse,
      );
      if (!res.nextToken) {
        if (res.shardIterator) return res.shardIterator;
        throw seekError(shardId, `the service ended the seek${calls ? ` after ${calls + 1} calls` : ''} without an iterator`);
      }
      token = res.nextToken;
    }
    throw seekError(shardId, `the seek did not finish in ${MAX_SEEK_CALLS} calls: the service kept answering with a next_token`);
  }

  async getStreamRecord(shardIterator: string, opts: GetStreamRecordOptions = {}): Promise<StreamRecordBatch> {
    const res = await this.call(
      'GetStreamRecord',
      M.GetStreamRecordRequest,
      { shardIterator, limit: opts.limit, tableName: opts.tableName },
      M.GetStreamRecordResponse,
    );
    const shardId = opts.shardId ?? '';
    const records: ChangeRecord[] = [];
    let bad: Array<{ index: number; reason: string }> | undefined;
    const list = res.streamRecords;
    for (let i = 0; i < list.length; i++) {
      const wire = list[i]!;
      try {
        records.push(decodeStreamRecord(wire.actionType, wire.record, shardId, opts.cells));
      } catch (err) {
        (bad ??= []).push({ index: i, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    const batch: StreamRecordBatch = { records };
    if (res.nextShardIterator) batch.nextShardIterator = res.nextShardIterator;
    if (res.mayMoreRecord !== undefined) batch.mayMoreRecord = res.mayMoreRecord;
    if (bad) throw new CorruptRecordError(shardId, shardIterator, bad, batch);
    return batch;
  }

  /** Releases pooled connections. */
  close(): void {
    this.transport.close();
  }
}
