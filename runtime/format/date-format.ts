import { ConfigError } from '../config/validation.ts';
import { fixedZone, formatUtcOffset, type TimeZone } from '../core/time-zone.ts';

// A subset of Java's SimpleDateFormat in the job's zone (sink.timeZone: a fixed offset or an IANA zone,
// whose offset at each instant applies; proleptic Gregorian calendar, as java.time):
//   y year (yy: last two digits), M month, d day, H hour 0-23, m minute, s second, S millisecond,
//   X/XX/XXX the offset as "+08"/"+0800"/"+08:00" ("Z" for UTC), Z as "+0800";
//   a run of a letter pads numbers to its length (yyyy, MM, SSS);
//   'quoted text' is literal, '' is a single quote; other non-letters are literal.
// Unsupported letters (MMM, E, a, h, ...) are rejected, as is an unterminated quote.

const FIELDS = 'yMdHmsSXZ';

interface Token {
  /** 0 for literal text, else the pattern letter's code. */
  letter: number;
  width: number;
  text: string;
}

export interface DateFormatter {
  readonly pattern: string;
  format(epochMillis: number): string;
}

function invalid(pattern: string, reason: string): ConfigError {
  return new ConfigError('sink.dateFormat', [
    `${JSON.stringify(pattern)}: ${reason}. Supported letters: yyyy MM dd HH mm ss SSS X Z; ` +
      `quote literal text, e.g. "yyyy-MM-dd'T'HH:mm:ss.SSSX"`,
  ]);
}

function parse(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      // Quoted text runs to the next lone quote; '' inside it is a quote too.
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw invalid(pattern, `the quote at position ${i} is never closed`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] !== "'") break;
          literal += "'";
          j += 2;
          continue;
        }
        literal += pattern[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      literal += ch;
      i++;
      continue;
    }
    if (!FIELDS.includes(ch)) throw invalid(pattern, `letter '${ch}' at position ${i} is not supported`);
    let width = 1;
    while (pattern[i + width] === ch) width++;
    if (ch === 'M' && width > 2) throw invalid(pattern, 'month names (MMM) are not supported, use MM');
    if (ch === 'X' && width > 3) throw invalid(pattern, 'X takes 1 to 3 letters (+08, +0800, +08:00)');
    if (literal) tokens.push({ letter: 0, width: 0, text: literal });
    literal = '';
    tokens.push({ letter: ch.charCodeAt(0), width, text: '' });
    i += width;
  }
  if (literal) tokens.push({ letter: 0, width: 0, text: literal });
  if (!tokens.some((t) => t.letter !== 0)) throw invalid(pattern, 'it has no date or time field');
  return tokens;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

interface Civil {
  year: number;
  month: number;
  day: number;
  msOfDay: number;
}

/** The UTC calendar date and time of day of an instant (Howard Hinnant's days-to-civil algorithm). */
function civil(epochMillis: number): Civil {
  const days = Math.floor(epochMillis / 86_400_000);
  const msOfDay = epochMillis - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day, msOfDay };
}

const Y = 121, M = 77, D = 100, H = 72, MIN = 109, S = 115, MS = 83, X = 88, Z = 90;

class CompiledDateFormat implements DateFormatter {
  private lastMillis = NaN;
  private lastText = '';
  /** The offset (ms) the zone texts below were made for. */
  private textOffset = NaN;
  /** The offset as X, XX, XXX and Z write it. */
  private zoneText: Record<number, string> = {};

  constructor(
    readonly pattern: string,
    private readonly tokens: readonly Token[],
    private readonly zone: TimeZone,
  ) {}

  private offsetTexts(offsetMs: number): Record<number, string> {
    if (offsetMs === this.textOffset) return this.zoneText;
    // Java writes hours and minutes; an old local mean time's seconds are dropped.
    const minutes = Math.trunc(offsetMs / 60_000);
    const iso = formatUtcOffset(minutes); // +08:00
    const basic = iso.replace(':', ''); // +0800
    this.zoneText = minutes === 0 ? { 1: 'Z', 2: 'Z', 3: 'Z', 4: basic } : { 1: iso.slice(0, 3), 2: basic, 3: iso, 4: basic };
    this.textOffset = offsetMs;
    return this.zoneText;
  }

  format(epochMillis: number): string {
    // Rows in a batch often share a timestamp (one record's cells).
    if (epochMillis === this.lastMillis) return this.lastText;
    const offsetMs = this.zone.offsetMs(epochMillis);
    const { year, month, day, msOfDay } = civil(epochMillis + offsetMs);
    let out = '';
    for (const t of this.tokens) {
      switch (t.letter) {
        case 0:
          out += t.text;
          break;
        case Y:
          out += t.width === 2 ? pad(((year % 100) + 100) % 100, 2) : year < 0 ? '-' + pad(-year, t.width) : pad(year, t.width);
          break;
        case M:
          out += pad(month, t.width);
          break;
        case D:
          out += pad(day, t.width);
          break;
        case H:
          out += pad(Math.floor(msOfDay / 3_600_000), t.width);
          break;
        case MIN:
          out += pad(Math.floor(msOfDay / 60_000) % 60, t.width);
          break;
        case S:
          out += pad(Math.floor(msOfDay / 1000) % 60, t.width);
          break;
        case MS:
          out += pad(msOfDay % 1000, t.width);
          break;
        case X:
          out += this.offsetTexts(offsetMs)[t.width];
          break;
        case Z:
          out += this.offsetTexts(offsetMs)[4];
          break;
      }
    }
    this.lastMillis = epochMillis;
    this.lastText = out;
    return out;
  }
}

/**
 * Compiles a pattern once for a zone (or a fixed offset in minutes east of UTC); throws a ConfigError
 * naming sink.dateFormat when the pattern is not supported.
 */
export function compileDateFormat(pattern: string, zone: TimeZone | number = 0): DateFormatter {
  return new CompiledDateFormat(pattern, parse(pattern), typeof zone === 'number' ? fixedZone(zone) : zone);
}

/**
 * Writes an instant as ISO-8601 UTC with milliseconds (2024-05-01T12:00:00.000Z, 24 bytes) at b[p..];
 * returns the end, or -1 for years outside 0-9999, which Date#toISOString writes in its extended form.
 */
export function putIsoMillis(b: Uint8Array, p: number, epochMillis: number): number {
  const dayNumber = Math.floor(epochMillis / DAY_MS);
  if (dayNumber !== lastDay.number) {
    const { year, month, day } = civil(epochMillis);
    if (year < 0 || year > 9999) return -1;
    const t = lastDay.text;
    digits(t, 0, year, 4);
    t[4] = 45;
    digits(t, 5, month, 2);
    t[7] = 45;
    digits(t, 8, day, 2);
    t[10] = 84;
    lastDay.number = dayNumber;
  }
  // Timestamps of a run fall on few days: the date part is rendered once a day.
  const date = lastDay.text;
  for (let i = 0; i < 11; i++) b[p++] = date[i]!;
  // The time of day fits an int32, whose division costs far less than a double's.
  let rest = epochMillis - dayNumber * DAY_MS;
  const hours = (rest / 3_600_000) | 0;
  rest -= hours * 3_600_000;
  const minutes = (rest / 60_000) | 0;
  rest -= minutes * 60_000;
  const seconds = (rest / 1000) | 0;
  rest -= seconds * 1000;
  const hundreds = (rest / 100) | 0;
  twoDigits(b, p, hours);
  b[p + 2] = 58;
  twoDigits(b, p + 3, minutes);
  b[p + 5] = 58;
  twoDigits(b, p + 6, seconds);
  b[p + 8] = 46;
  b[p + 9] = 48 + hundreds;
  twoDigits(b, p + 10, rest - hundreds * 100);
  b[p + 12] = 90;
  return p + 13;
}

/** n in 0-99 as two digits at b[p]. */
function twoDigits(b: Uint8Array, p: number, n: number): void {
  const tens = (n / 10) | 0;
  b[p] = 48 + tens;
  b[p + 1] = 48 + n - tens * 10;
}

const DAY_MS = 86_400_000;
/** The last day putIsoMillis wrote, as `yyyy-MM-ddT`. */
const lastDay = { number: Number.NaN, text: new Uint8Array(11) };

/** A non-negative integer below 10^width, zero-padded to width digits. */
function digits(b: Uint8Array, p: number, n: number, width: number): number {
  for (let i = p + width - 1; i >= p; i--) {
    const next = (n / 10) | 0;
    b[i] = 48 + n - next * 10;
    n = next;
  }
  return p + width;
}
