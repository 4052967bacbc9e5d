import { RUN_RESERVE_MS, type JobConfig } from './config/job.ts';
import type { TimeZone } from './core/time-zone.ts';
import { explicitWindows, windowId, type ExplicitRange, type TimeWindow } from './core/window.ts';
import type { RunSummary } from './export/exporter.ts';

// An explicit run: windows a person asked for (a day, or start and end), re-exported without moving the
// job's checkpoints. Shared by the function's handler and `ots2oss run`.

/**
 * The windows a request names, or undefined when it names none (a scheduled run). Any field makes the
 * request explicit, so half a range is refused by explicitWindows rather than read as "run what is due".
 */
export function requestedWindows(range: ExplicitRange, sizeMinutes: number, zone: TimeZone): TimeWindow[] | undefined {
  const { date, startTimestampMillis, endTimestampMillis } = range;
  if (date === undefined && startTimestampMillis === undefined && endTimestampMillis === undefined) return undefined;
  return explicitWindows(range, sizeMinutes, zone);
}

/**
 * Marks an explicit run failed when it exported fewer windows than asked for (`asked`, already cut to
 * maxWindows), naming the windows left and why. A scheduled run that stops short goes on at the next
 * tick; a person who asked for windows must hear that some were not exported.
 */
export function failIfShort(summary: RunSummary, asked: TimeWindow[], job: JobConfig, outOfTime: string): RunSummary {
  if (!summary.ok) return summary;
  const exported = new Set(summary.windows.map((w) => w.id));
  const left = asked.filter((w) => !exported.has(windowId(w)));
  if (left.length === 0) return summary;
  const ids = left.length <= 3 ? left.map(windowId).join(', ') : `${windowId(left[0]!)} ... ${windowId(left.at(-1)!)}`;
  const message = `${left.length} of ${asked.length} window(s) asked for were not exported (${ids}): ${whyLeft(summary, left[0]!, job, outOfTime)}`;
  return { ...summary, ok: false, error: { name: 'WindowsLeftError', message } };
}

function whyLeft(summary: RunSummary, next: TimeWindow, job: JobConfig, outOfTime: string): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (summary.stoppedBecause) {
    case 'behind': {
      const lag = job.window.safetyLagSeconds;
      return `the stream has not passed the end of window ${windowId(next)} (${iso(next.end)}) yet: a window can be exported once it ` +
        `has ended and window.safetyLagSeconds (${lag} s) have passed, from ${iso(next.end + lag * 1000)}; ask again then`;
    }
    case 'lease-held':
      return `another run of job ${job.name} holds its lease (a scheduled run or a backfill); ask again when it has finished (ots2oss status shows the lease)`;
    case 'deadline':
      return `the run ran out of time: ${outOfTime}`;
    default:
      return `the run stopped (${summary.stoppedBecause}) before them`;
  }
}

/** How an explicit run's time is described when it runs out: the function's timeout or --timeout, less the reserve. */
export function reserveNote(what: string, seconds: number): string {
  return `${what} ${seconds} s, of which the last ${RUN_RESERVE_MS / 1000} s are kept to stop cleanly`;
}
