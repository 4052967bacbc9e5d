import TableStore from 'tablestore';
import { fromSdkError } from './errors.ts';
import type { Credentials } from './stream-client.ts';

// The one place the runtime builds the SDK's client, and the typed subset of it the runtime calls.
// The SDK retries on its own only for 5xx on reads; we turn that off and retry with the job's policy.

export type SdkPrimaryKey = Array<Record<string, unknown>>;
export type SdkAttribute = Record<string, unknown>;

export interface SdkRow {
  primaryKey?: Array<{ name: string; value: unknown }>;
  attributes?: Array<{ columnName: string; columnValue: unknown; timestamp?: unknown }>;
}

export interface SdkCondition {
  readonly __condition?: never;
}

export interface SdkTableMeta {
  tableMeta?: { tableName?: string; primaryKey?: Array<{ name: string; type: number | string }> };
  streamDetails?: { enableStream?: boolean; streamId?: string; expirationTime?: number };
  tableOptions?: { timeToLive?: number; maxVersions?: number };
}

export interface TablestoreTables {
  describeTable(params: { tableName: string }): Promise<SdkTableMeta>;
  createTable(params: Record<string, unknown>): Promise<unknown>;
  updateTable(params: Record<string, unknown>): Promise<unknown>;
  listTable(params: Record<string, never>): Promise<{ tableNames?: string[] }>;
  getRow(params: { tableName: string; primaryKey: SdkPrimaryKey; maxVersions?: number }): Promise<{ row?: SdkRow }>;
  putRow(params: { tableName: string; condition: SdkCondition; primaryKey: SdkPrimaryKey; attributeColumns: SdkAttribute[] }): Promise<unknown>;
  updateRow(params: { tableName: string; condition: SdkCondition; primaryKey: SdkPrimaryKey; updateOfAttributeColumns: Array<Record<string, unknown[]>> }): Promise<unknown>;
  deleteRow(params: { tableName: string; condition: SdkCondition; primaryKey: SdkPrimaryKey }): Promise<unknown>;
  getRange(params: {
    tableName: string;
    direction: string;
    inclusiveStartPrimaryKey: SdkPrimaryKey;
    exclusiveEndPrimaryKey: SdkPrimaryKey;
    limit?: number;
    maxVersions?: number;
  }): Promise<{ rows?: SdkRow[]; nextStartPrimaryKey?: Array<{ name: string; value: unknown }> | null }>;
}

export function createTablestoreClient(opts: { endpoint: string; instance: string; credentials: Credentials; timeoutMs?: number }): TablestoreTables {
  const client = new TableStore.Client({
    accessKeyId: opts.credentials.accessKeyId,
    secretAccessKey: opts.credentials.accessKeySecret,
    stsToken: opts.credentials.securityToken,
    endpoint: opts.endpoint,
    instancename: opts.instance,
    maxRetries: 0,
    httpOptions: opts.timeoutMs ? { timeout: opts.timeoutMs } : undefined,
  });
  return client as unknown as TablestoreTables;
}

/** The SDK's condition and comparator constructors, typed. */
export const conditions = {
  ignore: (column?: SdkCondition): SdkCondition =>
    new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, column ?? null),
  expectExist: (column?: SdkCondition): SdkCondition =>
    new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, column ?? null),
  expectNotExist: (): SdkCondition => new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null),
  /** Passes when the row lacks the column, or its value compares as asked. */
  column: (name: string, value: string, comparator: 'EQUAL' | 'LESS_EQUAL'): SdkCondition =>
    new TableStore.SingleColumnCondition(name, value, TableStore.ComparatorType[comparator], true, true),
  infMin: (): unknown => TableStore.INF_MIN,
  infMax: (): unknown => TableStore.INF_MAX,
};

export const Direction = { FORWARD: 'FORWARD', BACKWARD: 'BACKWARD' } as const;

/** Runs one SDK call; its errors come out as TablestoreError with the service's real code. */
export async function sdkCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw fromSdkError(error, operation);
  }
}
