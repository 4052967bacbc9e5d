import type { JobConfig } from '../config/job.ts';
import { createTablestoreClient, sdkCall, type TablestoreTables } from '../tablestore/client.ts';
import { TablestoreError } from '../tablestore/errors.ts';
import { enableStream } from '../tablestore/stream-admin.ts';
import { bucketNameOf, instanceNameOf, jobConfigFor, type Environment, type EnvironmentJob } from '../../stacks/config.ts';
import type { Emulators } from '../../emulators/index.ts';

// Stands up the local equivalent of an environment file in the emulators, through the real SDK:
// what `cdktf deploy` creates in the cloud (instance, stream-enabled table, status table, bucket).

export interface LocalJob {
  /** The job as the function would run it, pointed at the emulators. */
  job: JobConfig;
  entry: EnvironmentJob;
  tables: TablestoreTables;
}

async function ignoreExisting(operation: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await sdkCall(operation, fn);
  } catch (error) {
    if (!(error instanceof TablestoreError && error.code === 'OTSObjectAlreadyExist')) throw error;
  }
}

export async function createDataTable(tables: TablestoreTables, table: string, spec: NonNullable<EnvironmentJob['source']['createTable']>): Promise<void> {
  await ignoreExisting('CreateTable', () => tables.createTable({
    tableMeta: { tableName: table, primaryKey: spec.primaryKey.map((c) => ({ name: c.name, type: c.type })) },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: spec.timeToLive, maxVersions: spec.maxVersion },
  }));
}

/** The DataWorks-compatible status table: StreamId, StatusType, StatusValue, all STRING. */
export async function createStatusTable(tables: TablestoreTables, table: string): Promise<void> {
  await ignoreExisting('CreateTable', () => tables.createTable({
    tableMeta: {
      tableName: table,
      primaryKey: ['StreamId', 'StatusType', 'StatusValue'].map((name) => ({ name, type: 'STRING' })),
    },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: -1, maxVersions: 1 },
  }));
}

export async function provisionLocal(env: Environment, emulators: Emulators): Promise<LocalJob[]> {
  const out: LocalJob[] = [];
  for (const entry of env.jobs) {
    const instance = instanceNameOf(env, entry);
    const create = entry.source.createTable;
    if (!create) {
      throw new Error(
        `jobs "${entry.name}": adopts an existing table, whose key schema a local run cannot know; ` +
          'run locally with an environment that creates its table (source.createTable)',
      );
    }
    emulators.tablestore.createInstance(instance);
    const tables = createTablestoreClient({
      endpoint: emulators.info.tablestore,
      instance,
      credentials: emulators.info,
    });
    await createDataTable(tables, entry.source.table, create);
    await enableStream(tables, entry.source.table, entry.source.streamExpirationHours);
    await createStatusTable(tables, entry.source.statusTable);
    emulators.oss.createBucket(bucketNameOf(env, entry));
    const cloud = jobConfigFor(env, entry);
    const job: JobConfig = {
      ...cloud,
      source: { ...cloud.source, endpoint: emulators.info.tablestore },
      sink: { ...cloud.sink, endpoint: emulators.info.oss },
    };
    out.push({ job, entry, tables });
  }
  return out;
}

