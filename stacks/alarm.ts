// A job's alert: the lag a healthy job can reach, how much log each check reads, and the query. Pure, so
// the configuration check, the stack and the runtime's log tests agree.
import { longestGapSeconds } from './schedule.ts';

export interface AlarmInput {
  schedule: string;
  window: { sizeMinutes: number; safetyLagSeconds: number };
  function: { timeoutSeconds: number };
  alarm: { maxLagMinutes?: number };
}

export interface AlarmThresholds {
  /** The alert fires when OSS trails the table by more than this. */
  maxLagSeconds: number;
  /** Each check reads this many minutes of logs: enough to hold a finished run whatever the schedule. */
  spanMinutes: number;
}

/**
 * How far a healthy job trails the table when a run finishes, at the most: a window, its safety lag, the
 * longest gap between two timer firings, and a run as long as the function may take.
 */
function healthyLagSeconds(job: AlarmInput, gapSeconds: number): number {
  return job.window.sizeMinutes * 60 + job.window.safetyLagSeconds + gapSeconds + job.function.timeoutSeconds;
}

/** The thresholds, or why they cannot be set (a message for `alarm.maxLagMinutes`). */
export function alarmThresholds(job: AlarmInput): AlarmThresholds | { problem: string } {
  const gap = longestGapSeconds(job.schedule);
  const stated = job.alarm.maxLagMinutes;
  if (gap === undefined && stated === undefined) {
    return { problem: `schedule "${job.schedule}" fires on chosen days only, so the lag that means trouble cannot be derived: set it (in minutes), or set alerts.enabled to false` };
  }
  const healthy = gap === undefined ? 0 : healthyLagSeconds(job, gap);
  if (stated !== undefined && stated * 60 < healthy) {
    return { problem: `${stated} min is below the ${Math.ceil(healthy / 60)} min a healthy job can trail by (a window, its safety lag, the schedule's longest gap and a run): the alert would fire all the time; set at least ${Math.ceil(healthy / 60)}` };
  }
  const maxLagSeconds = stated !== undefined ? stated * 60 : 60 * Math.ceil((2 * healthy) / 60);
  const between = gap ?? maxLagSeconds;
  return { maxLagSeconds, spanMinutes: Math.max(15, Math.ceil((between + job.function.timeoutSeconds) / 60) + 5) };
}

/** One row over the job's finished runs in the span: the largest lag, the failed runs, all runs. */
export function alarmQuery(job: string): string {
  return 'message.message: "run finished" | select max("message.lagSeconds") as lag, ' +
    `sum(case when "message.stoppedBecause" = 'error' then 1 else 0 end) as failed, count(1) as runs from log where "message.job" = '${job}'`;
}
