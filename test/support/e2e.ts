import TableStore from 'tablestore';
import { connectJob } from '../../runtime/export/connect.ts';
import { createRetrier } from '../../runtime/export/retrier.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { TablestoreStatusStore } from '../../runtime/tablestore/status-store.ts';
import type { JobState } from '../../runtime/export/status-store.ts';
import { startLocalPipeline, type LocalPipeline } from '../../runtime/local/pipeline.ts';
import type { LocalJob } from '../../runtime/local/provision.ts';
import { silentLogger } from '../../runtime/util/logger.ts';
import { parseEnvironment } from '../../stacks/config.ts';
import { BucketReader } from './oss.ts';

// End-to-end harness: an environment of export jobs provisioned in the emulators on a simulated
// clock, driven only through the real SDK clients (tablestore for rows, ali-oss for objects).

export const E2E_BUCKET = 'ots2oss-e2e';
export const E2E_INSTANCE = 'e2e';
/** A fixed, window-aligned start: window ids and object keys are then known in advance. */
export const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
export const MINUTE = 60_000;

export type KeyType = 'STRING' | 'INTEGER' | 'BINARY';

export interface E2EJobSpec {
  /** Job name; the table is the name with "-" as "_". */
  name: string;
  primaryKey?: Array<{ name: string; type: KeyType }>;
  window?: Record<string, unknown>;
  reader?: Record<string, unknown>;
  sink?: Record<string, unknown>;
  speed?: Record<string, unknown>;
}

export const DEFAULT_KEY: Array<{ name: string; type: KeyType }> = [
  { name: 'id', type: 'STRING' },
  { name: 'n', type: 'INTEGER' },
];

export const tableOf = (job: string): string => job.replaceAll('-', '_');
/** Every job writes under exports/<job>/dt=<yyyyMMdd>/hour=<HH>. */
export const OBJECT_TEMPLATE = 'exports/{job}/dt={date}/hour={hour}';

export function e2eEnvironment(specs: E2EJobSpec[]): ReturnType<typeof parseEnvironment> {
  return parseEnvironment({
    region: 'cn-hangzhou',
    ephemeral: true,
    jobs: specs.map((spec, i) => ({
      name: spec.name,
      source: {
        instance: E2E_INSTANCE,
        ...(i === 0 ? { createInstance: {} } : {}),
        table: tableOf(spec.name),
        createTable: { primaryKey: spec.primaryKey ?? DEFAULT_KEY, timeToLive: -1, maxVersion: 5 },
        statusTable: 'ots2oss_status',
      },
      window: { sizeMinutes: 1, safetyLagSeconds: 10, startFrom: 'earliest', ...spec.window },
      reader: { mode: 'multi_version', isExportSequenceInfo: true, ...spec.reader },
      sink: {
        bucket: E2E_BUCKET,
        ...(i === 0 ? { createBucket: {} } : {}),
        object: OBJECT_TEMPLATE,
        writeMode: 'truncate',
        fileFormat: 'csv',
        header: true,
        ...spec.sink,
      },
      ...(spec.speed ? { speed: spec.speed } : {}),
      schedule: '@every 1m',
    })),
  }, 'e2e');
}

export interface E2E {
  pipeline: LocalPipeline;
  oss: BucketReader;
  job(name: string): LocalJob;
  /** One timer tick of the job at the clock's time; `windows` runs explicit windows instead (backfill/rerun). */
  tick(name: string, options?: { owner?: string; windows?: Array<{ start: number; end: number }> }): Promise<RunSummary>;
  /** The job's state row in the status table, read through the SDK. */
  jobState(name: string): Promise<JobState | undefined>;
  close(): Promise<void>;
}

export async function startE2E(specs: E2EJobSpec[], startMs = T0): Promise<E2E> {
  const pipeline = await startLocalPipeline(e2eEnvironment(specs), { startMs });
  const { info } = pipeline.emulators;
  const oss = new BucketReader(info.oss, E2E_BUCKET, info);
  const job = (name: string): LocalJob => {
    const found = pipeline.jobs.find((j) => j.job.name === name);
    if (!found) throw new Error(`no job ${name} in the e2e environment`);
    return found;
  };
  return {
    pipeline,
    oss,
    job,
    async tick(name, options = {}) {
      const local = job(name);
      if (!options.windows) return pipeline.tick(local, { owner: options.owner });
      const clock = pipeline.clock;
      const retry = createRetrier({ maxRetries: local.job.reader.maxRetries, logger: silentLogger });
      const adapters = connectJob(local.job, { tablestore: info.tablestore, oss: info.oss }, info, retry);
      return runExport({ job: local.job, ...adapters, retry, deadline: clock.now() + 120_000, now: clock.now, owner: options.owner, windows: options.windows });
    },
    jobState: (name) => new TablestoreStatusStore(job(name).tables, job(name).job.source.statusTable).getJob(name),
    close: () => pipeline.close(),
  };
}

// ---- writing rows through the SDK ----

export type KeyValue = string | bigint | Buffer;
export type AttrValue = string | number | boolean | bigint | Buffer;

function sdkValue(v: KeyValue | AttrValue): unknown {
  return typeof v === 'bigint' ? TableStore.Long.fromString(v.toString()) : v;
}

export type Change =
  | { kind: 'put'; key: KeyValue[]; cells: Array<[string, AttrValue] | [string, AttrValue, number]> }
  | { kind: 'update'; key: KeyValue[]; put?: Array<[string, AttrValue] | [string, AttrValue, number]>; deleteVersion?: Array<[string, number]>; deleteAll?: string[] }
  | { kind: 'delete'; key: KeyValue[] };

/** Applies one change to a table through the SDK; key values follow the table's key columns in order. */
export async function applyChange(local: LocalJob, change: Change): Promise<void> {
  const tableName = local.job.source.table;
  const keyColumns = local.entry.source.createTable!.primaryKey;
  const primaryKey = change.key.map((v, i) => ({ [keyColumns[i]!.name]: sdkValue(v) }));
  const condition = new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null);
  const cell = ([name, value, ts]: [string, AttrValue] | [string, AttrValue, number]) =>
    ts === undefined ? { [name]: sdkValue(value) } : { [name]: sdkValue(value), timestamp: ts };
  if (change.kind === 'put') {
    await local.tables.putRow({ tableName, condition, primaryKey, attributeColumns: change.cells.map(cell) });
  } else if (change.kind === 'update') {
    const ops: Array<Record<string, unknown[]>> = [];
    if (change.put?.length) ops.push({ PUT: change.put.map(cell) });
    if (change.deleteVersion?.length) ops.push({ DELETE: change.deleteVersion.map(([name, ts]) => ({ [name]: TableStore.Long.fromNumber(ts) })) });
    if (change.deleteAll?.length) ops.push({ DELETE_ALL: change.deleteAll });
    await local.tables.updateRow({ tableName, condition, primaryKey, updateOfAttributeColumns: ops });
  } else {
    await local.tables.deleteRow({ tableName, condition, primaryKey });
  }
}

interface BatchWriter {
  batchWriteRow(params: unknown): Promise<{ tables: Array<{ isOk: boolean; errorCode?: string | null; errorMessage?: string | null }> }>;
}

/** Puts many rows in one BatchWriteRow (one commit, consecutive row indexes in the stream). */
export async function putBatch(local: LocalJob, rows: Array<{ key: KeyValue[]; cells: Array<[string, AttrValue]> }>): Promise<void> {
  const keyColumns = local.entry.source.createTable!.primaryKey;
  const condition = new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null);
  const result = await (local.tables as unknown as BatchWriter).batchWriteRow({
    tables: [{
      tableName: local.job.source.table,
      rows: rows.map((r) => ({
        type: 'PUT', condition,
        primaryKey: r.key.map((v, i) => ({ [keyColumns[i]!.name]: sdkValue(v) })),
        attributeColumns: r.cells.map(([name, value]) => ({ [name]: sdkValue(value) })),
      })),
    }],
  });
  const failed = result.tables.find((t) => !t.isOk);
  if (failed) throw new Error(`BatchWriteRow: ${failed.errorCode}: ${failed.errorMessage}`);
}

/** Disables the table's stream through the SDK's UpdateTable. */
export async function disableStream(local: LocalJob): Promise<void> {
  await local.tables.updateTable({ tableName: local.job.source.table, tableOptions: {}, streamSpecification: { enableStream: false } });
}

// ---- names, by the sink's documented layout ----

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** yyyyMMddTHHmmZ of the window's UTC start. */
export function windowIdAt(startMs: number): string {
  const d = new Date(startMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
}

/** The window's key prefix under OBJECT_TEMPLATE. */
export function prefixAt(job: string, startMs: number): string {
  const d = new Date(startMs);
  return `exports/${job}/dt=${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}/hour=${pad(d.getUTCHours())}`;
}

/** The start of the one-minute window holding the instant. */
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
