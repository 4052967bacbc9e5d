import { fixedZone, utcOfLocal, type TimeZone } from '../core/time-zone.ts';
import { isAligned, parseDay, parseWindowId, windowId, windowOf, type TimeWindow } from '../core/window.ts';
import { UsageError } from './command.ts';

// How operators name instants and windows on the command line: a window id (20261126T1050Z), an ISO
// date-time with a zone (2026-11-26T10:50:00Z, 2026-11-26T18:50+08:00), a day (2026-11-26, read in the
// job's sink.timeZone, as its {date} prefixes are), or epoch milliseconds.

const WINDOW_ID = /^\d{8}T\d{4}Z$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const instantHelp = 'a window id (20261126T1050Z), an ISO time with a zone (2026-11-26T10:50:00Z), a day (2026-11-26, in sink.timeZone) or epoch ms';

/** Epoch ms named by `text`; a window id stands for its window's start, a day for its midnight in `zone`. */
export function parseInstant(text: string, option: string, sizeMinutes: number, zone: TimeZone = fixedZone(0)): number {
  const value = text.trim();
  if (WINDOW_ID.test(value)) {
    try {
      return parseWindowId(value, sizeMinutes).start;
    } catch (error) {
      throw new UsageError(`--${option} ${value}: ${(error as Error).message}`);
    }
  }
  if (/^\d+$/.test(value)) {
    const ms = Number(value);
    if (!Number.isSafeInteger(ms)) throw new UsageError(`--${option} ${value}: too large for epoch milliseconds`);
    return ms;
  }
  if (!DAY.test(value) && !ZONED.test(value)) {
    throw new UsageError(`--${option} ${value}: give the time zone (e.g. ${value}Z or ${value}+08:00); expected ${instantHelp}`);
  }
  // Date.parse rolls 2026-02-30 over to March 2nd: the day is checked on its own first.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (day) {
    try {
      parseDay(`${day[1]}${day[2]}${day[3]}`);
    } catch {
      throw new UsageError(`--${option} ${value}: ${day[0]} is not a calendar day; expected ${instantHelp}`);
    }
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--${option} ${value}: not a date; expected ${instantHelp}`);
  return DAY.test(value) ? utcOfLocal(zone, ms) : ms;
}

function edgeHint(ms: number, sizeMinutes: number): string {
  const w = windowOf(ms, sizeMinutes);
  return `${windowId(w)} or ${windowId({ start: w.end, end: w.end })}`;
}

/**
 * The windows of [from, to): both ends must fall on window edges, so the range says exactly which windows
 * it covers (a window id given as --to is the first window *not* included).
 */
export function windowsBetween(fromText: string, toText: string, sizeMinutes: number, zone?: TimeZone): TimeWindow[] {
  const from = parseInstant(fromText, 'from', sizeMinutes, zone);
  const to = parseInstant(toText, 'to', sizeMinutes, zone);
  for (const [option, ms] of [['from', from], ['to', to]] as const) {
    if (!isAligned(ms, sizeMinutes)) {
      throw new UsageError(`--${option} ${new Date(ms).toISOString()} is not on a ${sizeMinutes}-minute window edge; use ${edgeHint(ms, sizeMinutes)}`);
    }
  }
  if (to <= from) throw new UsageError(`--to must be later than --from (${new Date(to).toISOString()} <= ${new Date(from).toISOString()})`);
  const size = sizeMinutes * 60_000;
  const out: TimeWindow[] = [];
  for (let s = from; s < to; s += size) out.push({ start: s, end: s + size });
  return out;
}

/** The one window `text` names: a window id, or the window holding the instant. */
export function windowAt(text: string, option: string, sizeMinutes: number, zone?: TimeZone): TimeWindow {
  return windowOf(parseInstant(text, option, sizeMinutes, zone), sizeMinutes);
}
