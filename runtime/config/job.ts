import { z } from 'zod';
import { formatUtcOffset, offsetsInUse, timeZoneOf } from '../core/time-zone.ts';
import { COMPACTED_META_COLUMNS } from '../core/compactor.ts';
import { SEQUENCE_INFO_COLUMN } from '../core/record-common.ts';
import { compileDateFormat } from '../format/date-format.ts';
import { fieldDelimiterProblem } from '../format/field-delimiter.ts';
import { ConfigError } from './validation.ts';

// The native job schema: one export of one Tablestore table to one OSS prefix.
// The stacks embed it in the function's environment; the CLI and handler parse it here.

export const INSTANCE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,14}[a-zA-Z0-9]$/;
export const TABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,254}$/;
export const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
export const JOB_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

export const OBJECT_PLACEHOLDERS = ['instance', 'table', 'job', 'date', 'hour', 'minute', 'window'] as const;

const instanceName = z
  .string()
  .regex(INSTANCE_NAME, 'Tablestore instance names are 3-16 letters, digits or hyphens, start with a letter and do not end with a hyphen');
const tableName = z
  .string()
  .regex(TABLE_NAME, 'table names are 1-255 letters, digits or underscores and do not start with a digit');
const bucketName = z
  .string()
  .regex(BUCKET_NAME, 'OSS bucket names are 3-63 lowercase letters, digits or hyphens and start and end with a letter or digit');
/** An endpoint the SDKs can call: an http or https URL (they refuse other schemes only when first used). */
export const httpUrl = (example: string) =>
  z.url({ protocol: /^https?$/, message: `must be an http:// or https:// URL such as ${example}` });
export const OTS_ENDPOINT_EXAMPLE = 'https://my-instance.cn-hangzhou.ots.aliyuncs.com';

export const objectTemplate = z
  .string()
  .min(1, 'must name the key prefix objects go under, such as "exports/{table}/dt={date}"')
  .refine((s) => !s.startsWith('/'), 'must not start with "/": it is a key prefix inside the bucket')
  .refine(
    (s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (OBJECT_PLACEHOLDERS as readonly string[]).includes(m[1] ?? '')),
    `only these placeholders are known: ${OBJECT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
  )
  // Object names are joined to the prefix with "/": a trailing one would make "//" in every key.
  .transform((s) => s.replace(/\/+$/, ''));

const COLUMN_TYPES = ['string', 'int64', 'double', 'boolean', 'binary', 'any'] as const;
export const columnType = z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof columnType>;

const typeList = COLUMN_TYPES.join(', ');

/** A column is a name, or a name and the type the Parquet writer should give it. */
export const columnSpec = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), type: columnType.default('any') }),
], {
  // Without this, a bad type reads "Invalid input": say which types there are.
  error: (issue) => {
    const input: unknown = issue.input;
    const type = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).type : undefined;
    return type !== undefined && !(COLUMN_TYPES as readonly unknown[]).includes(type)
      ? `type ${JSON.stringify(type)} is not one of ${typeList}`
      : `a column is a name such as "col1", or {"name": "col1", "type": T} with T one of ${typeList}`;
  },
});

export const readerSchema = z.strictObject({
  /** multi_version follows DataWorks' default mode; compacted keeps the last image of each row per window. */
  mode: z.enum(['multi_version', 'single_version_and_update_only', 'compacted']).default('multi_version'),
  column: z.array(columnSpec).optional(),
  isExportSequenceInfo: z.boolean().default(false),
  maxRetries: z.int().min(0).max(100).default(30),
  /** Records that cannot be mapped, tolerated per window before the run fails. */
  errorLimit: z.int().min(0).default(0),
  /** compacted holds a window's keys in memory (about 1.1 KB each): past this many the window fails, loudly. */
  compactedMaxKeys: z.int().min(1).default(250_000),
});

export const sinkSchema = z.strictObject({
  endpoint: httpUrl('https://oss-cn-hangzhou.aliyuncs.com').optional(),
  bucket: bucketName,
  object: objectTemplate.default('{instance}/{table}/dt={date}/hour={hour}'),
  writeMode: z.enum(['truncate', 'append', 'nonConflict']).default('truncate'),
  fileFormat: z.enum(['csv', 'text', 'jsonl', 'parquet']).default('csv'),
  encoding: z.enum(['UTF-8'], { message: 'only UTF-8 is supported; set encoding to "UTF-8"' }).default('UTF-8'),
  nullFormat: z.string().default('null'),
  /** Java-style pattern such as yyyy-MM-dd HH:mm:ss for the timestamp column; unset writes milliseconds. */
  dateFormat: z.string().min(1).superRefine((pattern, ctx) => {
    // Checked when the job is read, not when the first window is written.
    try {
      compileDateFormat(pattern);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof ConfigError ? error.problems.join('; ') : String(error) });
    }
  }).optional(),
  /** The zone of dateFormat text and of {date}, {hour}, {minute} in object prefixes. */
  timeZone: z
    .string()
    .refine((zone) => timeZoneOf(zone) !== undefined, 'use "UTC", a fixed offset such as "+08:00" (China Standard Time) or an IANA zone such as "Asia/Shanghai"')
    .default('UTC'),
  /** One character for csv; text takes several, such as "||". Checked per format with the job. */
  fieldDelimiter: z.string().min(1, 'must not be empty; use "," or "\\t"').default(','),
  header: z.boolean().default(false),
  binaryEncoding: z.enum(['base64', 'utf8']).default('base64'),
  /** gzip: csv, text and jsonl objects are .gz files; Parquet pages use the GZIP codec. */
  compress: z.enum(['none', 'gzip']).default('none'),
  /** Rotate to a new object once this many bytes are written. */
  maxFileSizeMB: z.int().min(1).max(5120).default(1024),
});

/** What a run keeps back before its deadline to abort uploads and release the lease. */
export const RUN_RESERVE_MS = 15_000;

const START_FROM = 'use "earliest", "latest" or an ISO time with its offset, such as 2026-11-26T00:00:00+08:00 or 2026-11-26T00:00:00Z';

export const windowSchema = z
  .strictObject({
    sizeMinutes: z
      .int()
      .min(1)
      .max(1440)
      .refine((n) => 1440 % n === 0, 'must divide a day (1, 2, 5, 10, 15, 30, 60, ... 1440) so windows align to it')
      .default(5),
    /** A shard that is caught up counts as past a window's end only once the end is this much older than now. */
    safetyLagSeconds: z.int().min(0).max(3600).default(60),
    /**
     * A tick that finds an ended window's shard caught up waits up to this long for the window to
     * complete (a record past its end, or the safety lag passing), when the lag passes within it.
     */
    lingerSeconds: z.int().min(0).max(600).default(0),
    /** Where a new job starts: the oldest window the stream still holds whole (or a young stream's first record), the current window, or a given time. */
    startFrom: z.union([z.enum(['earliest', 'latest']), z.iso.datetime({ offset: true, message: START_FROM })], { error: START_FROM }).default('earliest'),
  })
  .default({ sizeMinutes: 5, safetyLagSeconds: 60, lingerSeconds: 0, startFrom: 'earliest' });

export const speedSchema = z
  .strictObject({
    mbps: z.number().positive().optional(),
    concurrency: z.int().min(1).max(64).default(1),
  })
  .default({ concurrency: 1 });

/**
 * A delimiter the csv or text encoder would refuse, found when the job is read rather than at its first
 * window; checked beside the other fields' problems (once the sink's format and delimiter parsed), so a
 * job with several gets them all at once. Environment files' jobs take it too.
 */
export const fieldDelimiterCheck = z.superRefine<{ sink: Pick<z.output<typeof sinkSchema>, 'fileFormat' | 'fieldDelimiter'> }>((job, ctx) => {
  const problem = fieldDelimiterProblem(job.sink.fileFormat, job.sink.fieldDelimiter);
  if (problem) ctx.addIssue({ code: 'custom', path: ['sink', 'fieldDelimiter'], message: problem });
}, {
  when: ({ value, issues }) => isRecord(value) && isRecord(value.sink) &&
    issues.every(({ path = [] }) => !(path[0] === 'sink' && (path.length === 1 || path[1] === 'fileFormat' || path[1] === 'fieldDelimiter'))),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const jobSchema = z
  .strictObject({
    name: z
      .string()
      .regex(JOB_NAME, 'job names are 2-40 lowercase letters, digits or hyphens, starting with a letter'),
    source: z.strictObject({
      endpoint: httpUrl(OTS_ENDPOINT_EXAMPLE).optional(),
      instance: instanceName,
      table: tableName,
      statusTable: tableName.default('ots2oss_status'),
    }),
    window: windowSchema,
    reader: readerSchema.prefault({}),
    sink: sinkSchema,
    speed: speedSchema,
  })
  .superRefine((job, ctx) => {
    if (job.reader.mode === 'single_version_and_update_only' && !job.reader.column?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['reader', 'column'],
        message: 'single_version_and_update_only needs the list of columns to export, e.g. ["pk1", "col1"]',
      });
    }
    if (job.reader.mode === 'multi_version' && job.reader.column?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['reader', 'column'],
        message: 'multi_version exports every column: remove column, or set mode to single_version_and_update_only or compacted',
      });
    }
    const zone = timeZoneOf(job.sink.timeZone);
    const offsets = zone ? offsetsInUse(zone) : [0];
    const off = offsets.find((o) => o % job.window.sizeMinutes !== 0);
    if (off !== undefined && /\{(date|hour|minute)\}/.test(job.sink.object)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sink', 'timeZone'],
        message: `windows of ${job.window.sizeMinutes} minutes start on UTC boundaries, which are not boundaries in ${job.sink.timeZone}` +
          `${zone?.fixedMinutes === undefined ? ` (at its offset ${formatUtcOffset(off)})` : ''}: a window's records could belong to two {date} or {hour} prefixes. ` +
          `Use a window.sizeMinutes that divides ${offsets.map((o) => Math.abs(o)).filter((o) => o !== 0).join(' and ') || 0}, or timeZone "UTC"`,
      });
    }
    for (const issue of columnIssues(job.reader, job.sink.fileFormat)) ctx.addIssue({ code: 'custom', ...issue });
    if (job.source.statusTable === job.source.table) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'statusTable'],
        message: 'must differ from source.table: checkpoints cannot live in the table being exported',
      });
    }
  })
  .check(fieldDelimiterCheck);

interface Issue {
  path: PropertyKey[];
  message: string;
}


/**
 * reader.column names each column once (DataWorks wrote a repeated one twice; ots2oss refuses it rather
 * than write it twice), and in jsonl and parquet, which need unique names, none takes the name of a
 * column the mode appends.
 */
function columnIssues(reader: z.output<typeof readerSchema>, format: z.output<typeof sinkSchema>['fileFormat']): Issue[] {
  const issues: Issue[] = [];
  const first = new Map<string, number>();
  const appended = reader.mode === 'compacted' ? COMPACTED_META_COLUMNS.map((c) => c.name)
    : reader.isExportSequenceInfo ? [SEQUENCE_INFO_COLUMN.name] : [];
  const why = reader.mode === 'compacted' ? 'compacted mode appends' : 'isExportSequenceInfo appends';
  (reader.column ?? []).forEach((spec, i) => {
    const name = typeof spec === 'string' ? spec : spec.name;
    const at = first.get(name);
    if (at !== undefined) {
      issues.push({ path: ['reader', 'column', i], message: `lists ${JSON.stringify(name)} again (first at index ${at}); ots2oss writes each column once (DataWorks wrote a repeated column twice): remove the repeat` });
    } else if ((format === 'jsonl' || format === 'parquet') && appended.includes(name)) {
      issues.push({ path: ['reader', 'column', i], message: `${JSON.stringify(name)} is also the name of a column ${why}, and ${format} needs unique column names: leave the column out${reader.mode === 'compacted' ? '' : ', turn isExportSequenceInfo off'} or use fileFormat csv or text` });
    }
    first.set(name, at ?? i);
  });
  return issues;
}

export type JobInput = z.input<typeof jobSchema>;
export type JobConfig = z.output<typeof jobSchema>;
export type ReaderConfig = JobConfig['reader'];
export type SinkConfig = JobConfig['sink'];
