// The OSS Writer's parameters.
import { z } from 'zod';
import type { JobInput } from '../job.ts';
import { credentials, endpointUrl, type DataWorksConnection } from './connection.ts';
import { translateObject } from './object.ts';
import type { Params, Translation } from './report.ts';
import { boolLike, intLike, nonEmpty, text } from './values.ts';

const WRITE_MODES = { truncate: 'truncate', append: 'append', nonconflict: 'nonConflict' } as const;
const writeModeLike = text.trim().toLowerCase().refine((v) => v in WRITE_MODES, 'must be truncate, append or nonConflict').transform((v) => WRITE_MODES[v as keyof typeof WRITE_MODES]);
const FILE_FORMATS = ['csv', 'text', 'parquet', 'jsonl'] as const;
const fileFormatLike = text.trim().toLowerCase().refine((v) => v !== 'orc', 'orc is not written by ots2oss; use parquet, csv or text').pipe(z.enum(FILE_FORMATS, { error: `must be one of ${FILE_FORMATS.join(', ')}` }));
const encodingLike = text.trim().refine((v) => /^utf-?8$/i.test(v), 'only UTF-8 is supported').transform(() => 'UTF-8' as const);
const headerLike = z.union([boolLike, z.array(text)], { error: 'must be a list of column names or true/false' });
const maxFileSizeLike = intLike.pipe(z.int().min(1, 'must be at least 1 (MB)'));

const DATE_FORMAT_NO_EFFECT = 'no effect in DataWorks with this reader: the OSS Writer applies dateFormat to date columns only, and the ' +
  'OTSStream Reader gives none (its timestamp column is a number), so DataWorks wrote epoch milliseconds, as ots2oss does ' +
  'without sink.dateFormat. sink.dateFormat is left unset; set it in the converted job to write date text instead';

function decodeDelimiter(v: string): string {
  return v.replace(/\\u([0-9a-fA-F]{4})|\\t/g, (_m, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : '\t'));
}

export function translateWriter(t: Translation, p: Params, connection: DataWorksConnection): Partial<JobInput['sink']> {
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
    sink.object = translateObject(t, object, p.field('object'));
    t.origin.set('sink.object', p.field('object'));
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
  binaryEncoding(t, p, sink);
  // The OSS Writer formats date columns only; the OTSStream Reader's timestamp is a number, so DataWorks wrote milliseconds.
  if (p.has('dateFormat')) p.mark(['dateFormat'], 'ignored', DATE_FORMAT_NO_EFFECT);
  else p.take('dateFormat', text);
  // The job schema checks it for the format, as the OSS Writer did: csv one character, text several.
  const delimiter = p.take('fieldDelimiter', text.min(1, 'must not be empty'));
  if (delimiter !== undefined) set('fieldDelimiter', decodeDelimiter(delimiter), 'fieldDelimiter');
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
    // A Parquet codec is inside the file, which any reader reads uncompressed too; a text file's is its format.
    else if (sink.fileFormat === 'parquet') t.note(p.field('compress'), 'unsupported', 'Parquet pages are written uncompressed: ots2oss compresses them with the GZIP codec only; set compress to gzip or none');
    else t.problem(p.field('compress'), `${JSON.stringify(compress)} is not written by ots2oss, and its objects would not be what readers of the DataWorks output expect; set compress to none or gzip (.gz files)`);
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

/** The OSS Writer writes bytes as base64 only for byteEncoding "base64" (any case), else as UTF-8 text. */
function binaryEncoding(t: Translation, p: Params, sink: Partial<JobInput['sink']>): void {
  const raw = p.read('byteEncoding');
  const given = p.has('byteEncoding') ? t.check(text.trim(), raw, p.field('byteEncoding')) : undefined;
  const base64 = given?.toLowerCase() === 'base64';
  sink.binaryEncoding = base64 ? 'base64' : 'utf8';
  t.origin.set('sink.binaryEncoding', p.field('byteEncoding'));
  const utf8 = 'binary values are UTF-8 text, as the OSS Writer wrote them (bytes that are not UTF-8 become U+FFFD; ' +
    'set sink.binaryEncoding base64 in the converted job to keep every byte)';
  const why = given === undefined ? (p.isSet('byteEncoding') ? 'empty' : 'absent') : 'the OSS Writer writes base64 for "base64" only';
  t.note(p.field('byteEncoding'), 'mapped', base64 ? 'sink.binaryEncoding base64' : `${why}: sink.binaryEncoding utf8; ${utf8}`);
}
