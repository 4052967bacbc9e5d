// Accepts a DataWorks batch-sync job (OTSStream Reader -> OSS Writer) as it is and turns it into a
// native job. Three shapes are read: the code editor's `steps` (version 2.0), the older
// `configuration.reader/writer` with `plugin` (version 1.0), and DataX's `job.content[].reader/writer`.
// Every field found is reported as mapped, ignored or unsupported; nothing is dropped silently.
// Credentials go to `connection` only (a CLI run of the script uses them), never into the job.
import { JOB_NAME, jobSchema, type JobConfig } from '../job.ts';
import { ConfigError, issuePath } from '../validation.ts';
import { explicitWindows, type TimeWindow } from '../../core/window.ts';
import { formatUtcOffset, type TimeZone } from '../../core/time-zone.ts';
import type { DataWorksConnection } from './connection.ts';
import { locate } from './locate.ts';
import { zoneOfOptions, type DataWorksOptions, type Resolved } from './options.ts';
import type { ExplicitRangeFields, ExplicitWindowRange } from './range.ts';
import { translateReader } from './reader.ts';
import { Translation, type ReportEntry } from './report.ts';
import { translateSetting } from './setting.ts';
import { translateWriter } from './writer.ts';

export type { DataWorksConnection } from './connection.ts';
export type { DataWorksOptions } from './options.ts';
export type { ExplicitWindowRange } from './range.ts';
export type { FieldStatus, ReportEntry } from './report.ts';

export interface DataWorksTranslation {
  job: JobConfig;
  connection: DataWorksConnection;
  /** The range the DataWorks job named with values (not scheduling parameters): run it as explicit windows. */
  explicitWindow?: ExplicitWindowRange;
  report: ReportEntry[];
  /** Differences to know of beyond the report, such as object prefixes DataWorks dated otherwise. */
  notes: string[];
  /** The fields that held AccessKeys: dropped from the job, in `connection` only; to be rotated. */
  keyFields: string[];
}

const SOURCE = 'DataWorks job';

function jobNameFor(t: Translation, table: string | undefined, opts: DataWorksOptions): string | undefined {
  const option = opts.optionNames?.jobName ?? 'opts.jobName';
  if (opts.jobName !== undefined) {
    t.origin.set('name', option);
    return opts.jobName;
  }
  if (table === undefined) return undefined;
  const derived = table.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 40).replace(/-+$/, '');
  if (!JOB_NAME.test(derived)) {
    t.problem(option, `required: no job name can be derived from table "${table}"; pass one (2-40 lowercase letters, digits or hyphens)`);
    return undefined;
  }
  t.note('(job name)', 'mapped', `name "${derived}", derived from the table name; pass ${opts.optionNames?.jobName ?? 'jobName'} to choose another`);
  t.origin.set('name', '(job name)');
  return derived;
}

/** The largest window size of at most 5 minutes on whose edges the range falls. */
function sizeFor(t: Translation, fields: ExplicitRangeFields, opts: Resolved): number | undefined {
  const windows = (size: number) => {
    try {
      return explicitWindows(fields.range, size, opts.zone);
    } catch {
      return undefined;
    }
  };
  for (const size of [5, 4, 3, 2, 1]) if (windows(size)) return size;
  t.problem(fields.fields.start, 'the range must start and end on a whole minute: ots2oss exports whole windows of at least one minute');
  return undefined;
}

/** Turns a DataWorks OTSStream -> OSS job into a native job; throws ConfigError naming each bad DataWorks field. */
export function fromDataWorks(json: unknown, given: DataWorksOptions = {}): DataWorksTranslation {
  const t = new Translation();
  const opts: Resolved = { ...given, zone: zoneOfOptions(t, given) };
  const connection: DataWorksConnection = {};
  const located = locate(t, json);
  if (!located || t.problems.length) throw new ConfigError(SOURCE, t.problems);

  const r = translateReader(t, located.reader, connection, opts);
  const sink = translateWriter(t, located.writer, connection);
  const zoneOption = given.timeZone !== undefined ? 'timeZone' : 'utcOffsetMinutes';
  if (opts.zone.fixedMinutes !== 0 && (given.timeZone !== undefined || given.utcOffsetMinutes !== undefined)) {
    // The zone DataWorks ran in also rendered its ${bizdate} prefixes.
    sink.timeZone = given.timeZone ?? formatUtcOffset(opts.zone.fixedMinutes!);
    t.origin.set('sink.timeZone', `opts.${zoneOption}`);
    t.note(zoneOption, 'mapped', `sink.timeZone ${sink.timeZone}: {date} and {hour} in the zone DataWorks rendered them in`);
  }
  const { errorLimit, speed } = translateSetting(t, located.setting);
  const name = jobNameFor(t, r.source.table, opts);
  const size = r.range ? sizeFor(t, r.range, opts) : 5;
  if (t.problems.length) throw new ConfigError(SOURCE, t.problems);

  const input = {
    name,
    source: r.source,
    window: { sizeMinutes: size },
    reader: { ...r.reader, ...(errorLimit !== undefined ? { errorLimit } : {}) },
    sink,
    speed,
  };
  const parsed = jobSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(SOURCE, parsed.error.issues.map((issue) => {
      const native = issuePath(issue.path);
      return `${originOf(t, native) ?? native}: ${issue.message}`;
    }));
  }
  const out: DataWorksTranslation = { job: parsed.data, connection, report: t.report, notes: t.notes, keyFields: t.keyFields };
  if (r.range) out.explicitWindow = handedOn(r.range.range, parsed.data.window.sizeMinutes, opts.zone);
  return out;
}

/** A date at an offset other than UTC is handed on as the milliseconds it stands for. */
function handedOn(range: ExplicitWindowRange, sizeMinutes: number, zone: TimeZone): ExplicitWindowRange {
  if (range.date === undefined || zone.fixedMinutes === 0) return range;
  const windows = explicitWindows({ date: range.date }, sizeMinutes, zone);
  return { startTimestampMillis: (windows[0] as TimeWindow).start, endTimestampMillis: (windows.at(-1) as TimeWindow).end };
}

/** The DataWorks field a native path came from; an index below it is kept (reader.column[2] -> ...column[2]). */
function originOf(t: Translation, nativePath: string): string | undefined {
  for (let p = nativePath; p; p = p.replace(/(\.[^.[]*|\[\d+\])$/, '')) {
    const origin = t.origin.get(p);
    if (origin) return origin + (/^(\[\d+\])+$/.test(nativePath.slice(p.length)) ? nativePath.slice(p.length) : '');
    if (!/[.[]/.test(p)) break;
  }
  return undefined;
}
