// Stream operations: ListStream, DescribeStream, GetShardIterator, GetStreamRecord.

import { decodeMessage, encodeMessage } from '../../../runtime/tablestore/protocol/protobuf.ts';
import * as S from '../../../runtime/tablestore/protocol/stream-messages.ts';
import { invalid, otsError, trimmed } from '../errors.ts';
import type { OpContext, OperationDef } from './context.ts';
import { parseIterator, type StreamLog } from '../model/stream.ts';

const DEFAULT_RECORD_LIMIT = 100;
const MAX_RECORD_LIMIT = 1000;

/** The stream with this id, its expired records dropped; OTSObjectNotExist when there is none. */
function liveStream(ctx: OpContext, streamId: string): StreamLog {
  const found = ctx.instance.stream(streamId);
  if (!found) throw otsError('OTSObjectNotExist', 'Requested stream does not exist.');
  found.stream.expire(ctx.now());
  return found.stream;
}

const listStream: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(S.ListStreamRequest, body, 'ListStreamRequest');
    const tables = req.tableName !== undefined ? [ctx.instance.table(req.tableName)] : [...ctx.instance.tables.values()];
    const streams = tables.flatMap((t) => (t.stream ? [{ streamId: t.stream.streamId, tableName: t.name, creationTime: t.stream.creationTimeMicros }] : []));
    return encodeMessage(S.ListStreamResponse, { streams });
  },
};

const describeStream: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(S.DescribeStreamRequest, body, 'DescribeStreamRequest');
    const stream = liveStream(ctx, req.streamId);
    if (req.shardLimit !== undefined && req.shardLimit < 1) throw invalid(`Invalid shard limit: ${req.shardLimit}.`);
    const shards = stream.shards;
    let start = 0;
    if (req.inclusiveStartShardId !== undefined) {
      start = shards.findIndex((s) => s.id === req.inclusiveStartShardId);
      if (start < 0) throw invalid(`Invalid inclusive start shard id: ${req.inclusiveStartShardId}.`);
    }
    const pageSize = Math.min(req.shardLimit ?? Number.MAX_SAFE_INTEGER, ctx.describeStreamPageSize);
    const page = shards.slice(start, start + pageSize);
    return encodeMessage(S.DescribeStreamResponse, {
      streamId: stream.streamId,
      expirationTime: stream.expirationHours,
      tableName: stream.tableName,
      creationTime: stream.creationTimeMicros,
      streamStatus: S.STREAM_ACTIVE,
      shards: page.map((s) => ({ shardId: s.id, parentId: s.parentId, parentSiblingId: s.parentSiblingId })),
      nextShardId: shards[start + pageSize]?.id,
    });
  },
};

const getShardIterator: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(S.GetShardIteratorRequest, body, 'GetShardIteratorRequest');
    const stream = liveStream(ctx, req.streamId);
    if (req.timestamp !== undefined && req.timestamp < 0) throw invalid(`Invalid timestamp: ${req.timestamp}.`);
    return encodeMessage(S.GetShardIteratorResponse, { shardIterator: stream.iteratorAt(req.shardId, req.timestamp) });
  },
};

const getStreamRecord: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(S.GetStreamRecordRequest, body, 'GetStreamRecordRequest');
    const limit = req.limit ?? DEFAULT_RECORD_LIMIT;
    if (limit < 1) throw invalid(`Invalid limit: ${limit}.`);
    const position = parseIterator(req.shardIterator);
    if (!position) throw invalid('Invalid shard iterator.');
    // A stream that was disabled or replaced by re-enabling is gone with its records.
    const found = ctx.instance.stream(position.streamId);
    if (!found) throw trimmed();
    const nowMs = ctx.now();
    found.stream.expire(nowMs);
    const result = found.stream.read(position.shardId, position.index, Math.min(limit, MAX_RECORD_LIMIT), nowMs);
    return encodeMessage(S.GetStreamRecordResponse, {
      streamRecords: result.records.map((r) => ({ actionType: r.actionType, record: r.bytes })),
      nextShardIterator: result.nextIterator,
      consumed: { capacityUnit: { read: 1, write: 0 } },
      mayMoreRecord: result.mayMoreRecord,
    });
  },
};

export const streamOperations: Record<string, OperationDef> = {
  ListStream: listStream,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetStreamRecord: getStreamRecord,
};
