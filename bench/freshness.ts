import { join } from 'node:path';
import { formatSequenceInfo } from '../runtime/core/sequence.ts';
import { windowOf } from '../runtime/core/window.ts';
import { startLocalPipeline } from '../runtime/local/pipeline.ts';
import { writeWorkload } from '../runtime/local/workload.ts';
import { loadEnvironment } from '../stacks/config.ts';
import { fmt, percentile, root } from './common.ts';

// Freshness: how long after its commit a change is readable in OSS, with the function's timer at one
// minute and a steady write load through the emulators. Simulated time: writes and timer ticks follow
// a clock that a tick advances by the real time the export took, so the export's own duration counts.
// A change is readable from the end of the tick that uploaded it (its object is in OSS, parsed back).
// The timer's phase against the minute is arbitrary in FC, so the run is repeated at several phases,
// with the environment's window.lingerSeconds and again without (0), to show what waiting buys.

export interface FreshnessResult {
  phaseSeconds: number;
  lingerSeconds: number;
  records: number;
  p50: number;
  p99: number;
  max: number;
  ticks: number;
  tickMsP50: number;
}

/** Sequence info ending each csv line (the environment exports it): `<epoch>_<µs>_<row>_<shard>:<column>`. */
const LINE_SEQUENCE = /(\d{10}_\d{20}_\d{10}_[A-Za-z0-9-]+):\d{10}\n/g;

export async function freshnessBench(options: { minutes: number; perSecond: number; phases: number[]; log: (line: string) => void }): Promise<FreshnessResult[]> {
  const env = loadEnvironment(join(root, 'environments/dev.json'));
  const entry = env.jobs[0]!;
  const results: FreshnessResult[] = [];
  options.log(`  environment dev: ${entry.window.sizeMinutes}-minute windows, safety lag ${entry.window.safetyLagSeconds} s, timer ${entry.schedule}, ` +
    `${options.perSecond} changes/s for ${options.minutes} simulated minutes per phase`);
  const lingers = [...new Set([entry.window.lingerSeconds, 0])];
  for (const lingerSeconds of lingers) for (const phase of options.phases) {
    const t0 = windowOf(Date.UTC(2026, 0, 1, 12, 0, 0), 1).start;
    const variant = { ...env, jobs: [{ ...entry, window: { ...entry.window, lingerSeconds } }, ...env.jobs.slice(1)] };
    const pipeline = await startLocalPipeline(variant, { startMs: t0 });
    try {
      const local = pipeline.jobs[0]!;
      const { clock } = pipeline;
      const oss = pipeline.emulators.oss;
      const seen = new Set<string>();
      const readableAt = new Map<string, number>();
      const tickMs: number[] = [];
      // The writer runs beside the ticks, held to the clock: it writes every change due before the time it
      // is allowed, then parks. A tick that waits (window.lingerSeconds) lets it write what falls due meanwhile.
      let allowedUntil = Number.NEGATIVE_INFINITY;
      let resumeWriter: (() => void) | undefined;
      let writerParked: (() => void) | undefined;
      let writerDone = false;
      const allowWrites = async (until: number) => {
        if (!writerDone) {
          allowedUntil = until;
          const parked = new Promise<void>((resolve) => (writerParked = resolve));
          resumeWriter?.();
          await parked;
        }
        clock.set(Math.max(clock.now(), until));
      };
      const tick = async () => {
        const started = performance.now();
        const summary = await pipeline.tick(local, { sleep: (ms) => allowWrites(clock.now() + ms) });
        if (!summary.ok) throw new Error(`tick failed: ${summary.error?.message}`);
        const took = performance.now() - started;
        tickMs.push(took);
        clock.advance(Math.ceil(took));
        for (const o of oss.objects(local.job.sink.bucket)) {
          if (seen.has(o.key) || o.key.includes('/_ots2oss/')) continue;
          seen.add(o.key);
          for (const m of o.body().toString('utf8').matchAll(LINE_SEQUENCE)) if (!readableAt.has(m[1]!)) readableAt.set(m[1]!, clock.now());
        }
      };
      const rows = options.minutes * 60 * options.perSecond;
      const primaryKey = local.entry.source.createTable!.primaryKey.map((c) => ({ name: c.name, type: c.type === 'INTEGER' ? 'int64' as const : 'string' as const }));
      const writing = writeWorkload(local.tables, {
        table: local.job.source.table, primaryKey, rows, seed: 100 + phase,
        onStep: async (i) => {
          const at = t0 + Math.floor((i * 1000) / options.perSecond);
          // A tick at T comes before the writes at T (and a poll after a sleep, before those at its end).
          while (at >= allowedUntil) {
            writerParked?.();
            await new Promise<void>((resolve) => (resumeWriter = resolve));
          }
          clock.set(Math.max(clock.now(), at));
        },
      }).finally(() => {
        writerDone = true;
        writerParked?.();
      });
      const lastChange = t0 + options.minutes * 60_000;
      for (let nextTick = t0 + phase * 1000; nextTick <= lastChange + 3 * 60_000; nextTick += 60_000) {
        await allowWrites(nextTick);
        await tick();
      }
      await writing;
      // Steady state only: the last two minutes' changes would wait for a safety lag no steady load needs.
      const steadyUntil = t0 + (options.minutes - 2) * 60_000;
      const delays: number[] = [];
      for (const r of pipeline.emulators.tablestore.changeLog(local.job.source.table, local.job.source.instance)) {
        const committed = r.sequence.timestampMicros / 1000;
        if (committed >= steadyUntil) continue;
        const key = formatSequenceInfo(r.sequence, r.shardId);
        const at = readableAt.get(key);
        if (at === undefined) throw new Error(`change ${key} never became readable`);
        delays.push((at - committed) / 1000);
      }
      const result: FreshnessResult = {
        phaseSeconds: phase, lingerSeconds, records: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays),
        ticks: tickMs.length, tickMsP50: percentile(tickMs, 50),
      };
      results.push(result);
      options.log(`  ${lingerSeconds ? `linger ${lingerSeconds} s` : 'no linger  '}, timer at :${String(phase).padStart(2, '0')} past the minute: ${fmt(result.records)} changes, p50 ${fmt(result.p50, 1)} s, ` +
        `p99 ${fmt(result.p99, 1)} s, max ${fmt(result.max, 1)} s (${result.ticks} ticks, median tick ${fmt(result.tickMsP50)} ms)`);
    } finally {
      await pipeline.close();
    }
  }
  return results;
}
