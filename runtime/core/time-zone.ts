// The zone dates are written in: object prefixes ({date}, {hour}, {minute}) and sink.dateFormat.
// "UTC", a fixed offset ("+08:00", what DataWorks jobs in China Standard Time render in), or an IANA
// zone ("Europe/Berlin"), whose offset follows daylight saving time as the runtime's tz data has it.

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export interface TimeZone {
  readonly name: string;
  /** Minutes east of UTC when the zone never changes its offset. */
  readonly fixedMinutes?: number;
  /** Milliseconds east of UTC at an instant. */
  offsetMs(epochMs: number): number;
}

/** Minutes east of UTC for "UTC", "Z" or "±HH:MM" (up to ±18:00), or undefined when it is neither. */
export function utcOffsetMinutes(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const m = OFFSET.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) > 59 || minutes > 18 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/** Why `minutes` cannot be a zone's offset from UTC (whole minutes, UTC-12:00 to UTC+14:00), or undefined. */
export function utcOffsetProblem(minutes: number): string | undefined {
  return Number.isInteger(minutes) && minutes >= -720 && minutes <= 840 ? undefined : 'give whole minutes between -720 and 840, e.g. 480 for UTC+08:00';
}

export function fixedZone(minutes: number, name = formatUtcOffset(minutes)): TimeZone {
  const ms = minutes * 60_000;
  return { name, fixedMinutes: minutes, offsetMs: () => ms };
}

const zones = new Map<string, TimeZone | undefined>();

/**
 * "UTC", "±HH:MM" or an IANA Area/Location name; undefined when the name is none of them. Abbreviations
 * are refused although Intl takes some: "CST" is US Central there, and China Standard Time to many.
 */
export function timeZoneOf(name: string): TimeZone | undefined {
  const minutes = utcOffsetMinutes(name);
  if (minutes !== undefined) return fixedZone(minutes, name);
  if (!name.includes('/')) return undefined;
  if (!zones.has(name)) zones.set(name, ianaZone(name));
  return zones.get(name);
}

/** The zone of a name already validated by the job schema. */
export function zoneOf(name: string): TimeZone {
  const zone = timeZoneOf(name);
  if (!zone) throw new RangeError(`sink.timeZone: ${JSON.stringify(name)} is not "UTC", an offset such as "+08:00" or an IANA zone such as "Asia/Shanghai"`);
  return zone;
}

/** Minutes east of UTC as "±HH:MM" (480 → "+08:00"), the form sink.timeZone takes. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The instant a zone's wall-clock time names (`localMs`: the wall clock read as if it were UTC). A time
 * skipped by a switch to summer time reads as the instant an hour on, as Java's lenient calendar does; one
 * that occurs twice takes the first.
 */
export function utcOfLocal(zone: TimeZone, localMs: number): number {
  const guess = localMs - zone.offsetMs(localMs);
  const settled = localMs - zone.offsetMs(guess);
  const earlier = localMs - zone.offsetMs(settled - 3_600_000);
  return earlier + zone.offsetMs(earlier) === localMs ? Math.min(earlier, settled) : settled;
}

/**
 * The offsets a zone uses in 1990-2060, from its winter and summer: what a window grid must fit. (Zones
 * change their rules now and then; a job validated today is checked again at every start.)
 */
export function offsetsInUse(zone: TimeZone): number[] {
  if (zone.fixedMinutes !== undefined) return [zone.fixedMinutes];
  const seen = new Set<number>();
  for (let year = 1990; year <= 2060; year++) {
    for (const month of [0, 6]) seen.add(zone.offsetMs(Date.UTC(year, month, 15)) / 60_000);
  }
  return [...seen].sort((a, b) => a - b);
}

/** Answers about one year before its table is built. */
const YEAR_TABLE_AFTER = 64;
/** The last second a Date can hold (±8.64e15 ms). */
const MAX_SECOND = 8_640_000_000_000;

function ianaZone(name: string): TimeZone | undefined {
  let parts: Intl.DateTimeFormat;
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const at = (second: number): number => {
    const f: Record<string, string> = {};
    for (const p of parts.formatToParts(second * 1000)) f[p.type] = p.value;
    const year = f.era === 'BC' ? 1 - Number(f.year) : Number(f.year);
    const local = daysFromCivil(year, Number(f.month), Number(f.day)) * 86_400_000 +
      ((Number(f.hour) * 60 + Number(f.minute)) * 60 + Number(f.second)) * 1000;
    return local - second * 1000;
  };
  // Intl answers in about 10 µs, so offsets are kept. A year of 1900-2100 asked about often gets a table
  // of its switches (a probe a day, each switch found by halving: about 400 answers, once). Otherwise an
  // hour whose first and last seconds agree has no switch in it (zones switch at most once an hour) and
  // is kept, and an hour with a switch is asked second by second.
  const years = new Map<number, YearOffsets>();
  const askedInYear = new Map<number, number>();
  const hours = new Map<number, number>();
  const hourOffset = (second: number): number => {
    const hour = Math.floor(second / 3600);
    const kept = hours.get(hour);
    if (kept !== undefined) return kept;
    const first = at(Math.max(hour * 3600, -MAX_SECOND));
    if (first !== at(Math.min(hour * 3600 + 3599, MAX_SECOND))) return at(second);
    if (hours.size >= 4096) hours.clear();
    hours.set(hour, first);
    return first;
  };
  let lastSecond = NaN;
  let lastOffset = 0;
  return {
    name,
    offsetMs(epochMs: number): number {
      const second = Math.floor(epochMs / 1000);
      if (second === lastSecond) return lastOffset;
      const year = new Date(second * 1000).getUTCFullYear();
      let offset: number;
      let table = years.get(year);
      if (!table && year >= 1900 && year <= 2100) {
        // A table pays off for a year asked about often, not for a few probes (the config check's).
        const asked = (askedInYear.get(year) ?? 0) + 1;
        askedInYear.set(year, asked);
        if (asked >= YEAR_TABLE_AFTER) years.set(year, (table = yearOffsets(year, at)));
      }
      if (table) {
        let i = 0;
        while (i + 1 < table.starts.length && table.starts[i + 1]! <= second) i++;
        offset = table.offsets[i]!;
      } else {
        offset = hourOffset(second);
      }
      lastSecond = second;
      lastOffset = offset;
      return offset;
    },
  };
}

interface YearOffsets {
  /** Seconds at which each offset begins, the first at the year's start. */
  starts: number[];
  offsets: number[];
}

function yearOffsets(year: number, at: (second: number) => number): YearOffsets {
  const from = Date.UTC(year, 0, 1) / 1000;
  const to = Date.UTC(year + 1, 0, 1) / 1000;
  const table: YearOffsets = { starts: [from], offsets: [at(from)] };
  let before = from;
  let offset = table.offsets[0]!;
  while (before < to - 1) {
    const probe = Math.min(before + 86_400, to - 1);
    const now = at(probe);
    if (now !== offset) {
      let lo = before;
      let hi = probe;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === offset) lo = mid;
        else hi = mid;
      }
      table.starts.push(hi);
      table.offsets.push(now);
      offset = now;
    }
    before = probe;
  }
  return table;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; unlike Date, not bounded to ±10^8 days. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
