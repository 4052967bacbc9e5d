// The explicit range a DataWorks job names with values: a day, milliseconds or yyyyMMddHHmmss strings.
import { z } from 'zod';
import { formatUtcOffset, utcOfLocal, type TimeZone } from '../../core/time-zone.ts';
import type { Resolved } from './options.ts';
import type { Params, Translation } from './report.ts';
import { intLike, isSchedulingParameter, text } from './values.ts';

export interface ExplicitWindowRange {
  startTimestampMillis?: number;
  endTimestampMillis?: number;
  date?: string;
}

export interface ExplicitRangeFields {
  range: ExplicitWindowRange;
  /** The DataWorks fields that named it, for errors. */
  fields: { start: string; end: string };
}

const TIME_KEYS = ['startTimestampMillis', 'endTimestampMillis', 'startTimeString', 'endTimeString', 'date'] as const;
const millisLike = intLike.pipe(z.int().min(0, 'must not be negative'));
const timeString = z.union([text, z.int()]).transform(String).pipe(z.string().regex(/^\d{14}$/, 'must be yyyyMMddHHmmss, e.g. 20171019161000'));
const dayString = z.union([text, z.int()]).transform(String).pipe(z.string().regex(/^\d{8}$/, 'must be yyyyMMdd, e.g. 20171019'));

export function translateRange(t: Translation, p: Params, opts: Resolved): ExplicitRangeFields | undefined {
  const present = TIME_KEYS.filter((k) => p.has(k));
  const scheduled = present.filter((k) => isSchedulingParameter(p.read(k)));
  for (const k of TIME_KEYS) {
    p.read(k);
    if (p.isSet(k) && !present.includes(k)) t.note(p.field(k), 'ignored', 'empty');
  }
  if (scheduled.length) {
    for (const k of scheduled) {
      t.note(p.field(k), 'ignored', 'a scheduling parameter: ots2oss plans its own windows (window.sizeMinutes, window.safetyLagSeconds), so each run exports every window that is due');
    }
    const literal = present.filter((k) => !scheduled.includes(k));
    for (const k of literal) t.problem(p.field(k), `a value beside the scheduling parameter(s) ${scheduled.join(', ')}: give the range as parameters or as values, not both`);
    return undefined;
  }
  if (present.length === 0) return undefined;

  const has = (k: (typeof TIME_KEYS)[number]) => present.includes(k);
  const kinds = [has('date'), has('startTimestampMillis') || has('endTimestampMillis'), has('startTimeString') || has('endTimeString')].filter(Boolean).length;
  if (kinds > 1) {
    t.problem(p.field(present[0] as string), `give one of date, startTimestampMillis/endTimestampMillis or startTimeString/endTimeString; found ${present.join(', ')}`);
    return undefined;
  }
  const zone = `${opts.zone.fixedMinutes !== undefined ? `read at UTC${formatUtcOffset(opts.zone.fixedMinutes)}` : `read in ${opts.zone.name}`} ` +
    `(DataWorks uses its resource group's zone; pass ${opts.optionNames?.zone ?? 'utcOffsetMinutes or timeZone'} to change)`;
  if (has('date')) {
    const day = t.check(dayString, p.read('date'), p.field('date'));
    if (day === undefined) return undefined;
    t.note(p.field('date'), 'mapped', `explicit window: the whole day, ${zone}`);
    return { range: { date: day }, fields: { start: p.field('date'), end: p.field('date') } };
  }
  const [startKey, endKey, schema] = has('startTimestampMillis') || has('endTimestampMillis')
    ? (['startTimestampMillis', 'endTimestampMillis', millisLike] as const)
    : (['startTimeString', 'endTimeString', timeString] as const);
  for (const [k, other] of [[startKey, endKey], [endKey, startKey]] as const) {
    if (!has(k)) t.problem(p.field(k), `required with ${other}`);
  }
  if (!has(startKey) || !has(endKey)) return undefined;
  const start = t.check(schema, p.read(startKey), p.field(startKey));
  const end = t.check(schema, p.read(endKey), p.field(endKey));
  if (start === undefined || end === undefined) return undefined;
  const toMillis = (v: string | number): number => (typeof v === 'number' ? v : parseTimeString(v, opts.zone));
  const range = { startTimestampMillis: toMillis(start), endTimestampMillis: toMillis(end) };
  for (const [k, v] of [[startKey, start], [endKey, end]] as const) {
    if (Number.isNaN(toMillis(v))) t.problem(p.field(k), `${v} is not a real date and time`);
    else t.note(p.field(k), 'mapped', `explicit window ${k.startsWith('start') ? 'start' : 'end'}${typeof v === 'string' ? `, ${zone}` : ''}`);
  }
  if (Number.isNaN(range.startTimestampMillis) || Number.isNaN(range.endTimestampMillis)) return undefined;
  if (range.startTimestampMillis >= range.endTimestampMillis) {
    t.problem(p.field(endKey), 'must be later than the start');
    return undefined;
  }
  return { range, fields: { start: p.field(startKey), end: p.field(endKey) } };
}

function parseTimeString(v: string, zone: TimeZone): number {
  const [y, mo, d, h, mi, s] = [v.slice(0, 4), v.slice(4, 6), v.slice(6, 8), v.slice(8, 10), v.slice(10, 12), v.slice(12, 14)].map(Number) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === (mo as number) - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s;
  return real ? utcOfLocal(zone, ms) : Number.NaN;
}
