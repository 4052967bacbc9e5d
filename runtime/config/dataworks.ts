// Accepts a DataWorks batch-sync job (OTSStream Reader -> OSS Writer) as it is and turns it into a
// native job. Three shapes are read: the code editor's `steps` (version 2.0), the older
// `configuration.reader/writer` with `plugin` (version 1.0), and DataX's `job.content[].reader/writer`.
// Every field found is reported as mapped, ignored or unsupported; nothing is dropped silently.
// Credentials go to `connection` only, never into the job.
import { z } from 'zod';
import { JOB_NAME, jobSchema, type ColumnType, type JobConfig, type JobInput } from './job.ts';
import { ConfigError, issuePath } from './validation.ts';
import { explicitWindows, type TimeWindow } from '../core/window.ts';
import { fixedZone, formatUtcOffset, timeZoneOf, utcOfLocal, utcOffsetProblem, type TimeZone } from '../core/time-zone.ts';

export type FieldStatus = 'mapped' | 'ignored' | 'unsupported';

export interface ReportEntry {
  field: string;
  status: FieldStatus;
  note: string;
}

export interface DataWorksConnection {
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
}

export interface ExplicitWindowRange {
  startTimestampMillis?: number;
  endTimestampMillis?: number;
  date?: string;
}

export interface DataWorksTranslation {
  job: JobConfig;
  connection: DataWorksConnection;
  /** The range the DataWorks job named with values (not scheduling parameters): run it as explicit windows. */
  explicitWindow?: ExplicitWindowRange;
  report: ReportEntry[];
}

export interface DataWorksOptions {
  /** The native job name; derived from the table name when absent. */
  jobName?: string;
  /**
   * The time zone, as minutes east of UTC, in which `date` and `startTimeString`/`endTimeString` are read.
   * DataWorks reads them in its resource group's zone (UTC+08:00 = 480 in mainland China regions). Default 0.
   */
  utcOffsetMinutes?: number;
  /** Instead of utcOffsetMinutes: the zone by name, as sink.timeZone takes it ("+08:00", "Europe/Berlin"). */
  timeZone?: string;
}

/** The options with the zone DataWorks ran in resolved (UTC when neither option is given). */
type Resolved = DataWorksOptions & { zone: TimeZone };

const SOURCE = 'DataWorks job';
const CREDENTIALS_NOTE = 'returned in `connection` only, not kept in the job; do not keep keys in job files: run with the function role (STS) or environment credentials';

// ---- value schemas: DataWorks writes numbers and booleans as strings as often as not

const text = z.string({ error: 'must be a string' });
const nonEmpty = text.trim().min(1, 'must not be empty');
const intLike = z.union([z.int(), z.string().trim().regex(/^-?\d+$/).transform(Number)], { error: 'must be a whole number (or a string of digits)' });
const numberLike = z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)], { error: 'must be a number (or a string of one)' });
const boolLike = z.union(
  [z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(['true', 'false'])).transform((v) => v === 'true')],
  { error: 'must be true or false' },
);
const objectLike = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/** `${startTime}`, `$[yyyymmdd]`, `$bizdate`: filled in by the DataWorks scheduler. */
function isSchedulingParameter(value: unknown): value is string {
  return typeof value === 'string' && /\$(\{[^}]*\}|\[[^\]]*\]|[A-Za-z_]\w*)/.test(value);
}

// ---- collecting problems and the report

class Translation {
  readonly problems: string[] = [];
  readonly report: ReportEntry[] = [];
  /** Native job path -> the DataWorks field it came from, to name that field when jobSchema objects. */
  readonly origin = new Map<string, string>();

  note(field: string, status: FieldStatus, note: string): void {
    this.report.push({ field, status, note });
  }

  problem(field: string, message: string): void {
    this.problems.push(`${field}: ${message}`);
  }

  check<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const sub = issue.path.length ? issuePath(issue.path) : '';
      this.problem(sub ? `${field}${sub.startsWith('[') ? '' : '.'}${sub}` : field, issue.message);
    }
    return undefined;
  }
}

/** One parameter object; remembers which keys were read so the rest can be reported. */
class Params {
  private readonly used = new Set<string>();
  constructor(private readonly t: Translation, readonly path: string, private readonly raw: Record<string, unknown>) {}

  field(key: string): string {
    return `${this.path}.${key}`;
  }

  isSet(key: string): boolean {
    return Object.hasOwn(this.raw, key);
  }

  /** Present, not null, and not an empty string. */
  has(key: string): boolean {
    const v = this.raw[key];
    return Object.hasOwn(this.raw, key) && v !== undefined && v !== null && v !== '';
  }

  read(key: string): unknown {
    this.used.add(key);
    return this.raw[key];
  }

  /** The key's value checked by the schema; undefined when absent, empty (reported as ignored) or invalid. */
  take<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    this.used.add(key);
    if (this.has(key)) return this.t.check(schema, this.raw[key], this.field(key));
    if (Object.hasOwn(this.raw, key)) this.t.note(this.field(key), 'ignored', 'empty');
    return undefined;
  }

  /** Reports each key present with the given status and note. */
  mark(keys: string[], status: FieldStatus, note: string): void {
    for (const key of keys) {
      if (!Object.hasOwn(this.raw, key)) continue;
      this.used.add(key);
      this.t.note(this.field(key), status, note);
    }
  }

  /** Reports every key not read as unsupported. */
  rest(what: string): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.used.has(key)) this.t.note(this.field(key), 'unsupported', `not a ${what} field ots2oss knows; it has no effect`);
    }
  }
}

// ---- locating the reader, writer and settings in the three shapes

interface Located {
  reader: Params;
  writer: Params;
  setting?: Params;
}

const pluginStep = z.looseObject({ parameter: objectLike.optional() });

const STRUCTURE_KEYS = ['version', 'order', 'extend'];

function locate(t: Translation, json: unknown): Located | undefined {
  const root = t.check(objectLike, json, '(root)');
  if (!root) return undefined;
  let located: Located | undefined;
  if ('steps' in root) located = locateSteps(t, root);
  else if ('configuration' in root) located = locateConfiguration(t, root);
  else if ('job' in root) located = locateDataX(t, root);
  else {
    t.problem('(root)', 'not a DataWorks job: expected "steps" (code editor), "configuration" (version 1.0) or "job.content" (DataX)');
    return undefined;
  }
  if (root.type !== undefined && root.type !== 'job') t.problem('type', `must be "job", got ${JSON.stringify(root.type)}`);
  for (const key of Object.keys(root)) {
    if (STRUCTURE_KEYS.includes(key)) t.note(key, 'ignored', 'DataWorks job structure; ots2oss runs one reader and one writer per job');
    else if (!['steps', 'configuration', 'job', 'setting', 'type'].includes(key)) t.note(key, 'unsupported', 'not a DataWorks job field ots2oss knows; it has no effect');
  }
  return located;
}

function paramsOf(t: Translation, step: unknown, path: string): Params | undefined {
  const parsed = t.check(pluginStep, step, path);
  if (!parsed) return undefined;
  if (parsed.parameter === undefined) {
    t.problem(`${path}.parameter`, 'required: the plugin\'s settings');
    return undefined;
  }
  return new Params(t, `${path}.parameter`, parsed.parameter);
}

function checkPlugin(t: Translation, field: string, got: unknown, expected: string, what: string): void {
  if (typeof got !== 'string' || got.toLowerCase() !== expected) {
    t.problem(field, `must be "${expected}" (${what}), got ${JSON.stringify(got)}`);
  }
}

function settingOf(t: Translation, value: unknown, path: string): Params | undefined {
  if (value === undefined) return undefined;
  const parsed = t.check(objectLike, value, path);
  return parsed ? new Params(t, path, parsed) : undefined;
}

const stepsShape = z.array(z.looseObject({ stepType: text.optional(), category: text.optional() }), { error: 'must be a list of steps' });

function locateSteps(t: Translation, root: Record<string, unknown>): Located | undefined {
  const steps = t.check(stepsShape, root.steps, 'steps');
  if (!steps) return undefined;
  const role = (s: (typeof steps)[number], category: string, plugin: string) =>
    s.category ? s.category.toLowerCase() === category : s.stepType?.toLowerCase() === plugin;
  const readers = steps.flatMap((s, i) => (role(s, 'reader', 'otsstream') ? [i] : []));
  const writers = steps.flatMap((s, i) => (role(s, 'writer', 'oss') ? [i] : []));
  if (readers.length !== 1 || writers.length !== 1 || steps.length !== 2) {
    t.problem('steps', `needs exactly one reader step (stepType "otsstream") and one writer step (stepType "oss"); found ${steps.length} step(s), ${readers.length} reader(s), ${writers.length} writer(s)`);
    return undefined;
  }
  const r = readers[0] as number;
  const w = writers[0] as number;
  checkPlugin(t, `steps[${r}].stepType`, steps[r]?.stepType, 'otsstream', 'the Tablestore Stream reader');
  checkPlugin(t, `steps[${w}].stepType`, steps[w]?.stepType, 'oss', 'the OSS writer');
  const reader = paramsOf(t, steps[r], `steps[${r}]`);
  const writer = paramsOf(t, steps[w], `steps[${w}]`);
  const setting = settingOf(t, root.setting, 'setting');
  return reader && writer ? { reader, writer, setting } : undefined;
}

const configurationShape = z.looseObject({ reader: z.looseObject({ plugin: z.unknown().optional() }), writer: z.looseObject({ plugin: z.unknown().optional() }), setting: z.unknown().optional() });

function locateConfiguration(t: Translation, root: Record<string, unknown>): Located | undefined {
  const conf = t.check(configurationShape, root.configuration, 'configuration');
  if (!conf) return undefined;
  checkPlugin(t, 'configuration.reader.plugin', conf.reader.plugin, 'otsstream', 'the Tablestore Stream reader');
  checkPlugin(t, 'configuration.writer.plugin', conf.writer.plugin, 'oss', 'the OSS writer');
  const reader = paramsOf(t, conf.reader, 'configuration.reader');
  const writer = paramsOf(t, conf.writer, 'configuration.writer');
  const setting = settingOf(t, conf.setting, 'configuration.setting');
  return reader && writer ? { reader, writer, setting } : undefined;
}

const dataXShape = z.looseObject({
  content: z.array(z.looseObject({ reader: z.looseObject({ name: z.unknown().optional() }), writer: z.looseObject({ name: z.unknown().optional() }) }), { error: 'must be a list of reader/writer pairs' }),
  setting: z.unknown().optional(),
});

function locateDataX(t: Translation, root: Record<string, unknown>): Located | undefined {
  const job = t.check(dataXShape, root.job, 'job');
  if (!job) return undefined;
  if (job.content.length !== 1) {
    t.problem('job.content', `needs exactly one reader/writer pair, found ${job.content.length}; split the pairs into separate jobs`);
    return undefined;
  }
  const pair = job.content[0] as (typeof job.content)[number];
  checkPlugin(t, 'job.content[0].reader.name', pair.reader.name, 'otsstreamreader', 'the Tablestore Stream reader');
  checkPlugin(t, 'job.content[0].writer.name', pair.writer.name, 'osswriter', 'the OSS writer');
  const reader = paramsOf(t, pair.reader, 'job.content[0].reader');
  const writer = paramsOf(t, pair.writer, 'job.content[0].writer');
  const setting = settingOf(t, job.setting, 'job.setting');
  return reader && writer ? { reader, writer, setting } : undefined;
}

// ---- reader

const MODES = ['multi_version', 'single_version_and_update_only', 'compacted'] as const;
const modeLike = text.trim().toLowerCase().pipe(z.enum(MODES, { error: `must be one of ${MODES.join(', ')}` }));

const TYPE_ALIASES: Record<string, ColumnType> = {
  string: 'string', long: 'int64', int: 'int64', integer: 'int64', bigint: 'int64', int64: 'int64',
  double: 'double', float: 'double', bool: 'boolean', boolean: 'boolean', bytes: 'binary', binary: 'binary', any: 'any',
};
const columnItem = z.union([
  nonEmpty,
  z.looseObject({
    name: nonEmpty,
    type: text.trim().toLowerCase().refine((v) => v in TYPE_ALIASES, `type must be one of ${Object.keys(TYPE_ALIASES).join(', ')}`).optional(),
  }),
], { error: 'each column is {"name": "..."} (optionally with "type")' });
const columnList = z.array(columnItem, { error: 'must be a list such as [{"name": "pk1"}, {"name": "col1"}]' }).min(1, 'must name at least one column');

function endpointUrl(t: Translation, value: string, field: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  t.note(field, 'mapped', `no scheme given: https://${value} is used`);
  return `https://${value}`;
}

interface ReaderResult {
  source: Partial<JobInput['source']>;
  reader: NonNullable<JobInput['reader']>;
  range?: ExplicitRangeFields;
}

interface ExplicitRangeFields {
  range: ExplicitWindowRange;
  /** The DataWorks fields that named it, for errors. */
  fields: { start: string; end: string };
}

function translateReader(t: Translation, p: Params, connection: DataWorksConnection, opts: Resolved): ReaderResult {
  const source: Partial<JobInput['source']> = {};
  const reader: NonNullable<JobInput['reader']> = {};

  const dataTable = p.take('dataTable', nonEmpty);
  const table = p.take('table', nonEmpty);
  if (dataTable !== undefined && table !== undefined && dataTable !== table) t.problem(p.field('table'), `names ${table} but dataTable names ${dataTable}; give one`);
  const tableField = p.field(dataTable !== undefined ? 'dataTable' : 'table');
  if (dataTable === undefined && table === undefined && !p.has('dataTable') && !p.has('table')) t.problem(p.field('dataTable'), 'required: the table whose stream is exported');
  source.table = dataTable ?? table;
  t.origin.set('source.table', tableField);
  if (source.table !== undefined) t.note(tableField, 'mapped', 'source.table');

  source.instance = p.take('instanceName', nonEmpty);
  t.origin.set('source.instance', p.field('instanceName'));
  if (source.instance !== undefined) t.note(p.field('instanceName'), 'mapped', 'source.instance');
  else if (!p.has('instanceName')) {
    t.problem(p.field('instanceName'), `required: ots2oss does not read DataWorks data sources${p.has('datasource') ? ` ("${String(p.read('datasource'))}")` : ''}; give endpoint, instanceName, accessId and accessKey explicitly`);
  }
  p.mark(['datasource'], 'ignored', 'DataWorks data sources are not read; endpoint, instanceName and credentials are taken from the parameters');

  const endpoint = p.take('endpoint', nonEmpty);
  if (endpoint !== undefined) {
    source.endpoint = endpointUrl(t, endpoint, p.field('endpoint'));
    connection.endpoint = source.endpoint;
    t.origin.set('source.endpoint', p.field('endpoint'));
    t.note(p.field('endpoint'), 'mapped', 'source.endpoint (and connection.endpoint)');
  }
  credentials(t, p, connection);

  const statusTable = p.take('statusTable', nonEmpty);
  if (statusTable !== undefined) {
    source.statusTable = statusTable;
    t.origin.set('source.statusTable', p.field('statusTable'));
    t.note(p.field('statusTable'), 'mapped', 'source.statusTable; ots2oss keeps its own rows there (keyed by job), DataWorks checkpoints are not reused');
  }

  const mode = p.take('mode', modeLike);
  reader.mode = mode ?? 'multi_version';
  t.origin.set('reader.mode', p.field('mode'));
  if (mode !== undefined) t.note(p.field('mode'), 'mapped', `reader.mode ${mode}`);

  const columns = p.take('column', columnList);
  if (p.has('column') && reader.mode === 'multi_version') {
    t.problem(p.field('column'), 'the multi-version mode exports every column and takes no column list; set mode to single_version_and_update_only or remove column');
  } else if (columns) {
    reader.column = columns.map((c) => (typeof c === 'string' ? c : c.type ? { name: c.name, type: TYPE_ALIASES[c.type] as ColumnType } : c.name));
    t.origin.set('reader.column', p.field('column'));
    t.note(p.field('column'), 'mapped', 'reader.column');
  } else if (!p.has('column') && reader.mode === 'single_version_and_update_only') {
    t.problem(p.field('column'), 'required in single_version_and_update_only mode: the columns to export, e.g. [{"name": "pk1"}, {"name": "col1"}]');
  }

  const sequence = p.take('isExportSequenceInfo', boolLike);
  if (sequence !== undefined) {
    reader.isExportSequenceInfo = sequence;
    t.note(p.field('isExportSequenceInfo'), 'mapped', 'reader.isExportSequenceInfo');
  }
  const maxRetries = p.take('maxRetries', intLike.pipe(z.int().min(0).max(100, 'must be at most 100')));
  if (maxRetries !== undefined) {
    reader.maxRetries = maxRetries;
    t.note(p.field('maxRetries'), 'mapped', 'reader.maxRetries (backoff min(2^n x 100 ms, 10 s))');
  }
  p.mark(['threadNum'], 'ignored', 'ots2oss reads shards with speed.concurrency (setting.speed.concurrent)');

  const range = translateRange(t, p, opts);
  p.rest('OTSStream Reader');
  return { source, reader, range };
}

function credentials(t: Translation, p: Params, connection: DataWorksConnection): void {
  const id = p.take('accessId', nonEmpty);
  const key = p.take('accessKey', nonEmpty);
  for (const [field, value, slot] of [['accessId', id, 'accessKeyId'], ['accessKey', key, 'accessKeySecret']] as const) {
    if (value === undefined) continue;
    if (isSchedulingParameter(value)) {
      t.note(p.field(field), 'ignored', 'a scheduling parameter ots2oss cannot fill; use the function role (STS) or environment credentials');
    } else if (connection[slot] === undefined) {
      connection[slot] = value;
      t.note(p.field(field), 'mapped', `connection.${slot}: ${CREDENTIALS_NOTE}`);
    } else if (connection[slot] !== value) {
      t.note(p.field(field), 'unsupported', 'differs from the reader\'s: ots2oss uses one identity for Tablestore and OSS; this one is not used');
    } else {
      t.note(p.field(field), 'mapped', `same as the reader's: ${CREDENTIALS_NOTE}`);
    }
  }
}

const TIME_KEYS = ['startTimestampMillis', 'endTimestampMillis', 'startTimeString', 'endTimeString', 'date'] as const;
const millisLike = intLike.pipe(z.int().min(0, 'must not be negative'));
const timeString = z.union([text, z.int()]).transform(String).pipe(z.string().regex(/^\d{14}$/, 'must be yyyyMMddHHmmss, e.g. 20171019161000'));
const dayString = z.union([text, z.int()]).transform(String).pipe(z.string().regex(/^\d{8}$/, 'must be yyyyMMdd, e.g. 20171019'));

function translateRange(t: Translation, p: Params, opts: Resolved): ExplicitRangeFields | undefined {
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
    "(DataWorks uses its resource group's zone; pass utcOffsetMinutes or timeZone to change)";
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

// ---- writer

const WRITE_MODES = { truncate: 'truncate', append: 'append', nonconflict: 'nonConflict' } as const;
const writeModeLike = text.trim().toLowerCase().refine((v) => v in WRITE_MODES, 'must be truncate, append or nonConflict').transform((v) => WRITE_MODES[v as keyof typeof WRITE_MODES]);
const FILE_FORMATS = ['csv', 'text', 'parquet', 'jsonl'] as const;
const fileFormatLike = text.trim().toLowerCase().refine((v) => v !== 'orc', 'orc is not written by ots2oss; use parquet, csv or text').pipe(z.enum(FILE_FORMATS, { error: `must be one of ${FILE_FORMATS.join(', ')}` }));
const encodingLike = text.trim().refine((v) => /^utf-?8$/i.test(v), 'only UTF-8 is supported').transform(() => 'UTF-8' as const);
const headerLike = z.union([boolLike, z.array(text)], { error: 'must be a list of column names or true/false' });
const maxFileSizeLike = intLike.pipe(z.int().min(1, 'must be at least 1 (MB)'));

/** Scheduling parameters DataWorks users put in object prefixes, and the window placeholder each means here. */
const OBJECT_PARAMETERS: Record<string, string> = {
  '${bizdate}': '{date}', $bizdate: '{date}', '${yyyymmdd}': '{date}', '$[yyyymmdd]': '{date}', '$[hh24]': '{hour}', '$[mi]': '{minute}',
};

function decodeDelimiter(v: string): string {
  return v.replace(/\\u([0-9a-fA-F]{4})|\\t/g, (_m, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : '\t'));
}

function translateWriter(t: Translation, p: Params, connection: DataWorksConnection): Partial<JobInput['sink']> {
  const sink: Partial<JobInput['sink']> = {};
  const set = <K extends keyof JobInput['sink']>(key: K, value: JobInput['sink'][K] | undefined, dwKey: string, note?: string) => {
    if (value === undefined) return;
    sink[key] = value;
    t.origin.set(`sink.${key}`, p.field(dwKey));
    t.note(p.field(dwKey), 'mapped', note ?? `sink.${key}`);
  };

  const bucket = p.take('bucket', nonEmpty);
  if (bucket === undefined && !p.has('bucket')) {
    t.problem(p.field('bucket'), `required: ots2oss does not read DataWorks data sources${p.has('datasource') ? ` ("${String(p.read('datasource'))}")` : ''}; give the bucket explicitly`);
  }
  set('bucket', bucket, 'bucket');
  p.mark(['datasource'], 'ignored', 'DataWorks data sources are not read; bucket, endpoint and credentials are taken from the parameters');
  const endpoint = p.take('endpoint', nonEmpty);
  if (endpoint !== undefined) set('endpoint', endpointUrl(t, endpoint, p.field('endpoint')), 'endpoint');
  credentials(t, p, connection);

  const object = p.take('object', nonEmpty);
  if (object === undefined && !p.has('object')) t.problem(p.field('object'), 'required: the object name prefix, e.g. "export/orders/dt={date}/"');
  if (object !== undefined) {
    set('object', translateObject(t, object, p.field('object')), 'object', 'sink.object: the window\'s objects are written under this prefix, named per window and shard (DataWorks appended a random suffix instead)');
  }

  const writeMode = p.take('writeMode', writeModeLike);
  set('writeMode', writeMode, 'writeMode', 'sink.writeMode, applied per window: truncate replaces the window\'s objects, append adds beside them, nonConflict fails if the window has objects');
  if (!p.has('writeMode')) t.note(p.field('writeMode'), 'mapped', 'absent: truncate (per window), so a rerun replaces a window\'s objects');

  const fileFormat = p.take('fileFormat', fileFormatLike);
  set('fileFormat', fileFormat, 'fileFormat');
  if (!p.has('fileFormat')) {
    sink.fileFormat = 'text';
    t.note(p.field('fileFormat'), 'mapped', 'absent: text, the OSS Writer\'s default');
  }
  set('encoding', p.take('encoding', encodingLike), 'encoding');
  const nullFormat = p.read('nullFormat');
  if (nullFormat !== undefined && nullFormat !== null) set('nullFormat', t.check(text, nullFormat, p.field('nullFormat')), 'nullFormat');
  set('dateFormat', p.take('dateFormat', nonEmpty), 'dateFormat', 'sink.dateFormat, for the timestamp column, in sink.timeZone (UTC unless --utc-offset or --time-zone is given; DataWorks writes its own zone, usually UTC+8: --utc-offset 480)');
  const delimiter = p.take('fieldDelimiter', text.min(1, 'must not be empty'));
  if (delimiter !== undefined) {
    const decoded = decodeDelimiter(delimiter);
    if (decoded.length !== 1) t.problem(p.field('fieldDelimiter'), `must be one character (such as "," or "\\t" or "\\u0001"), got ${JSON.stringify(delimiter)}`);
    else set('fieldDelimiter', decoded, 'fieldDelimiter');
  }
  const header = p.take('header', headerLike);
  if (header !== undefined) {
    const on = Array.isArray(header) ? header.length > 0 : header;
    set('header', on, 'header', Array.isArray(header) && on ? 'sink.header true: ots2oss writes the output schema\'s column names, not the names listed' : 'sink.header');
  }
  const maxFileSize = p.take('maxFileSize', maxFileSizeLike);
  if (maxFileSize !== undefined) set('maxFileSizeMB', Math.min(maxFileSize, 5120), 'maxFileSize', maxFileSize > 5120 ? 'sink.maxFileSizeMB, capped at 5120' : 'sink.maxFileSizeMB');

  const compress = p.read('compress');
  if (compress !== undefined) {
    const none = compress === '' || compress === null || (typeof compress === 'string' && /^none$/i.test(compress));
    const gzip = typeof compress === 'string' && /^gzip$/i.test(compress);
    if (none) t.note(p.field('compress'), 'ignored', 'no compression');
    else if (gzip) set('compress', 'gzip', 'compress', sink.fileFormat === 'parquet' ? 'sink.compress gzip: Parquet pages with the GZIP codec' : 'sink.compress gzip: objects are .gz files');
    else t.note(p.field('compress'), 'unsupported', 'ots2oss compresses with gzip only (csv, text and jsonl as .gz files, Parquet pages with the GZIP codec); set compress to gzip or none');
  }
  const single = p.read('writeSingleObject');
  if (single !== undefined) {
    const on = boolLike.safeParse(single).data === true;
    t.note(p.field('writeSingleObject'), on ? 'unsupported' : 'ignored', 'ots2oss writes objects per window and shard, named deterministically');
  }
  p.mark(['suffix'], 'unsupported', 'ots2oss names objects itself (deterministic per window and shard, with the format\'s extension)');
  p.mark(['parquetSchema'], 'unsupported', 'Parquet columns are typed from the reader\'s output schema');
  p.mark(['column'], 'ignored', 'the reader\'s output schema decides the columns');
  p.mark(['ossBlockSize'], 'ignored', 'ots2oss sizes multipart uploads itself');
  p.rest('OSS Writer');
  return sink;
}

function translateObject(t: Translation, object: string, field: string): string {
  let out = object.replace(/^\/+/, '').replace(/\/+$/, '');
  if (out !== object) t.note(field, 'mapped', 'leading and trailing "/" removed: the prefix is joined to object names with "/"');
  const replaced: string[] = [];
  out = out.replace(/\$\{[^}]*\}|\$\[[^\]]*\]|\$[A-Za-z_]\w*/g, (param) => {
    const placeholder = OBJECT_PARAMETERS[param.toLowerCase()];
    if (placeholder === undefined) {
      t.problem(field, `scheduling parameter ${param} cannot be filled by ots2oss; use {date} (yyyyMMdd), {hour}, {minute} or {window} of each window, or one of ${Object.keys(OBJECT_PARAMETERS).join(', ')}`);
      return param;
    }
    replaced.push(`${param} -> ${placeholder}`);
    return placeholder;
  });
  if (replaced.length) {
    t.note(field, 'mapped', `scheduling parameters become window placeholders, in sink.timeZone (UTC unless --utc-offset or --time-zone is given; DataWorks fills them in its scheduling zone, usually UTC+8: --utc-offset 480): ${replaced.join(', ')}`);
  }
  return out;
}

// ---- setting

function translateSetting(t: Translation, s: Params | undefined): { errorLimit?: number; speed: NonNullable<JobInput['speed']> } {
  const speed: NonNullable<JobInput['speed']> = {};
  if (!s) return { speed };
  let errorLimit: number | undefined;
  const limits = s.take('errorLimit', objectLike);
  if (limits) {
    const l = new Params(t, s.field('errorLimit'), limits);
    errorLimit = l.take('record', intLike.pipe(z.int().min(0, 'must not be negative')));
    if (errorLimit !== undefined) {
      t.origin.set('reader.errorLimit', l.field('record'));
      t.note(l.field('record'), 'mapped', 'reader.errorLimit: records that cannot be mapped, tolerated per run');
    }
    l.mark(['percentage'], 'unsupported', 'ots2oss limits bad records by count (errorLimit.record)');
    l.rest('errorLimit');
  }
  const sp = s.take('speed', objectLike);
  if (sp) {
    const v = new Params(t, s.field('speed'), sp);
    const concurrent = v.take('concurrent', intLike.pipe(z.int().min(1, 'must be at least 1')));
    const channel = v.take('channel', intLike.pipe(z.int().min(1, 'must be at least 1')));
    for (const [key, value] of [['concurrent', concurrent], ['channel', channel]] as const) {
      if (value === undefined) continue;
      speed.concurrency = Math.min(value, 64);
      t.origin.set('speed.concurrency', v.field(key));
      t.note(v.field(key), 'mapped', `speed.concurrency: shards read at once${value > 64 ? ', capped at 64' : ''}`);
    }
    const throttle = v.take('throttle', boolLike);
    const mbps = v.take('mbps', numberLike.pipe(z.number().positive('must be positive')));
    const bytes = v.take('byte', intLike.pipe(z.int().positive('must be positive')));
    if (throttle !== undefined) t.note(v.field('throttle'), 'mapped', throttle ? 'rate limit on' : 'no rate limit: mbps has no effect, as in DataWorks');
    if (mbps !== undefined) {
      if (throttle === false) t.note(v.field('mbps'), 'ignored', 'throttle is false');
      else {
        speed.mbps = mbps;
        t.origin.set('speed.mbps', v.field('mbps'));
        t.note(v.field('mbps'), 'mapped', 'speed.mbps (MB/s)');
      }
    }
    if (bytes !== undefined) {
      speed.mbps = bytes / 1_048_576;
      t.origin.set('speed.mbps', v.field('byte'));
      t.note(v.field('byte'), 'mapped', 'speed.mbps = byte / 1048576');
    }
    v.mark(['dmu'], 'ignored', 'DataWorks resource units; a function\'s memory is set in the stack');
    v.mark(['record'], 'unsupported', 'ots2oss limits throughput in MB/s only');
    v.rest('speed');
  }
  s.rest('setting');
  return { errorLimit, speed };
}

// ---- the whole job

function jobNameFor(t: Translation, table: string | undefined, opts: DataWorksOptions): string | undefined {
  if (opts.jobName !== undefined) {
    t.origin.set('name', 'opts.jobName');
    return opts.jobName;
  }
  if (table === undefined) return undefined;
  const derived = table.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 40).replace(/-+$/, '');
  if (!JOB_NAME.test(derived)) {
    t.problem('opts.jobName', `required: no job name can be derived from table "${table}"; pass one (2-40 lowercase letters, digits or hyphens)`);
    return undefined;
  }
  t.note('(job name)', 'mapped', `name "${derived}", derived from the table name; pass jobName to choose another`);
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

/** The zone DataWorks ran in, from utcOffsetMinutes or timeZone (at most one); UTC when neither is given. */
function zoneOfOptions(t: Translation, opts: DataWorksOptions): TimeZone {
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
    // The zone DataWorks ran in also rendered its ${bizdate} prefixes and dateFormat text.
    sink.timeZone = given.timeZone ?? formatUtcOffset(opts.zone.fixedMinutes!);
    t.origin.set('sink.timeZone', `opts.${zoneOption}`);
    t.note(zoneOption, 'mapped', `sink.timeZone ${sink.timeZone}: {date}, {hour} and dateFormat text in the zone DataWorks rendered them in`);
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
  const out: DataWorksTranslation = { job: parsed.data, connection, report: t.report };
  if (r.range) out.explicitWindow = handedOn(r.range.range, parsed.data.window.sizeMinutes, opts.zone);
  return out;
}

/** A date at an offset other than UTC is handed on as the milliseconds it stands for. */
function handedOn(range: ExplicitWindowRange, sizeMinutes: number, zone: TimeZone): ExplicitWindowRange {
  if (range.date === undefined || zone.fixedMinutes === 0) return range;
  const windows = explicitWindows({ date: range.date }, sizeMinutes, zone);
  return { startTimestampMillis: (windows[0] as TimeWindow).start, endTimestampMillis: (windows.at(-1) as TimeWindow).end };
}

function originOf(t: Translation, nativePath: string): string | undefined {
  for (let p = nativePath; p; p = p.replace(/(\.[^.[]*|\[\d+\])$/, '')) {
    const origin = t.origin.get(p);
    if (origin) return origin;
    if (!/[.[]/.test(p)) break;
  }
  return undefined;
}
