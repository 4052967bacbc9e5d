// Table, row and filter messages of the Tablestore API (field numbers from the service proto).
// Stream messages and Error live with the runtime's Stream client and are shared from there.

import type { MessageSpec } from '../../runtime/tablestore/protocol/protobuf.ts';
import { ConsumedCapacity, ErrorMessage } from '../../runtime/tablestore/protocol/stream-messages.ts';

export const CapacityUnit = {
  read: { no: 1, type: 'int32' },
  write: { no: 2, type: 'int32' },
} as const satisfies MessageSpec;

export const ReservedThroughput = {
  capacityUnit: { no: 1, type: 'message', rule: 'required', message: CapacityUnit },
} as const satisfies MessageSpec;

export const ReservedThroughputDetails = {
  capacityUnit: { no: 1, type: 'message', rule: 'required', message: CapacityUnit },
  lastIncreaseTime: { no: 2, type: 'int64', rule: 'required' },
  lastDecreaseTime: { no: 3, type: 'int64' },
} as const satisfies MessageSpec;

/** PrimaryKeyType enum: INTEGER 1, STRING 2, BINARY 3. PrimaryKeyOption: AUTO_INCREMENT 1. */
export const PrimaryKeySchema = {
  name: { no: 1, type: 'string', rule: 'required' },
  type: { no: 2, type: 'enum', rule: 'required' },
  option: { no: 3, type: 'enum' },
} as const satisfies MessageSpec;

export const DefinedColumnSchema = {
  name: { no: 1, type: 'string', rule: 'required' },
  type: { no: 2, type: 'enum', rule: 'required' },
} as const satisfies MessageSpec;

export const TableMeta = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  primaryKey: { no: 2, type: 'message', rule: 'repeated', message: PrimaryKeySchema },
  definedColumn: { no: 3, type: 'message', rule: 'repeated', message: DefinedColumnSchema },
} as const satisfies MessageSpec;

export const TableOptions = {
  timeToLive: { no: 1, type: 'int32' },
  maxVersions: { no: 2, type: 'int32' },
  bloomFilterType: { no: 3, type: 'enum' },
  blockSize: { no: 4, type: 'int32' },
  deviationCellVersionInSec: { no: 5, type: 'int64' },
  allowUpdate: { no: 6, type: 'bool' },
} as const satisfies MessageSpec;

export const StreamSpecification = {
  enableStream: { no: 1, type: 'bool', rule: 'required' },
  expirationTime: { no: 2, type: 'int32' },
  columnsToGet: { no: 3, type: 'string', rule: 'repeated' },
} as const satisfies MessageSpec;

export const StreamDetails = {
  enableStream: { no: 1, type: 'bool', rule: 'required' },
  streamId: { no: 2, type: 'string' },
  expirationTime: { no: 3, type: 'int32' },
  lastEnableTime: { no: 4, type: 'int64' },
} as const satisfies MessageSpec;

export const CreateTableRequest = {
  tableMeta: { no: 1, type: 'message', rule: 'required', message: TableMeta },
  reservedThroughput: { no: 2, type: 'message', rule: 'required', message: ReservedThroughput },
  tableOptions: { no: 3, type: 'message', message: TableOptions },
  streamSpec: { no: 5, type: 'message', message: StreamSpecification },
} as const satisfies MessageSpec;

export const TableNameRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
} as const satisfies MessageSpec;

export const Empty = {} as const satisfies MessageSpec;

export const UpdateTableRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  reservedThroughput: { no: 2, type: 'message', message: ReservedThroughput },
  tableOptions: { no: 3, type: 'message', message: TableOptions },
  streamSpec: { no: 4, type: 'message', message: StreamSpecification },
} as const satisfies MessageSpec;

export const UpdateTableResponse = {
  reservedThroughputDetails: { no: 1, type: 'message', rule: 'required', message: ReservedThroughputDetails },
  tableOptions: { no: 2, type: 'message', rule: 'required', message: TableOptions },
  streamDetails: { no: 3, type: 'message', message: StreamDetails },
} as const satisfies MessageSpec;

/** TableStatus enum: ACTIVE 1. */
export const DescribeTableResponse = {
  tableMeta: { no: 1, type: 'message', rule: 'required', message: TableMeta },
  reservedThroughputDetails: { no: 2, type: 'message', rule: 'required', message: ReservedThroughputDetails },
  tableOptions: { no: 3, type: 'message', rule: 'required', message: TableOptions },
  tableStatus: { no: 4, type: 'enum', rule: 'required' },
  streamDetails: { no: 5, type: 'message', message: StreamDetails },
} as const satisfies MessageSpec;

export const ListTableResponse = {
  tableNames: { no: 1, type: 'string', rule: 'repeated' },
} as const satisfies MessageSpec;

export const TimeRange = {
  startTime: { no: 1, type: 'int64' },
  endTime: { no: 2, type: 'int64' },
  specificTime: { no: 3, type: 'int64' },
} as const satisfies MessageSpec;

/** RowExistenceExpectation: IGNORE 0, EXPECT_EXIST 1, EXPECT_NOT_EXIST 2. */
export const Condition = {
  rowExistence: { no: 1, type: 'enum', rule: 'required' },
  columnCondition: { no: 2, type: 'bytes' },
} as const satisfies MessageSpec;

/** ReturnType: RT_NONE 0, RT_PK 1, RT_AFTER_MODIFY 2. */
export const ReturnContent = {
  returnType: { no: 1, type: 'enum' },
  returnColumnNames: { no: 2, type: 'string', rule: 'repeated' },
} as const satisfies MessageSpec;

export const GetRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  primaryKey: { no: 2, type: 'bytes', rule: 'required' },
  columnsToGet: { no: 3, type: 'string', rule: 'repeated' },
  timeRange: { no: 4, type: 'message', message: TimeRange },
  maxVersions: { no: 5, type: 'int32' },
  filter: { no: 7, type: 'bytes' },
  startColumn: { no: 8, type: 'string' },
  endColumn: { no: 9, type: 'string' },
  transactionId: { no: 11, type: 'string' },
} as const satisfies MessageSpec;

export const RowResponse = {
  consumed: { no: 1, type: 'message', rule: 'required', message: ConsumedCapacity },
  row: { no: 2, type: 'bytes' },
} as const satisfies MessageSpec;

export const GetRowResponse = {
  consumed: { no: 1, type: 'message', rule: 'required', message: ConsumedCapacity },
  row: { no: 2, type: 'bytes', rule: 'required' },
} as const satisfies MessageSpec;

export const PutRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  row: { no: 2, type: 'bytes', rule: 'required' },
  condition: { no: 3, type: 'message', rule: 'required', message: Condition },
  returnContent: { no: 4, type: 'message', message: ReturnContent },
  transactionId: { no: 5, type: 'string' },
} as const satisfies MessageSpec;

export const UpdateRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  rowChange: { no: 2, type: 'bytes', rule: 'required' },
  condition: { no: 3, type: 'message', rule: 'required', message: Condition },
  returnContent: { no: 4, type: 'message', message: ReturnContent },
  transactionId: { no: 5, type: 'string' },
} as const satisfies MessageSpec;

export const DeleteRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  primaryKey: { no: 2, type: 'bytes', rule: 'required' },
  condition: { no: 3, type: 'message', rule: 'required', message: Condition },
  returnContent: { no: 4, type: 'message', message: ReturnContent },
  transactionId: { no: 5, type: 'string' },
} as const satisfies MessageSpec;

export const TableInBatchGetRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  primaryKey: { no: 2, type: 'bytes', rule: 'repeated' },
  columnsToGet: { no: 4, type: 'string', rule: 'repeated' },
  timeRange: { no: 5, type: 'message', message: TimeRange },
  maxVersions: { no: 6, type: 'int32' },
  filter: { no: 8, type: 'bytes' },
} as const satisfies MessageSpec;

export const BatchGetRowRequest = {
  tables: { no: 1, type: 'message', rule: 'repeated', message: TableInBatchGetRowRequest },
} as const satisfies MessageSpec;

export const RowInBatchResponse = {
  isOk: { no: 1, type: 'bool', rule: 'required' },
  error: { no: 2, type: 'message', message: ErrorMessage },
  consumed: { no: 3, type: 'message', message: ConsumedCapacity },
  row: { no: 4, type: 'bytes' },
} as const satisfies MessageSpec;

export const TableInBatchResponse = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  rows: { no: 2, type: 'message', rule: 'repeated', message: RowInBatchResponse },
} as const satisfies MessageSpec;

export const BatchResponse = {
  tables: { no: 1, type: 'message', rule: 'repeated', message: TableInBatchResponse },
} as const satisfies MessageSpec;

/** OperationType: PUT 1, UPDATE 2, DELETE 3. */
export const RowInBatchWriteRowRequest = {
  type: { no: 1, type: 'enum', rule: 'required' },
  rowChange: { no: 2, type: 'bytes', rule: 'required' },
  condition: { no: 3, type: 'message', rule: 'required', message: Condition },
  returnContent: { no: 4, type: 'message', message: ReturnContent },
} as const satisfies MessageSpec;

export const TableInBatchWriteRowRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  rows: { no: 2, type: 'message', rule: 'repeated', message: RowInBatchWriteRowRequest },
} as const satisfies MessageSpec;

export const BatchWriteRowRequest = {
  tables: { no: 1, type: 'message', rule: 'repeated', message: TableInBatchWriteRowRequest },
  transactionId: { no: 2, type: 'string' },
} as const satisfies MessageSpec;

/** Direction: FORWARD 0, BACKWARD 1. */
export const GetRangeRequest = {
  tableName: { no: 1, type: 'string', rule: 'required' },
  direction: { no: 2, type: 'enum', rule: 'required' },
  columnsToGet: { no: 3, type: 'string', rule: 'repeated' },
  timeRange: { no: 4, type: 'message', message: TimeRange },
  maxVersions: { no: 5, type: 'int32' },
  limit: { no: 6, type: 'int32' },
  inclusiveStartPrimaryKey: { no: 7, type: 'bytes', rule: 'required' },
  exclusiveEndPrimaryKey: { no: 8, type: 'bytes', rule: 'required' },
  filter: { no: 10, type: 'bytes' },
  startColumn: { no: 11, type: 'string' },
  endColumn: { no: 12, type: 'string' },
  transactionId: { no: 14, type: 'string' },
} as const satisfies MessageSpec;

export const GetRangeResponse = {
  consumed: { no: 1, type: 'message', rule: 'required', message: ConsumedCapacity },
  rows: { no: 2, type: 'bytes', rule: 'required' },
  nextStartPrimaryKey: { no: 3, type: 'bytes' },
} as const satisfies MessageSpec;

// ---------------------------------------------------------------- filters (package filter.proto)

/** FilterType: SINGLE_COLUMN_VALUE 1, COMPOSITE_COLUMN_VALUE 2, COLUMN_PAGINATION 3. */
export const Filter = {
  type: { no: 1, type: 'enum', rule: 'required' },
  filter: { no: 2, type: 'bytes', rule: 'required' },
} as const satisfies MessageSpec;

/** ComparatorType: EQUAL 1, NOT_EQUAL 2, GREATER_THAN 3, GREATER_EQUAL 4, LESS_THAN 5, LESS_EQUAL 6. */
export const SingleColumnValueFilter = {
  comparator: { no: 1, type: 'enum', rule: 'required' },
  columnName: { no: 2, type: 'string', rule: 'required' },
  columnValue: { no: 3, type: 'bytes', rule: 'required' },
  filterIfMissing: { no: 4, type: 'bool', rule: 'required' },
  latestVersionOnly: { no: 5, type: 'bool', rule: 'required' },
} as const satisfies MessageSpec;

/** LogicalOperator: NOT 1, AND 2, OR 3. */
export const CompositeColumnValueFilter = {
  combinator: { no: 1, type: 'enum', rule: 'required' },
  subFilters: { no: 2, type: 'message', rule: 'repeated', message: Filter },
} as const satisfies MessageSpec;

export const ColumnPaginationFilter = {
  offset: { no: 1, type: 'int32', rule: 'required' },
  limit: { no: 2, type: 'int32', rule: 'required' },
} as const satisfies MessageSpec;
