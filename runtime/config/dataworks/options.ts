// The options of a translation, and the zone DataWorks ran in.
import { fixedZone, timeZoneOf, utcOffsetProblem, type TimeZone } from '../../core/time-zone.ts';
import type { Translation } from './report.ts';

export interface DataWorksOptions {
  /** The native job name; derived from the table name when absent. */
  jobName?: string;
  /** How the caller names these options (such as "--name"), for the report and errors. */
  optionNames?: { jobName?: string; zone?: string };
  /**
   * The time zone, as minutes east of UTC, in which `date` and `startTimeString`/`endTimeString` are read.
   * DataWorks reads them in its resource group's zone (UTC+08:00 = 480 in mainland China regions). Default 0.
   */
  utcOffsetMinutes?: number;
  /** Instead of utcOffsetMinutes: the zone by name, as sink.timeZone takes it ("+08:00", "Europe/Berlin"). */
  timeZone?: string;
}

/** The options with the zone DataWorks ran in resolved (UTC when neither option is given). */
export type Resolved = DataWorksOptions & { zone: TimeZone };

/** The zone DataWorks ran in, from utcOffsetMinutes or timeZone (at most one); UTC when neither is given. */
export function zoneOfOptions(t: Translation, opts: DataWorksOptions): TimeZone {
  if (opts.timeZone !== undefined && opts.utcOffsetMinutes !== undefined) {
    t.problem('opts.timeZone', 'give the zone once: timeZone or utcOffsetMinutes, not both');
  }
  if (opts.timeZone !== undefined) {
    const zone = timeZoneOf(opts.timeZone);
    if (zone) return zone;
    t.problem('opts.timeZone', `${JSON.stringify(opts.timeZone)} is not "UTC", an offset such as "+08:00" or an IANA zone such as "Asia/Shanghai"`);
  }
  const offsetProblem = opts.utcOffsetMinutes === undefined ? undefined : utcOffsetProblem(opts.utcOffsetMinutes);
  if (offsetProblem) {
    t.problem('opts.utcOffsetMinutes', offsetProblem);
    return fixedZone(0);
  }
  return fixedZone(opts.utcOffsetMinutes ?? 0);
}
