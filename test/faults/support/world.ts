import { mkdtempSync, rmSync } from 'node:fs';
import TableStore from 'tablestore';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobConfig } from '../../../runtime/config/job.ts';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import type { ColumnDef } from '../../../runtime/core/row.ts';
import { windowOf } from '../../../runtime/core/window.ts';
import { connectJob } from '../../../runtime/export/connect.ts';
import { runExport, type RunSummary } from '../../../runtime/export/exporter.ts';
import { createRetrier } from '../../../runtime/export/retrier.ts';
import { startLocalPipeline, type LocalPipeline } from '../../../runtime/local/pipeline.ts';
import type { LocalJob } from '../../../runtime/local/provision.ts';
import { writeWorkload, type WorkloadStep } from '../../../runtime/local/workload.ts';
import { conditions } from '../../../runtime/tablestore/client.ts';
import { TablestoreStatusStore } from '../../../runtime/tablestore/status-store.ts';
import { createLogger, silentLogger, type Logger } from '../../../runtime/util/logger.ts';
import { DEFAULT_KEY, E2E_BUCKET, e2eEnvironment, type E2EJobSpec } from '../../support/e2e.ts';
import { BucketReader } from '../../support/oss.ts';

// One export job provisioned in the emulators (through the real SDK), a simulated clock for the
// writes, and two ways to run the exporter: in this process (fast; backoff pauses skipped) or as
// `ots2oss run` in a child process (support/cli.ts).

export const MINUTE = 60_000;
export const KEY_COLUMNS: ColumnDef[] = DEFAULT_KEY.map((c) => ({ name: c.name, type: c.type === 'INTEGER' ? 'int64' : 'string' }));

export interface RunOptions {
  job?: JobConfig;
  owner?: string;
  /** Other endpoints, e.g. a gate in front of the emulators. */
  endpoints?: { tablestore: string; oss: string };
  credentials?: { accessKeyId: string; accessKeySecret: string };
  logger?: Logger;
}

export interface World {
  pipeline: LocalPipeline;
  local: LocalJob;
  job: JobConfig;
  table: string;
  instance: string;
  bucket: string;
  oss: BucketReader;
  store: TablestoreStatusStore;
  /** A scratch directory removed by close(). */
  dir: string;
  now(): number;
  changeLog(): ChangeRecord[];
  /** The job with parts replaced. */
  jobWith(over: { reader?: Partial<JobConfig['reader']>; sink?: Partial<JobConfig['sink']>; window?: Partial<JobConfig['window']>; speed?: Partial<JobConfig['speed']> }): JobConfig;
  /** Writes `rows` changes (puts, updates, deletes, tricky values) spread evenly over [from, to). */
  write(options: { from: number; to: number; rows: number; seed?: number }): Promise<WorkloadStep[]>;
  /** Puts rows with one large text cell each, all in one shard, at times spread over [from, to). */
  writeLarge(options: { from: number; to: number; rows: number; cellBytes: number; firstKey?: number }): Promise<void>;
  /** One in-process run of the exporter at the clock's time; backoff pauses are recorded, not slept. */
  run(options?: RunOptions): Promise<RunSummary & { pauses: number[] }>;
  /** What FC's next timer finds once a killed invocation's lease ran out: it takes the lease and lets go. */
  expireLease(): Promise<void>;
  close(): Promise<void>;
}

/** A world for the length of `fn`, closed after it whatever happens. */
export async function withWorld<T>(spec: Partial<E2EJobSpec> & { startMs: number }, fn: (world: World) => Promise<T>): Promise<T> {
  const world = await startWorld(spec);
  try {
    return await fn(world);
  } finally {
    await world.close();
  }
}

export async function startWorld(spec: Partial<E2EJobSpec> & { startMs: number }): Promise<World> {
  const { startMs, ...rest } = spec;
  const name = rest.name ?? 'faults';
  const pipeline = await startLocalPipeline(e2eEnvironment([{ name, ...rest }]), { startMs });
  const local = pipeline.jobs[0]!;
  const job = local.job;
  const { info } = pipeline.emulators;
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-faults-'));
  const store = new TablestoreStatusStore(local.tables, job.source.statusTable);
  const clock = pipeline.clock;
  const at = (t: number) => clock.set(Math.max(clock.now(), t));

  return {
    pipeline, local, job, dir, store,
    table: job.source.table,
    instance: job.source.instance,
    bucket: E2E_BUCKET,
    oss: new BucketReader(info.oss, E2E_BUCKET, info),
    now: clock.now,
    changeLog: () => pipeline.emulators.tablestore.changeLog(job.source.table, job.source.instance),
    jobWith: (over) => ({
      ...job,
      reader: { ...job.reader, ...over.reader },
      sink: { ...job.sink, ...over.sink },
      window: { ...job.window, ...over.window },
      speed: { ...job.speed, ...over.speed },
    }),
    write: ({ from, to, rows, seed }) =>
      writeWorkload(local.tables, {
        table: job.source.table, primaryKey: KEY_COLUMNS, rows, seed,
        onStep: (i) => at(from + Math.floor(((to - from) * i) / rows)),
      }),
    async writeLarge({ from, to, rows, cellBytes, firstKey = 1_000_000 }) {
      // BatchWriteRow, 100 rows a call; one partition key, so every row lands in one shard.
      const sdk = local.tables as unknown as { batchWriteRow(p: unknown): Promise<{ tables?: Array<{ isOk?: boolean; error?: unknown }> }> };
      for (let i = 0; i < rows; i += 100) {
        at(from + Math.floor(((to - from) * i) / rows));
        const batch = Array.from({ length: Math.min(100, rows - i) }, (_, k) => ({
          type: 'PUT', condition: conditions.ignore(),
          primaryKey: [{ id: 'big' }, { n: TableStore.Long.fromNumber(firstKey + i + k) }],
          attributeColumns: [{ payload: `${i + k}:`.padEnd(cellBytes, 'abcdefghij') }, { i: TableStore.Long.fromNumber(i + k) }],
        }));
        const result = await sdk.batchWriteRow({ tables: [{ tableName: job.source.table, rows: batch }] });
        const failed = (result.tables ?? []).filter((t) => t.isOk === false);
        if (failed.length) throw new Error(`BatchWriteRow: ${failed.length} rows failed: ${JSON.stringify(failed[0]?.error)}`);
      }
    },
    async run(options = {}) {
      const runJob = options.job ?? job;
      const logger = options.logger ?? (process.env.FAULTS_VERBOSE ? createLogger({ write: (l) => process.stderr.write(l + '\n') }) : silentLogger);
      const pauses: number[] = [];
      const retry = createRetrier({
        maxRetries: runJob.reader.maxRetries, logger,
        sleep: (ms) => {
          pauses.push(ms);
          return new Promise((resolve) => setImmediate(resolve));
        },
      });
      const endpoints = options.endpoints ?? { tablestore: info.tablestore, oss: info.oss };
      const adapters = connectJob(runJob, endpoints, options.credentials ?? info, retry);
      const summary = await runExport({ job: runJob, ...adapters, logger, retry, deadline: clock.now() + 10 * MINUTE, now: clock.now, sleep: clock.sleep, owner: options.owner });
      return { ...summary, pauses };
    },
    async expireLease() {
      const lease = await store.readLease(job.name);
      if (!lease || lease.owner === '') return;
      const taken = await store.acquireLease(job.name, 'next-timer', 1, lease.expiresAt + 1);
      if (!taken.acquired) throw new Error('could not take over an expired lease');
      await store.releaseLease(job.name, taken.lease);
    },
    async close() {
      await pipeline.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A window-aligned start `minutes` before now, so windows after it are due for a real-time child. */
export function minutesAgo(minutes: number): number {
  return windowOf(Date.now() - minutes * MINUTE, 1).start;
}
