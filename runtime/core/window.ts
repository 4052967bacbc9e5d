// Export windows: half-open [start, end) intervals of record commit time (epoch ms), aligned to their
// size in UTC. Window sizes divide a day (the job schema enforces it), so windows never straddle a UTC midnight.
import type { JobConfig } from '../config/job.ts';
import { ConfigError } from '../config/validation.ts';
import { fixedZone, utcOfLocal, zoneOf, type TimeZone } from './time-zone.ts';

/** Epoch milliseconds, start inclusive, end exclusive. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function sizeMs(sizeMinutes: number): number {
  if (!Number.isInteger(sizeMinutes) || sizeMinutes < 1 || sizeMinutes > 1440 || 1440 % sizeMinutes !== 0) {
    throw new RangeError(`window size must be a whole number of minutes that divides a day, got ${sizeMinutes}`);
  }
  return sizeMinutes * MINUTE_MS;
}

/** The window of the given size that holds the instant. */
export function windowOf(tsMs: number, sizeMinutes: number): TimeWindow {
  const size = sizeMs(sizeMinutes);
  const startMs = Math.floor(tsMs / size) * size;
  return { start: startMs, end: startMs + size };
}

export function nextWindow(w: TimeWindow): TimeWindow {
  return { start: w.end, end: w.end + (w.end - w.start) };
}

export function isAligned(tsMs: number, sizeMinutes: number): boolean {
  return Number.isInteger(tsMs) && tsMs % sizeMs(sizeMinutes) === 0;
}

/** True once the window ended at least `safetyLagSeconds` ago: records committed later cannot belong to it. */
export function isSettled(w: TimeWindow, nowMs: number, safetyLagSeconds: number): boolean {
  return w.end <= nowMs - safetyLagSeconds * 1000;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** yyyyMMdd of the UTC day holding the instant. */
export function utcDate(tsMs: number): string {
  const d = new Date(tsMs);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

/**
 * A window's id is its UTC start as `yyyyMMddTHHmmZ`, e.g. `20261126T1050Z`: fixed width, so ids sort
 * as their windows do. The size is not part of the id; a job has one size.
 */
export function windowId(w: TimeWindow): string {
  const d = new Date(w.start);
  if (d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) throw new RangeError(`window start ${w.start} is outside years 1000-9999`);
  return `${utcDate(w.start)}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}Z`;
}

const WINDOW_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/;

export function parseWindowId(id: string, sizeMinutes: number): TimeWindow {
  const m = WINDOW_ID.exec(id);
  if (!m) throw new RangeError(`window id "${id}" is not of the form yyyyMMddTHHmmZ, e.g. 20261126T1050Z`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const startMs = Date.UTC(y, mo - 1, d, h, mi);
  if (windowId({ start: startMs, end: startMs }) !== id) throw new RangeError(`window id "${id}" is not a real UTC date and time`);
  if (!isAligned(startMs, sizeMinutes)) throw new RangeError(`window id "${id}" does not start a ${sizeMinutes}-minute window`);
  return { start: startMs, end: startMs + sizeMs(sizeMinutes) };
}

export type StartFrom = 'earliest' | 'latest' | (string & {});

export interface StartInput {
  startFrom?: StartFrom;
  /** The oldest commit time the stream surely still holds: now minus its expiration, plus a margin. */
  oldestAvailableMs?: number;
  /** `earliest` only: the commit time of the stream's oldest record, when known (a young stream starts there). */
  oldestRecordMs?: number;
  nowMs: number;
  sizeMinutes: number;
}

/**
 * The start of the oldest window the stream still holds whole: the first window edge at or after
 * oldestAvailableMs. The window holding oldestAvailableMs has lost its start unless it begins there;
 * beyond the stream's 10-minute margin (windows over 10 minutes), those records are gone.
 */
export function oldestWholeWindowStart(oldestAvailableMs: number, sizeMinutes: number): number {
  const held = windowOf(oldestAvailableMs, sizeMinutes);
  return held.start === oldestAvailableMs ? held.start : held.end;
}

/**
 * Where a job without history starts. `earliest`: the oldest window the stream can still serve whole
 * (oldestWholeWindowStart), or the window of the oldest record if that is later. `latest`: the window holding now. Otherwise the window holding the given ISO time.
 * The exporter must persist this start on the first run: `latest` moves with the clock.
 */
export function firstWindowStart(input: StartInput): number {
  const { startFrom = 'earliest', sizeMinutes } = input;
  if (startFrom === 'earliest') {
    if (input.oldestAvailableMs === undefined) throw new RangeError('startFrom "earliest" needs oldestAvailableMs, the oldest commit time the stream holds');
    const whole = oldestWholeWindowStart(input.oldestAvailableMs, sizeMinutes);
    return input.oldestRecordMs === undefined ? whole : Math.max(whole, windowOf(input.oldestRecordMs, sizeMinutes).start);
  }
  if (startFrom === 'latest') return windowOf(input.nowMs, sizeMinutes).start;
  const ms = Date.parse(startFrom);
  if (Number.isNaN(ms)) throw new RangeError(`startFrom "${startFrom}" is neither "earliest", "latest" nor an ISO date-time`);
  return windowOf(ms, sizeMinutes).start;
}

export interface DueInput extends StartInput {
  /** End of the last window exported completely; absent for a job that has exported nothing yet. */
  lastCompleteEnd?: number;
  /** The job's recorded start (see firstWindowStart); used, instead of startFrom, until a window completes. */
  firstWindowStart?: number;
  safetyLagSeconds: number;
  max?: number;
}

/** Raised when the next window to export starts before the oldest data the stream still holds. */
export class WindowGapError extends Error {
  /** `exported`: the job has completed a window before, so the records in the gap were its to export. */
  constructor(readonly nextStartMs: number, readonly oldestAvailableMs: number, readonly exported = true) {
    const next = new Date(nextStartMs).toISOString();
    const held = new Date(oldestAvailableMs).toISOString();
    super(exported
      ? `the next window starts at ${next} but the stream only holds records from ${held}: the records in between ` +
        'expired before they were exported. Nothing was skipped; to go on, start the job again from a later time ' +
        '(window.startFrom) and accept the gap.'
      : `the job's first window starts at ${next} but the stream only holds records from ${held} (older ones expire): ` +
        'window.startFrom is older than the stream keeps, or the job failed for longer than that before its first ' +
        `window completed. Nothing was skipped; set window.startFrom to "earliest" or a time after ${held} and run ` +
        '`ots2oss reset --config <job file> --yes`.');
    this.name = 'WindowGapError';
  }
}

/**
 * The windows that can be exported now, oldest first: consecutive from the last complete one (or the
 * job's start), each due only once `end <= now - safetyLag`. Throws WindowGapError if the stream no
 * longer holds the start of the next window (only checked when oldestAvailableMs is given).
 */
export function dueWindows(input: DueInput): TimeWindow[] {
  const size = sizeMs(input.sizeMinutes);
  const recorded = input.lastCompleteEnd ?? input.firstWindowStart;
  let startMs: number;
  if (recorded !== undefined) {
    if (!isAligned(recorded, input.sizeMinutes)) {
      const field = input.lastCompleteEnd !== undefined ? 'lastCompleteEnd' : 'firstWindowStart';
      throw new RangeError(`${field} ${recorded} is not aligned to ${input.sizeMinutes}-minute windows; was the window size changed?`);
    }
    startMs = recorded;
    // The next window must be one the stream holds whole, the first one as much as any later one.
    const oldest = input.oldestAvailableMs;
    if (oldest !== undefined && startMs < oldestWholeWindowStart(oldest, input.sizeMinutes)) {
      throw new WindowGapError(startMs, oldest, input.lastCompleteEnd !== undefined);
    }
  } else {
    startMs = firstWindowStart(input);
  }
  const max = input.max ?? Number.POSITIVE_INFINITY;
  const out: TimeWindow[] = [];
  for (let w: TimeWindow = { start: startMs, end: startMs + size }; out.length < max && isSettled(w, input.nowMs, input.safetyLagSeconds); w = nextWindow(w)) {
    out.push(w);
  }
  return out;
}

export interface ExplicitRange {
  startTimestampMillis?: number;
  endTimestampMillis?: number;
  /** A whole day, yyyyMMdd. */
  date?: string;
}

/**
 * The windows of an explicitly requested range, as DataWorks accepts it: start and end milliseconds, or a
 * `date` (yyyyMMdd; the day in `zone`, UTC by default: a day with a switch to or from summer time has 23
 * or 25 hours). The range must fall on window edges.
 */
export function explicitWindows(range: ExplicitRange, sizeMinutes: number, zone: TimeZone = fixedZone(0)): TimeWindow[] {
  const size = sizeMs(sizeMinutes);
  const { start, end } = explicitBounds(range, zone);
  const problems: string[] = [];
  for (const [field, value] of [['startTimestampMillis', start], ['endTimestampMillis', end]] as const) {
    if (value % size !== 0) {
      const below = Math.floor(value / size) * size;
      problems.push(
        `${range.date !== undefined ? `date (${field === 'startTimestampMillis' ? 'start' : 'end'} ${new Date(value).toISOString()})` : field}: ` +
          `${value} is not on a ${sizeMinutes}-minute window edge; use ${below} or ${below + size}, or a window size that divides the range`,
      );
    }
  }
  if (problems.length) throw new ConfigError('explicit window', problems);
  const out: TimeWindow[] = [];
  for (let s = start; s < end; s += size) out.push({ start: s, end: s + size });
  return out;
}

/** What each field of an explicit range is called where it was given, e.g. a command's flags. */
export type RangeFieldNames = Readonly<Record<keyof ExplicitRange, string>>;

const RANGE_FIELDS: RangeFieldNames = { date: 'date', startTimestampMillis: 'startTimestampMillis', endTimestampMillis: 'endTimestampMillis' };

/**
 * The rule for which fields an explicit range gives: a date alone, or start and end together. Half a
 * range is refused, never read as "no range" (which runs the due windows). A range naming nothing passes.
 */
export function explicitRangeProblems(range: ExplicitRange, names: RangeFieldNames = RANGE_FIELDS): string[] {
  const start = range.startTimestampMillis !== undefined;
  const end = range.endTimestampMillis !== undefined;
  if (range.date !== undefined) return start || end ? [`${names.date}: give ${names.date} or ${names.startTimestampMillis}/${names.endTimestampMillis}, not both`] : [];
  if (start === end) return [];
  const [missing, given] = start ? [names.endTimestampMillis, names.startTimestampMillis] : [names.startTimestampMillis, names.endTimestampMillis];
  return [`${missing}: required with ${given} (or give ${names.date} yyyyMMdd for a whole day)`];
}

function explicitBounds(range: ExplicitRange, zone: TimeZone): { start: number; end: number } {
  const given = explicitRangeProblems(range);
  if (given.length) throw new ConfigError('explicit window', given);
  if (range.date !== undefined) {
    const day = parseDay(range.date);
    return { start: utcOfLocal(zone, day), end: utcOfLocal(zone, day + DAY_MS) };
  }
  const { startTimestampMillis: start, endTimestampMillis: end } = range;
  if (start === undefined || end === undefined) throw new ConfigError('explicit window', ['(root): give startTimestampMillis and endTimestampMillis, or date (yyyyMMdd)']);
  const problems: string[] = [];
  for (const [field, value] of [['startTimestampMillis', start], ['endTimestampMillis', end]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) problems.push(`${field}: must be a non-negative whole number of milliseconds, got ${value}`);
  }
  if (problems.length) throw new ConfigError('explicit window', problems);
  if (start >= end) {
    throw new ConfigError('explicit window', [`endTimestampMillis: must be later than startTimestampMillis (${start} >= ${end})`]);
  }
  return { start, end };
}

/** Midnight UTC of a yyyyMMdd day; rejects impossible dates such as 20230230. */
export function parseDay(date: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || utcDate(ms) !== date) throw new ConfigError('explicit window', [`date: "${date}" is not a calendar day in the form yyyyMMdd, e.g. 20261126`]);
  return ms;
}

export interface PrefixContext {
  instance: string;
  table: string;
  job: string;
  window: TimeWindow;
  /** The zone of {date}, {hour} and {minute} (sink.timeZone), at the window's start. */
  zone: TimeZone;
}

/**
 * Renders an object prefix template. Placeholders, from the window's start in the job's time zone:
 * `{date}` yyyyMMdd (the form DataWorks partitions use, e.g. `dt={date}`), `{hour}` HH, `{minute}` mm;
 * `{window}` the window id (always UTC); and `{instance}`, `{table}`, `{job}`.
 */
export function renderObjectPrefix(template: string, ctx: PrefixContext): string {
  const local = ctx.window.start + ctx.zone.offsetMs(ctx.window.start);
  const start = new Date(local);
  const values: Record<string, string> = {
    instance: ctx.instance,
    table: ctx.table,
    job: ctx.job,
    date: utcDate(local),
    hour: pad2(start.getUTCHours()),
    minute: pad2(start.getUTCMinutes()),
    window: windowId(ctx.window),
  };
  return template.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new RangeError(`unknown placeholder {${name}} in object template "${template}"; known: ${Object.keys(values).map((k) => `{${k}}`).join(', ')}`);
    return value;
  });
}

/** The object prefix of one of a job's windows. */
export function windowPrefix(job: Pick<JobConfig, 'name' | 'source' | 'sink'>, window: TimeWindow): string {
  const { instance, table } = job.source;
  return renderObjectPrefix(job.sink.object, { instance, table, job: job.name, window, zone: zoneOf(job.sink.timeZone) });
}
