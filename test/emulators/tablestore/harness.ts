// Shared set-up for tests that drive the Tablestore emulator through the real SDK client and
// the project's Stream client.

import assert from 'node:assert/strict';
import TableStore from 'tablestore';
import { startTablestoreEmulator, type TablestoreEmulator, type TablestoreEmulatorOptions } from '../../../emulators/tablestore/index.ts';
import { fromSdkError, type TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { StreamClient } from '../../../runtime/tablestore/stream-client.ts';
import { useForSuite } from '../suite.ts';

export { TableStore };

export interface Harness {
  emulator: TablestoreEmulator;
  client: TableStore.Client;
  streams: StreamClient;
  close(): Promise<void>;
}

export function sdkClient(emulator: TablestoreEmulator, overrides: Partial<TableStore.ClientConfig> = {}): TableStore.Client {
  return new TableStore.Client({
    accessKeyId: emulator.accessKeyId,
    secretAccessKey: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    instancename: emulator.instance,
    maxRetries: 0,
    ...overrides,
  });
}

export function streamClient(emulator: TablestoreEmulator): StreamClient {
  return new StreamClient({
    endpoint: emulator.endpoint,
    instance: emulator.instance,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    timeoutMs: 5000,
  });
}

export async function startHarness(opts: TablestoreEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startTablestoreEmulator(opts);
  const streams = streamClient(emulator);
  return {
    emulator,
    client: sdkClient(emulator),
    streams,
    async close() {
      streams.close();
      await emulator.close();
    },
  };
}

/** The harness a suite runs against; readable inside tests and hooks. */
export type SuiteHarness = Omit<Harness, 'close'>;

/** Starts a harness before the suite's tests (then runs `prepare`) and closes it after. */
export function useHarness(opts: TablestoreEmulatorOptions = {}, prepare?: (h: SuiteHarness) => Promise<void>): SuiteHarness {
  const running = useForSuite('the Tablestore harness', () => startHarness(opts), (h) => h.close(), prepare);
  return {
    get emulator() {
      return running().emulator;
    },
    get client() {
      return running().client;
    },
    get streams() {
      return running().streams;
    },
  };
}

/** The error an SDK call failed with, as the runtime reads it; fails the test if the call succeeds. */
export async function sdkError(promise: Promise<unknown>, operation: string): Promise<TablestoreError> {
  try {
    await promise;
  } catch (err) {
    return fromSdkError(err, operation);
  }
  assert.fail(`${operation} should have failed`);
}

export const int = (n: number | string): TableStore.Int64 => (typeof n === 'number' ? TableStore.Long.fromNumber(n) : TableStore.Long.fromString(n));
export const ignore = (column: TableStore.ColumnCondition | null = null) => new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, column);
export const expectExist = (column: TableStore.ColumnCondition | null = null) =>
  new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, column);
export const expectNotExist = () => new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null);

/** A table keyed by (pk STRING, seq INTEGER). */
export async function createTable(
  client: TableStore.Client,
  tableName: string,
  opts: { stream?: number; ttl?: number; maxVersions?: number; maxTimeDeviation?: number } = {},
): Promise<void> {
  await client.createTable({
    tableMeta: { tableName, primaryKey: [{ name: 'pk', type: 'STRING' }, { name: 'seq', type: 'INTEGER' }] },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: opts.ttl ?? -1, maxVersions: opts.maxVersions ?? 1, ...(opts.maxTimeDeviation ? { maxTimeDeviation: opts.maxTimeDeviation } : {}) },
    ...(opts.stream ? { streamSpecification: { enableStream: true, expirationTime: opts.stream } } : {}),
  });
}

export const key = (pk: string, seq: number): TableStore.PrimaryKeyInput => [{ pk }, { seq: int(seq) }];

/** Attribute values as plain JS: Int64 -> bigint, Buffer kept. */
export function attrs(row: TableStore.Row | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of row?.attributes ?? []) {
    const v = a.columnValue;
    out[a.columnName] = typeof v === 'object' && !Buffer.isBuffer(v) ? BigInt(v.toString()) : v;
  }
  return out;
}

/** Reads every record of every shard of the table's stream (parents before children). */
export async function readAll(streams: StreamClient, tableName: string) {
  const [summary] = await streams.listStream(tableName);
  if (!summary) throw new Error(`no stream on ${tableName}`);
  const description = await streams.describeStream(summary.streamId);
  const records = [];
  for (const shard of description.shards) {
    let iterator: string | undefined = await streams.getShardIterator(summary.streamId, shard.shardId);
    for (let guard = 0; iterator && guard < 1000; guard++) {
      const batch = await streams.getStreamRecord(iterator, { shardId: shard.shardId, limit: 50 });
      records.push(...batch.records);
      if (batch.records.length === 0) break;
      iterator = batch.nextShardIterator;
    }
  }
  return { description, records };
}
