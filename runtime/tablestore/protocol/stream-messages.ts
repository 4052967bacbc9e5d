// Stream API messages and the Error body, with the field numbers of the service's current proto
// (which adds timestamp/token, table_name, may_more_record and origin_record to the SDK's copy).

import type { MessageSpec } from './protobuf.ts';

export const ErrorMessage = {
  code: { no: 1, type: 'string', rule: 'required' },
  message: { no: 2, type: 'string' },
} as const satisfies MessageSpec;

export const ConsumedCapacity = {
  capacityUnit: {
    no: 1,
    type: 'message',
    rule: 'required',
    message: { read: { no: 1, type: 'int32' }, write: { no: 2, type: 'int32' } },
  },
} as const satisfies MessageSpec;

export const ListStreamRequest = {
  tableName: { no: 1, type: 'string' },
} as const satisfies MessageSpec;

export const StreamEntry = {
  streamId: { no: 1, type: 'string', rule: 'required' },
  tableName: { no: 2, type: 'string', rule: 'required' },
  creationTime: { no: 3, type: 'int64', rule: 'required' },
} as const satisfies MessageSpec;

export const ListStreamResponse = {
  streams: { no: 1, type: 'message', rule: 'repeated', message: StreamEntry },
} as const satisfies MessageSpec;

export const StreamShard = {
  shardId: { no: 1, type: 'string', rule: 'required' },
  parentId: { no: 2, type: 'string' },
  parentSiblingId: { no: 3, type: 'string' },
} as const satisfies MessageSpec;

/** StreamStatus enum. */
export const STREAM_ENABLING = 1;
export const STREAM_ACTIVE = 2;

export const DescribeStreamRequest = {
  streamId: { no: 1, type: 'string', rule: 'required' },
  inclusiveStartShardId: { no: 2, type: 'string' },
  shardLimit: { no: 3, type: 'int32' },
} as const satisfies MessageSpec;

export const DescribeStreamResponse = {
  streamId: { no: 1, type: 'string', rule: 'required' },
  expirationTime: { no: 2, type: 'int32', rule: 'required' },
  tableName: { no: 3, type: 'string', rule: 'required' },
  creationTime: { no: 4, type: 'int64', rule: 'required' },
  streamStatus: { no: 5, type: 'enum', rule: 'required' },
  shards: { no: 6, type: 'message', rule: 'repeated', message: StreamShard },
  nextShardId: { no: 7, type: 'string' },
} as const satisfies MessageSpec;

export const GetShardIteratorRequest = {
  streamId: { no: 1, type: 'string', rule: 'required' },
  shardId: { no: 2, type: 'string', rule: 'required' },
  /** Microseconds: start at the first record committed at or after it. */
  timestamp: { no: 3, type: 'int64' },
  token: { no: 4, type: 'string' },
} as const satisfies MessageSpec;

export const GetShardIteratorResponse = {
  shardIterator: { no: 1, type: 'string', rule: 'required' },
  nextToken: { no: 2, type: 'string' },
} as const satisfies MessageSpec;

export const GetStreamRecordRequest = {
  shardIterator: { no: 1, type: 'string', rule: 'required' },
  limit: { no: 2, type: 'int32' },
  tableName: { no: 3, type: 'string' },
} as const satisfies MessageSpec;

/** ActionType enum. */
export const ACTION_PUT_ROW = 1;
export const ACTION_UPDATE_ROW = 2;
export const ACTION_DELETE_ROW = 3;

export const StreamRecord = {
  actionType: { no: 1, type: 'enum', rule: 'required' },
  record: { no: 2, type: 'bytes', rule: 'required' },
  originRecord: { no: 3, type: 'bytes' },
} as const satisfies MessageSpec;

export const GetStreamRecordResponse = {
  streamRecords: { no: 1, type: 'message', rule: 'repeated', message: StreamRecord },
  nextShardIterator: { no: 2, type: 'string' },
  consumed: { no: 3, type: 'message', message: ConsumedCapacity },
  mayMoreRecord: { no: 4, type: 'bool' },
} as const satisfies MessageSpec;
