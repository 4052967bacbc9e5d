// Minimal declarations for the untyped `tablestore` 5.6.5 SDK: the client, its row/table
// operations and the helpers the project and its tests use. Extend, do not replace.

declare module 'tablestore' {
  import type { Int64LE } from 'int64-buffer';

  namespace TableStore {
    type Int64 = Int64LE;

    interface ClientConfig {
      accessKeyId: string;
      secretAccessKey?: string;
      accessKeySecret?: string;
      stsToken?: string;
      securityToken?: string;
      endpoint: string;
      instancename: string;
      /** Sets the SDK's process-wide retry count (its policy retries 5xx on reads only). */
      maxRetries?: number;
      httpOptions?: { timeout?: number; maxSockets?: number };
      logger?: { log(...args: unknown[]): void };
      extraHeaders?: Record<string, string>;
    }

    interface PkSentinel {
      readonly __sentinel?: never;
    }
    type PrimaryKeyValue = Int64 | string | Buffer | PkSentinel;
    type ColumnValue = Int64 | number | string | boolean | Buffer;
    /** One `{ name: value }` entry per primary-key column, in schema order. */
    type PrimaryKeyInput = Array<Record<string, PrimaryKeyValue>>;
    /** `{ name: value }` with an optional `timestamp` (ms) key. */
    type AttributeInput = Record<string, ColumnValue | number | undefined>;
    type UpdateInput = Array<
      | { PUT: AttributeInput[] }
      | { DELETE: Array<Record<string, Int64 | number>> }
      | { DELETE_ALL: string[] }
      | { INCREMENT: AttributeInput[] }
    >;

    interface RowPrimaryKeyColumn {
      name: string;
      value: Int64 | string | Buffer;
    }
    interface RowAttribute {
      columnName: string;
      columnValue: ColumnValue;
      timestamp: Int64 | null;
    }
    interface Row {
      primaryKey?: RowPrimaryKeyColumn[];
      attributes?: RowAttribute[];
    }
    interface CapacityUnit {
      read?: number;
      write?: number;
    }
    interface Consumed {
      capacityUnit: CapacityUnit;
    }
    interface TimeRange {
      startTime?: number | Int64;
      endTime?: number | Int64;
      specificTime?: number | Int64;
    }

    interface TableOptions {
      timeToLive?: number;
      maxVersions?: number;
      maxTimeDeviation?: number;
      allowUpdate?: boolean;
    }
    interface StreamSpecification {
      enableStream: boolean;
      expirationTime?: number;
    }
    interface CreateTableParams {
      tableMeta: {
        tableName: string;
        primaryKey: Array<{ name: string; type: 'INTEGER' | 'STRING' | 'BINARY' | number; option?: 'AUTO_INCREMENT' | number }>;
        definedColumn?: Array<{ name: string; type: number }>;
      };
      reservedThroughput: { capacityUnit: CapacityUnit };
      tableOptions: TableOptions;
      streamSpecification?: StreamSpecification;
    }
    interface UpdateTableParams {
      tableName: string;
      tableOptions: TableOptions;
      reservedThroughput?: { capacityUnit: CapacityUnit };
      streamSpecification?: StreamSpecification;
    }
    interface StreamDetails {
      enableStream: boolean;
      streamId?: string;
      expirationTime?: number;
      lastEnableTime?: Int64 | number;
    }
    interface DescribeTableResult {
      tableMeta: { tableName: string; primaryKey: Array<{ name: string; type: number; option?: number }> };
      reservedThroughputDetails: { capacityUnit: CapacityUnit };
      tableOptions: { timeToLive?: number; maxVersions?: number; deviationCellVersionInSec?: Int64 | number };
      tableStatus: number;
      streamDetails?: StreamDetails | null;
    }
    interface UpdateTableResult {
      tableOptions: { timeToLive?: number; maxVersions?: number };
      streamDetails?: StreamDetails | null;
    }

    interface ReadParams {
      tableName: string;
      columnsToGet?: string[];
      maxVersions?: number;
      timeRange?: TimeRange;
      columnFilter?: ColumnCondition;
    }
    interface GetRowParams extends ReadParams {
      primaryKey: PrimaryKeyInput;
    }
    interface WriteParams {
      tableName: string;
      primaryKey: PrimaryKeyInput;
      /** Required: the SDK throws a TypeError without one. */
      condition: Condition;
      returnContent?: { returnType: number; returnColumns?: string[] };
    }
    interface PutRowParams extends WriteParams {
      attributeColumns: AttributeInput[];
    }
    interface UpdateRowParams extends WriteParams {
      updateOfAttributeColumns: UpdateInput;
    }
    interface GetRangeParams extends ReadParams {
      direction: 'FORWARD' | 'BACKWARD';
      inclusiveStartPrimaryKey: PrimaryKeyInput;
      exclusiveEndPrimaryKey: PrimaryKeyInput;
      limit?: number;
    }
    interface GetRangeResult {
      consumed: Consumed;
      rows: Row[];
      nextStartPrimaryKey: RowPrimaryKeyColumn[] | null;
      RequestId?: string;
    }
    interface BatchWriteRowItem {
      type: 'PUT' | 'UPDATE' | 'DELETE';
      primaryKey: PrimaryKeyInput;
      condition: Condition;
      attributeColumns?: AttributeInput[] | UpdateInput;
      returnContent?: { returnType: number };
    }
    interface BatchRowResult extends Row {
      isOk: boolean;
      errorCode: string | null;
      errorMessage: string | null;
      tableName: string;
    }
    interface BatchGetRowParams {
      tables: Array<Omit<ReadParams, 'tableName'> & { tableName: string; primaryKey: PrimaryKeyInput[] }>;
    }

    class Client {
      constructor(config: ClientConfig);
      createTable(params: CreateTableParams): Promise<{ RequestId?: string }>;
      listTable(params: Record<string, never>): Promise<{ tableNames: string[]; RequestId?: string }>;
      deleteTable(params: { tableName: string }): Promise<{ RequestId?: string }>;
      updateTable(params: UpdateTableParams): Promise<UpdateTableResult>;
      describeTable(params: { tableName: string }): Promise<DescribeTableResult>;
      getRow(params: GetRowParams): Promise<{ consumed: Consumed; row: Row; RequestId?: string }>;
      putRow(params: PutRowParams): Promise<{ consumed: Consumed; row: Row; RequestId?: string }>;
      updateRow(params: UpdateRowParams): Promise<{ consumed: Consumed; row: Row; RequestId?: string }>;
      deleteRow(params: WriteParams): Promise<{ consumed: Consumed; row: Row; RequestId?: string }>;
      getRange(params: GetRangeParams): Promise<GetRangeResult>;
      batchWriteRow(params: { tables: Array<{ tableName: string; rows: BatchWriteRowItem[] }> }): Promise<{ tables: BatchRowResult[] }>;
      batchGetRow(params: BatchGetRowParams): Promise<{ tables: BatchRowResult[][] }>;
    }

    abstract class ColumnCondition {}
    class Condition {
      constructor(rowExistenceExpectation: number, columnCondition: ColumnCondition | null);
    }
    class SingleColumnCondition extends ColumnCondition {
      constructor(columnName: string, columnValue: ColumnValue, comparator: number, passIfMissing?: boolean, latestVersionOnly?: boolean);
    }
    class CompositeCondition extends ColumnCondition {
      constructor(combinator: number);
      addSubCondition(condition: ColumnCondition): void;
    }
    class ColumnPaginationFilter extends ColumnCondition {
      constructor(offset: number, limit: number);
    }

    const RowExistenceExpectation: { readonly IGNORE: 0; readonly EXPECT_EXIST: 1; readonly EXPECT_NOT_EXIST: 2 };
    const ComparatorType: {
      readonly EQUAL: number;
      readonly NOT_EQUAL: number;
      readonly GREATER_THAN: number;
      readonly GREATER_EQUAL: number;
      readonly LESS_THAN: number;
      readonly LESS_EQUAL: number;
    };
    const LogicalOperator: { readonly NOT: number; readonly AND: number; readonly OR: number };
    const ReturnType: { readonly NONE: 0; readonly Primarykey: 1; readonly AfterModify: 2 };
    const Direction: { readonly FORWARD: 'FORWARD'; readonly BACKWARD: 'BACKWARD' };
    const INF_MIN: PkSentinel;
    const INF_MAX: PkSentinel;
    const PK_AUTO_INCR: PkSentinel;
    const Long: { fromNumber(n: number): Int64; fromString(s: string): Int64 };

    /** Internal PlainBuffer helpers, used by the codec's conformance tests. */
    const PlainBufferBuilder: {
      serializePrimaryKey(primaryKey: PrimaryKeyInput): Buffer;
      serializeForPutRow(primaryKey: PrimaryKeyInput, attributeColumns: AttributeInput[]): Buffer;
      serializeForUpdateRow(primaryKey: PrimaryKeyInput, attributeColumns: UpdateInput): Buffer;
      serializeForDeleteRow(primaryKey: PrimaryKeyInput): Buffer;
      serializeColumnValue(value: ColumnValue): Buffer;
    };
    class PlainBufferInputStream {
      constructor(data: { buffer: Uint8Array | ArrayBuffer; offset: number; limit: number });
    }
    class PlainBufferCodedInputStream {
      constructor(input: PlainBufferInputStream);
      readRow(): Row;
      readRows(): Row[];
    }
  }

  export = TableStore;
}
