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

/** A seek's continuation: which seek (stream, shard, time), the call it stands at and how many it takes. */
type SeekToken = [streamId: string, shardId: string, timestamp: number, step: number, steps: number];

function seekToken(token: SeekToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** The step a token stands at; the token must continue this very seek. */
function seekStep(token: string, streamId: string, shardId: string, timestamp: number): { step: number; steps: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw invalid('Invalid token.');
  const [s, sh, ts, step, steps] = parsed as unknown[];
  if (s !== streamId || sh !== shardId || ts !== timestamp) throw invalid('The token belongs to another seek: send the same stream, shard and timestamp.');
  if (!Number.isSafeInteger(step) || !Number.isSafeInteger(steps) || (step as number) < 1 || (step as number) >= (steps as number)) throw invalid('Invalid token.');
  return { step: step as number, steps: steps as number };
}

const getShardIterator: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(S.GetShardIteratorRequest, body, 'GetShardIteratorRequest');
    const stream = liveStream(ctx, req.streamId);
    const { timestamp, token } = req;
    if (timestamp !== undefined && timestamp < 0) throw invalid(`Invalid timestamp: ${timestamp}.`);
    if (token !== undefined && timestamp === undefined) throw invalid('A token continues a seek by timestamp: send the timestamp too.');
    const target = stream.iteratorAt(req.shardId, timestamp);
    if (timestamp === undefined) return encodeMessage(S.GetShardIteratorResponse, { shardIterator: target });
    // A paged seek (faults.seekSteps): the token carries the step, so the knob may change mid-seek.
    const { step, steps } = token === undefined ? { step: 0, steps: ctx.seekSteps } : seekStep(token, req.streamId, req.shardId, timestamp);
    if (step + 1 >= steps) return encodeMessage(S.GetShardIteratorResponse, { shardIterator: target });
    return encodeMessage(S.GetShardIteratorResponse, {
      shardIterator: step === 0 ? '' : stream.iteratorAt(req.shardId),
      nextToken: seekToken([req.streamId, req.shardId, timestamp, step + 1, steps]),
    });
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
    const result = found.stream.read(position.shardId, position.index, Math.min(limit, MAX_RECORD_LIMIT, ctx.maxRecordsPerRead || MAX_RECORD_LIMIT), nowMs);
    // A page the service cut short to nothing: the same position, and a hint that records follow.
    if (result.records.length > 0 && ctx.emptyRead()) {
      return encodeMessage(S.GetStreamRecordResponse, { streamRecords: [], nextShardIterator: req.shardIterator, consumed: { capacityUnit: { read: 1, write: 0 } }, mayMoreRecord: true });
    }
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
