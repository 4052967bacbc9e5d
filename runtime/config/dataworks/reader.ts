// The OTSStream Reader's parameters.
import { z } from 'zod';
import type { ColumnType, JobInput } from '../job.ts';
import { credentials, endpointUrl, type DataWorksConnection } from './connection.ts';
import type { Resolved } from './options.ts';
import { translateRange, type ExplicitRangeFields } from './range.ts';
import type { Params, Translation } from './report.ts';
import { boolLike, intLike, nonEmpty, text } from './values.ts';

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

interface ReaderResult {
  source: Partial<JobInput['source']>;
  reader: NonNullable<JobInput['reader']>;
  range?: ExplicitRangeFields;
}

export function translateReader(t: Translation, p: Params, connection: DataWorksConnection, opts: Resolved): ReaderResult {
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
    t.note(p.field('endpoint'), 'mapped', 'source.endpoint');
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
