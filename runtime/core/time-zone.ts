// The zone dates are written in: object prefixes ({date}, {hour}, {minute}) and sink.dateFormat.
// Fixed offsets only (no daylight saving): DataWorks jobs usually render in China Standard Time, +08:00.

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Minutes east of UTC for "UTC", "Z" or "±HH:MM" (up to ±18:00), or undefined when it is neither. */
export function utcOffsetMinutes(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const m = OFFSET.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) > 59 || minutes > 18 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/** The offset's minutes, for a zone already validated by the job schema. */
export function offsetOf(zone: string): number {
  const minutes = utcOffsetMinutes(zone);
  if (minutes === undefined) throw new RangeError(`sink.timeZone: ${JSON.stringify(zone)} is not "UTC" or an offset such as "+08:00"`);
  return minutes;
}

/** Minutes east of UTC as "±HH:MM" (480 → "+08:00"), the form sink.timeZone takes. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
