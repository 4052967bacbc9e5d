// A local Tablestore (with Stream) that the real `tablestore` SDK and the project's Stream client
// talk to unmodified. Start it in-process; test hooks reshape shards and trim the stream.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeRecord, ShardInfo } from '../../runtime/core/change.ts';
import { TablestoreFaults } from './faults.ts';
import type { Table } from './model/table.ts';
import { Persistence } from './persistence.ts';
import { createHandler } from './server.ts';
import { TablestoreService } from './service.ts';

export { TablestoreFaults, faultRuleSchema, faultsConfigSchema, type FaultRuleInput, type FaultsConfigInput } from './faults.ts';

export interface TablestoreEmulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Instance created at start; default 'ots2oss-local'. */
  instance?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Keeps tables, rows and streams across restarts. */
  dataDir?: string;
  /** Clock in milliseconds (TTL, commit timestamps, expiration, visibility). */
  now?: () => number;
  /** Shards a new stream starts with; default 2. */
  shardsPerTable?: number;
  /** Most shards one DescribeStream page returns; default 100. */
  describeStreamPageSize?: number;
}

export interface TablestoreEmulator {
  endpoint: string;
  instance: string;
  accessKeyId: string;
  accessKeySecret: string;
  faults: TablestoreFaults;
  close(): Promise<void>;
  /** Ends the shard and opens two children splitting its key range; returns their ids. */
  splitShard(table: string, shardId: string, instance?: string): [string, string];
  /** Ends two adjacent shards and opens their child (parent_id a, parent_sibling_id b); returns its id. */
  mergeShards(table: string, shardA: string, shardB: string, instance?: string): string;
  /** Drops stream records committed before the time; reading them gives OTSTrimmedDataAccess. */
  trimBefore(table: string, timestampMicros: number, instance?: string): void;
  /** Damages the checksum of the record at `position` among the shard's kept records. */
  corruptStreamRecord(table: string, shardId: string, position: number, instance?: string): void;
  /** Every change committed to the table's current stream, in commit order. */
  changeLog(table: string, instance?: string): ChangeRecord[];
  /** The current stream's shards with lineage and whether they still take writes. */
  shards(table: string, instance?: string): Array<ShardInfo & { open: boolean }>;
  createInstance(name: string): void;
}

export const DEFAULT_INSTANCE = 'ots2oss-local';
export const DEFAULT_ACCESS_KEY_ID = 'ots2oss-local';
export const DEFAULT_ACCESS_KEY_SECRET = 'ots2oss-local-secret';

export async function startTablestoreEmulator(opts: TablestoreEmulatorOptions = {}): Promise<TablestoreEmulator> {
  const instanceName = opts.instance ?? DEFAULT_INSTANCE;
  const accessKeyId = opts.accessKeyId ?? DEFAULT_ACCESS_KEY_ID;
  const accessKeySecret = opts.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET;
  const shardsPerTable = opts.shardsPerTable ?? 2;
  const describeStreamPageSize = opts.describeStreamPageSize ?? 100;
  if (!Number.isInteger(shardsPerTable) || shardsPerTable < 1) throw new RangeError('shardsPerTable must be a positive integer');
  if (!Number.isInteger(describeStreamPageSize) || describeStreamPageSize < 1) throw new RangeError('describeStreamPageSize must be a positive integer');

  const faults = new TablestoreFaults();
  const service = new TablestoreService({ now: opts.now ?? Date.now, shardsPerTable, describeStreamPageSize }, faults);
  const persistence = opts.dataDir ? new Persistence(opts.dataDir) : undefined;
  const saved = await persistence?.load();
  if (saved) service.restore(saved);
  service.createInstance(instanceName);

  const persist = async (): Promise<void> => {
    if (persistence) await persistence.save(service.snapshot());
  };
  // Test hooks change state synchronously; their writes are awaited on close.
  const persistLater = (): void => {
    persist().catch((err: unknown) => console.error('tablestore emulator: cannot save state:', err));
  };

  const server = createServer(createHandler({ service, secrets: new Map([[accessKeyId, accessKeySecret]]), afterChange: persist }));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const tableOf = (table: string, instance?: string): Table => service.instance(instance ?? instanceName).table(table);
  const streamOf = (table: string, instance?: string) => {
    const stream = tableOf(table, instance).stream;
    if (!stream) throw new Error(`table ${table} has no enabled stream`);
    return stream;
  };

  return {
    endpoint: `http://${host}:${address.port}`,
    instance: instanceName,
    accessKeyId,
    accessKeySecret,
    faults,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persistence?.flush();
    },
    splitShard(table, shardId, instance) {
      const [a, b] = streamOf(table, instance).split(shardId);
      persistLater();
      return [a.id, b.id];
    },
    mergeShards(table, shardA, shardB, instance) {
      const child = streamOf(table, instance).merge(shardA, shardB);
      persistLater();
      return child.id;
    },
    trimBefore(table, timestampMicros, instance) {
      streamOf(table, instance).trimBefore(timestampMicros);
      persistLater();
    },
    corruptStreamRecord(table, shardId, position, instance) {
      streamOf(table, instance).corrupt(shardId, position);
      persistLater();
    },
    changeLog(table, instance) {
      return [...tableOf(table, instance).changeLog];
    },
    shards(table, instance) {
      return streamOf(table, instance).shards.map((s) => {
        const info: ShardInfo & { open: boolean } = { shardId: s.id, open: s.open };
        if (s.parentId) info.parentId = s.parentId;
        if (s.parentSiblingId) info.parentSiblingId = s.parentSiblingId;
        return info;
      });
    },
    createInstance(name) {
      service.createInstance(name);
      persistLater();
    },
  };
}
