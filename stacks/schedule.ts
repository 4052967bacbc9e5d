// Checks an FC 3.0 timer schedule: `@every 5m` / `@every 1h30m`, or a six-field cron
// expression with seconds first (optionally `CRON_TZ=<zone> ` in front), as FC accepts it.

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** `?` (no specific value) is allowed only in the day fields. */
  question?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly CronField[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: DAYS, question: true },
];

const EVERY = /^@every\s+(?:(\d+)h)?(?:(\d+)m)?$/;

function value(token: string, field: CronField): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return named >= 0 ? named + field.min : undefined;
}

function itemProblem(item: string, field: CronField): string | undefined {
  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) return `"${item}" has more than one "/"`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max)) {
    return `step "${step}" must be a whole number from 1 to ${field.max}`;
  }
  if (base === '*') return undefined;
  if (base === '?') return field.question && step === undefined ? undefined : `"?" is allowed only alone in day-of-month or day-of-week`;
  const bounds = base.split('-');
  if (bounds.length > 2) return `"${base}" is not a value or a range a-b`;
  const nums = bounds.map((b) => value(b, field));
  const allowed = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ''}`;
  for (const [i, n] of nums.entries()) {
    if (n === undefined || n < field.min || n > field.max) return `"${bounds[i]}" is outside ${allowed}`;
  }
  const [from = 0, to = from] = nums as number[];
  return to < from ? `range "${base}" runs backwards` : undefined;
}

function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) {
    return `a cron schedule has 6 fields, seconds first ("0 */5 * * * *" runs every 5 minutes); got ${parts.length}`;
  }
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i] as CronField;
    for (const item of part.split(',')) {
      const problem = itemProblem(item, field);
      if (problem) return `${field.name} field "${part}": ${problem}`;
    }
  }
  return undefined;
}

/** A schedule's form: `@every` with its minutes (NaN when malformed), or the cron expression without CRON_TZ. */
function scheduleForm(schedule: string): { everyMinutes: number } | { cron: string } {
  const trimmed = schedule.trim();
  if (trimmed.startsWith('@')) {
    const m = EVERY.exec(trimmed);
    return { everyMinutes: m && (m[1] !== undefined || m[2] !== undefined) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN };
  }
  const tz = /^CRON_TZ=([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*)\s+(.*)$/.exec(trimmed);
  return { cron: tz ? (tz[2] ?? '') : trimmed };
}

/** Why a schedule is not one FC's timer trigger accepts, or undefined when it is. */
export function scheduleProblem(schedule: string): string | undefined {
  const form = scheduleForm(schedule);
  if ('cron' in form) return cronProblem(form.cron);
  if (Number.isNaN(form.everyMinutes)) return 'use "@every <N>m" or "@every <N>h<M>m", e.g. "@every 5m"';
  return form.everyMinutes >= 1 ? undefined : '"@every" needs at least 1m';
}

/** The values one cron field selects; the field has passed cronProblem. */
function fieldValues(part: string, field: CronField): number[] {
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const [base = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const bounds = base === '*' || base === '?' ? [field.min, field.max] : base.split('-').map((b) => value(b, field) as number);
    const from = bounds[0] as number;
    // "5/15" runs from 5 to the field's end; "5" alone is just 5.
    const to = bounds.length > 1 ? (bounds[1] as number) : stepText === undefined ? from : field.max;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

const DAY_SECONDS = 86_400;

/**
 * The longest time between two firings of a valid schedule (see scheduleProblem), in seconds. Undefined
 * for a cron schedule that picks months or days, whose gaps run to days and are better stated than guessed.
 */
export function longestGapSeconds(schedule: string): number | undefined {
  const form = scheduleForm(schedule);
  if (!('cron' in form)) return form.everyMinutes * 60;
  const parts = form.cron.trim().split(/\s+/);
  if (parts.length !== 6 || parts.slice(3).some((p) => p !== '*' && p !== '?')) return undefined;
  const [seconds, minutes, hours] = parts.slice(0, 3).map((p, i) => fieldValues(p, FIELDS[i] as CronField)) as [number[], number[], number[]];
  const times = hours.flatMap((h) => minutes.flatMap((m) => seconds.map((s) => h * 3600 + m * 60 + s)));
  let longest = (times[0] as number) + DAY_SECONDS - (times[times.length - 1] as number);
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, (times[i] as number) - (times[i - 1] as number));
  return longest;
}
