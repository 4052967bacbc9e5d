import type { RunSummary } from '../../runtime/export/exporter.ts';
import { writeWorkload, type WorkloadStep } from '../../runtime/local/workload.ts';
import type { ColumnDef } from '../../runtime/core/row.ts';
import { MINUTE, T0, type E2E } from './e2e.ts';

// Drives a job like a deployed one: the seeded workload (puts, updates with deleted cells, deletes,
// tricky values) spread over simulated minutes, a timer tick whenever one is due, and shard splits.

/**
 * The key for workload tables: one INTEGER column. writeWorkload varies only the last key column per
 * row, and the emulator shards by the first, so a single column spreads rows over every shard.
 */
export const WORKLOAD_KEY = [{ name: 'n', type: 'INTEGER' as const }];

/** Writes `rows` workload changes to a job's table (WORKLOAD_KEY), the clock set to `at(i)` before change i. */
export async function writeAt(e2e: E2E, job: string, rows: number, seed: number, at: (i: number) => number): Promise<void> {
  const local = e2e.job(job);
  await writeWorkload(local.tables, {
    table: local.job.source.table,
    primaryKey: [{ name: 'n', type: 'int64' }],
    rows, seed,
    onStep: (i) => e2e.pipeline.clock.set(at(i)),
  });
}

export interface DriveOptions {
  rows: number;
  /** Minutes the writes are spread over. */
  minutes: number;
  seed?: number;
  /** Split the busiest open shard once this share of the rows is written (0..1). */
  splitAt?: number[];
  /** Ticks after the last write, one window apart, so every window is exported. */
  trailingTicks?: number;
}

export interface Driven {
  steps: WorkloadStep[];
  ticks: RunSummary[];
  splits: Array<{ parent: string; children: [string, string] }>;
}

function busiestOpenShard(e2e: E2E, table: string, instance: string): string {
  const counts = new Map<string, number>();
  for (const r of e2e.pipeline.emulators.tablestore.changeLog(table, instance)) counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1);
  const open = e2e.pipeline.emulators.tablestore.shards(table, instance).filter((s) => s.open);
  return open.reduce((best, s) => ((counts.get(s.shardId) ?? 0) > (counts.get(best.shardId) ?? 0) ? s : best)).shardId;
}

export async function driveWorkload(e2e: E2E, jobName: string, options: DriveOptions): Promise<Driven> {
  const local = e2e.job(jobName);
  const { job } = local;
  const clock = e2e.pipeline.clock;
  const lagMs = job.window.safetyLagSeconds * 1000;
  const span = options.minutes * MINUTE;
  let nextTick = T0 + MINUTE + lagMs + 1_000;
  const ticks: RunSummary[] = [];
  const splits: Driven['splits'] = [];
  const splitSteps = new Set((options.splitAt ?? []).map((f) => Math.floor(options.rows * f)));
  const tick = async () => {
    const summary = await e2e.tick(jobName);
    ticks.push(summary);
    if (!summary.ok) throw new Error(`tick at ${new Date(clock.now()).toISOString()} failed: ${summary.error?.message}`);
  };
  const primaryKey: ColumnDef[] = local.entry.source.createTable!.primaryKey.map((c) => ({
    name: c.name, type: c.type === 'INTEGER' ? 'int64' : c.type === 'BINARY' ? 'binary' : 'string',
  }));
  const steps = await writeWorkload(local.tables, {
    table: job.source.table, primaryKey, rows: options.rows, seed: options.seed,
    onStep: async (i) => {
      clock.set(Math.max(clock.now(), T0 + Math.floor((i * span) / options.rows) + 500));
      while (clock.now() >= nextTick) {
        await tick();
        nextTick += MINUTE;
      }
      if (splitSteps.has(i)) {
        const parent = busiestOpenShard(e2e, job.source.table, job.source.instance);
        splits.push({ parent, children: e2e.pipeline.emulators.tablestore.splitShard(job.source.table, parent, job.source.instance) });
      }
    },
  });
  for (let i = 0; i < (options.trailingTicks ?? 2); i++) {
    clock.set(Math.max(clock.now(), nextTick));
    await tick();
    nextTick += MINUTE;
  }
  return { steps, ticks, splits };
}
