import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromDataWorks, type DataWorksTranslation } from '../../../../runtime/config/dataworks/index.ts';
import { jobSchema } from '../../../../runtime/config/job.ts';
import { ConfigError } from '../../../../runtime/config/validation.ts';
import { windowId, windowPrefix } from '../../../../runtime/core/window.ts';
import { dataKey } from '../../../../runtime/oss/sink.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/dataworks/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const entry = (t: DataWorksTranslation, field: string) => t.report.find((e) => e.field === field);

/** Every leaf field of the given objects, as report paths. */
function leaves(value: unknown, path: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [path];
  const entries = Object.entries(value as Record<string, unknown>);
  if (path.endsWith('.column') || path.endsWith('.header')) return [path];
  return entries.flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

function problemsOf(json: unknown, opts?: Parameters<typeof fromDataWorks>[1]): string[] {
  try {
    fromDataWorks(json, opts);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  assert.fail('expected a ConfigError');
}

/** The script-mode fixture with some reader and writer parameters replaced (undefined removes one). */
function script(reader: Record<string, unknown> = {}, writer: Record<string, unknown> = {}): Record<string, unknown> {
  const job = fixture('otsstream-to-oss.json');
  const steps = job.steps as Array<{ parameter: Record<string, unknown> }>;
  for (const [step, over] of [[steps[0], reader], [steps[1], writer]] as const) {
    for (const [k, v] of Object.entries(over)) {
      if (v === undefined) delete step?.parameter[k];
      else if (step) step.parameter[k] = v;
    }
  }
  return job;
}

describe('fromDataWorks: the code editor (steps) shape', () => {
  const json = fixture('otsstream-to-oss.json');
  const t = fromDataWorks(json);

  it('maps the reader, writer and settings to a valid native job', () => {
    assert.deepEqual(jobSchema.parse(t.job), t.job);
    assert.equal(t.job.name, 'orders');
    assert.deepEqual(t.job.source, { endpoint: 'https://shop.cn-hangzhou.ots.aliyuncs.com', instance: 'shop', table: 'orders', statusTable: 'TableStoreStreamReaderStatusTable' });
    assert.deepEqual(t.job.reader, { mode: 'multi_version', isExportSequenceInfo: false, maxRetries: 30, errorLimit: 0, compactedMaxKeys: 250_000 });
    assert.equal(t.job.sink.bucket, 'shop-export');
    assert.equal(t.job.sink.endpoint, 'https://oss-cn-hangzhou.aliyuncs.com', 'the script\'s http://, made https');
    assert.equal(t.job.sink.object, 'ots/orders/{date}', 'the folder DataWorks wrote into; "part" began its file names');
    assert.equal(t.job.sink.writeMode, 'truncate');
    assert.equal(t.job.sink.fileFormat, 'csv');
    assert.equal(t.job.sink.nullFormat, '');
    assert.equal(t.job.sink.dateFormat, undefined, 'dateFormat had no effect in DataWorks with this reader');
    assert.equal(t.job.sink.fieldDelimiter, ',');
    assert.deepEqual(t.job.speed, { concurrency: 2 });
    assert.equal(t.job.window.sizeMinutes, 5);
    assert.equal(t.explicitWindow, undefined, 'scheduling parameters are not an explicit range');
  });

  it('returns credentials in connection only and flags them', () => {
    assert.deepEqual(t.connection, { endpoint: 'https://shop.cn-hangzhou.ots.aliyuncs.com', accessKeyId: 'LTAI-example-id', accessKeySecret: 'example-secret' });
    assert.doesNotMatch(JSON.stringify(t.job), /example-secret|LTAI/);
    assert.deepEqual(t.keyFields, ['steps[0].parameter.accessId', 'steps[0].parameter.accessKey']);
  });

  it('reports the keys as dropped (ignored), saying where credentials come from, and maps nothing to connection', () => {
    for (const field of t.keyFields) {
      assert.equal(entry(t, field)?.status, 'ignored', field);
      assert.match(entry(t, field)?.note ?? '', /^dropped, not in the converted job: ots2oss takes credentials from the environment \(ALIBABA_CLOUD_ACCESS_KEY_ID\/SECRET\), a profile \(--profile\) or the function's RAM role, never from a job/);
    }
    assert.deepEqual(t.report.filter((e) => /connection/.test(e.note)), [], 'connection is no part of the output');
  });

  it('says how the caller takes the job name and the zone', () => {
    assert.match(entry(t, '(job name)')?.note ?? '', /pass jobName to choose another$/);
    const options = { optionNames: { jobName: '--name', zone: '--utc-offset or --time-zone' } };
    const cli = fromDataWorks(script({ startTimeString: '20261127000000', endTimeString: '20261127010000' }), options);
    assert.match(entry(cli, '(job name)')?.note ?? '', /derived from the table name; pass --name to choose another$/);
    assert.match(entry(cli, 'steps[0].parameter.startTimeString')?.note ?? '', /pass --utc-offset or --time-zone to change\)$/);
    assert.deepEqual(problemsOf(script({ dataTable: '_1' }), options), ['--name: required: no job name can be derived from table "_1"; pass one (2-40 lowercase letters, digits or hyphens)']);
  });

  it('reports every field it was given, and how', () => {
    const fields = new Set(t.report.map((e) => e.field));
    const given = [...leaves((json.steps as Array<{ parameter: unknown }>)[0]?.parameter, 'steps[0].parameter'), ...leaves((json.steps as Array<{ parameter: unknown }>)[1]?.parameter, 'steps[1].parameter'), ...leaves(json.setting, 'setting'), 'version', 'order'];
    for (const field of given) assert.ok(fields.has(field), `${field} is reported`);
    assert.equal(entry(t, 'steps[0].parameter.startTimeString')?.status, 'ignored');
    assert.equal(entry(t, 'steps[0].parameter.datasource')?.status, 'ignored');
    assert.equal(entry(t, 'setting.speed.dmu')?.status, 'ignored');
    assert.ok(t.report.some((e) => e.field === 'steps[1].parameter.object' && /\$\{bizdate\} -> \{date\}/.test(e.note)));
    assert.equal(entry(t, 'steps[0].parameter.dataTable')?.status, 'mapped');
  });
});

describe('fromDataWorks: endpoints', () => {
  it('writes https for Alibaba Cloud hosts given as http, saying so, and keeps http for a local emulator', () => {
    const t = fromDataWorks(script({ endpoint: 'http://shop.cn-hangzhou.ots.aliyuncs.com' }, { endpoint: 'HTTP://oss-cn-hangzhou-internal.aliyuncs.com' }));
    assert.equal(t.job.source.endpoint, 'https://shop.cn-hangzhou.ots.aliyuncs.com');
    assert.equal(t.job.sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com');
    for (const [field, url] of [['steps[0].parameter.endpoint', 'https://shop.cn-hangzhou.ots.aliyuncs.com'], ['steps[1].parameter.endpoint', 'https://oss-cn-hangzhou-internal.aliyuncs.com']] as const) {
      const notes = t.report.filter((e) => e.field === field).map((e) => e.note);
      assert.ok(notes.includes(`http:// becomes https:// (${url}): over http the exported rows would cross the network unencrypted; Alibaba Cloud endpoints take https`), notes.join(' | '));
    }
    const local = fromDataWorks(script({ endpoint: 'http://127.0.0.1:8800' }, { endpoint: 'http://localhost:9000' }));
    assert.deepEqual([local.job.source.endpoint, local.job.sink.endpoint], ['http://127.0.0.1:8800', 'http://localhost:9000']);
    assert.equal(fromDataWorks(script({}, { endpoint: 'http://oss.aliyuncs.com.example.net' })).job.sink.endpoint, 'http://oss.aliyuncs.com.example.net', 'not an Alibaba Cloud host');
  });

  it('drops an explicit port 80 with http, where TLS fails, and keeps any other port, saying which', () => {
    const t = fromDataWorks(script({ endpoint: 'http://shop.cn-hangzhou.ots.aliyuncs.com:8443' }, { endpoint: 'HTTP://oss-cn-hangzhou-internal.aliyuncs.com:80' }));
    assert.equal(t.job.sink.endpoint, 'https://oss-cn-hangzhou-internal.aliyuncs.com');
    assert.equal(t.job.source.endpoint, 'https://shop.cn-hangzhou.ots.aliyuncs.com:8443');
    const notesOf = (field: string) => t.report.filter((e) => e.field === field).map((e) => e.note);
    const said = 'over http the exported rows would cross the network unencrypted; Alibaba Cloud endpoints take https';
    assert.ok(notesOf('steps[1].parameter.endpoint').includes(`http:// becomes https:// (https://oss-cn-hangzhou-internal.aliyuncs.com): ${said}; port 80 dropped: it is http's, https takes 443`),
      notesOf('steps[1].parameter.endpoint').join(' | '));
    assert.ok(notesOf('steps[0].parameter.endpoint').includes(`http:// becomes https:// (https://shop.cn-hangzhou.ots.aliyuncs.com:8443): ${said}; port 8443 kept: check that the endpoint takes https there`),
      notesOf('steps[0].parameter.endpoint').join(' | '));
    assert.equal(fromDataWorks(script({}, { endpoint: 'http://oss-cn-hangzhou.aliyuncs.com:8080/' })).job.sink.endpoint, 'https://oss-cn-hangzhou.aliyuncs.com:8080/', 'a port that only begins with 80');
  });
});

describe('fromDataWorks: the DataX shape', () => {
  const json = fixture('datax-otsstreamreader.json');
  const t = fromDataWorks(json);

  it('maps single-version columns, a date, and the writer options', () => {
    assert.deepEqual(jobSchema.parse(t.job), t.job);
    assert.equal(t.job.name, 'order-items');
    assert.deepEqual(t.job.reader, {
      mode: 'single_version_and_update_only',
      column: ['order_id', 'item', { name: 'qty', type: 'int64' }],
      isExportSequenceInfo: true,
      maxRetries: 10,
      errorLimit: 5,
      compactedMaxKeys: 250_000,
    });
    assert.deepEqual(t.explicitWindow, { date: '20261125' });
    assert.equal(t.job.sink.object, 'datax', 'DataWorks wrote datax/order_items__<uuid>');
    assert.equal(fromDataWorks(script({}, { object: '/export/orders/' })).job.sink.object, 'export/orders');
    assert.equal(t.job.sink.fieldDelimiter, '\u0001');
    assert.equal(t.job.sink.header, true);
    assert.equal(t.job.sink.maxFileSizeMB, 300);
    assert.equal(t.job.sink.writeMode, 'append');
    assert.equal(t.job.sink.encoding, 'UTF-8');
    assert.equal(t.job.sink.fileFormat, 'text', 'the OSS Writer writes text when no format is given');
    assert.deepEqual(t.job.speed, { concurrency: 4, mbps: 10 });
  });

  it('reports what it cannot honour', () => {
    const fields = new Set(t.report.map((e) => e.field));
    const content = (json.job as { content: Array<{ reader: { parameter: unknown }; writer: { parameter: unknown } }> }).content[0];
    for (const field of [...leaves(content?.reader.parameter, 'job.content[0].reader.parameter'), ...leaves(content?.writer.parameter, 'job.content[0].writer.parameter'), ...leaves((json.job as { setting: unknown }).setting, 'job.setting')]) {
      assert.ok(fields.has(field), `${field} is reported`);
    }
    assert.equal(entry(t, 'job.content[0].writer.parameter.suffix')?.status, 'unsupported');
    assert.equal(entry(t, 'job.setting.errorLimit.percentage')?.status, 'unsupported');
    assert.match(entry(t, 'job.setting.errorLimit.record')?.note ?? '', /^reader\.errorLimit: records that cannot be mapped, tolerated per window /);
    assert.equal(entry(t, 'job.content[0].reader.parameter.threadNum')?.status, 'ignored');
    assert.match(entry(t, 'job.content[0].writer.parameter.header')?.note ?? '', /output schema's column names/);
  });

  it('reads a date at a given UTC offset and hands it on as milliseconds', () => {
    const shanghai = fromDataWorks(json, { utcOffsetMinutes: 480 });
    assert.deepEqual(shanghai.explicitWindow, { startTimestampMillis: Date.parse('2026-11-24T16:00:00Z'), endTimestampMillis: Date.parse('2026-11-25T16:00:00Z') });
  });

  it('takes the zone DataWorks ran in as sink.timeZone, so prefixes and dates come out as DataWorks wrote them', () => {
    assert.equal(fromDataWorks(json).job.sink.timeZone, 'UTC');
    const shanghai = fromDataWorks(json, { utcOffsetMinutes: 480 });
    assert.equal(shanghai.job.sink.timeZone, '+08:00');
    assert.match(entry(shanghai, 'utcOffsetMinutes')?.note ?? '', /^sink\.timeZone \+08:00/);
    assert.equal(fromDataWorks(json, { utcOffsetMinutes: -210 }).job.sink.timeZone, '-03:30');
  });
});

describe('fromDataWorks: a named time zone (timeZone)', () => {
  it('reads dates and times in an IANA zone, daylight saving time included, and makes it sink.timeZone', () => {
    // 29 March 2026 is Berlin's switch to summer time: the day has 23 hours.
    const spring = fromDataWorks(script({ startTimeString: undefined, endTimeString: undefined, date: '20260329' }), { timeZone: 'Europe/Berlin' });
    assert.deepEqual(spring.explicitWindow, { startTimestampMillis: Date.parse('2026-03-28T23:00:00Z'), endTimestampMillis: Date.parse('2026-03-29T22:00:00Z') });
    assert.equal(spring.job.sink.timeZone, 'Europe/Berlin');
    assert.match(entry(spring, 'timeZone')?.note ?? '', /^sink\.timeZone Europe\/Berlin/);
    const summer = fromDataWorks(script({ startTimeString: '20260701120000', endTimeString: '20260701130000' }), { timeZone: 'Europe/Berlin' });
    assert.deepEqual(summer.explicitWindow, { startTimestampMillis: Date.parse('2026-07-01T10:00:00Z'), endTimestampMillis: Date.parse('2026-07-01T11:00:00Z') });
    assert.match(entry(summer, 'steps[0].parameter.startTimeString')?.note ?? '', /read in Europe\/Berlin/);
    // A fixed offset by name works as utcOffsetMinutes does.
    assert.equal(fromDataWorks(script(), { timeZone: '+08:00' }).job.sink.timeZone, '+08:00');
  });

  it('refuses a zone given twice or one that is no zone, naming the option', () => {
    assert.match(problemsOf(script(), { timeZone: '+08:00', utcOffsetMinutes: 480 }).join('\n'), /opts\.timeZone: give the zone once/);
    assert.match(problemsOf(script(), { timeZone: 'Europe/Berlinn' }).join('\n'), /opts\.timeZone: "Europe\/Berlinn" is not "UTC"/);
  });
});

describe('fromDataWorks: the version 1.0 configuration shape', () => {
  it('reads reader.plugin otsstream and writer.plugin oss', () => {
    const t = fromDataWorks({
      type: 'job',
      version: '1.0',
      configuration: {
        reader: { plugin: 'otsstream', parameter: { instanceName: 'shop', dataTable: 'person', statusTable: 'status', startTimestampMillis: '1508400000000', endTimestampMillis: 1508403600000 } },
        writer: { plugin: 'oss', parameter: { bucket: 'shop-export', object: 'person/$[yyyymmdd]/$[hh24]/', writeMode: 'NONCONFLICT', fileFormat: 'Parquet' } },
        setting: { speed: { mbps: '12' } },
      },
    }, { jobName: 'person-export' });
    assert.equal(t.job.name, 'person-export');
    assert.deepEqual(t.explicitWindow, { startTimestampMillis: 1508400000000, endTimestampMillis: 1508403600000 });
    assert.equal(t.job.sink.object, 'person/{date}/{hour}');
    assert.equal(t.job.sink.writeMode, 'nonConflict');
    assert.equal(t.job.sink.fileFormat, 'parquet');
    assert.deepEqual(t.job.speed, { concurrency: 1, mbps: 12 });
    assert.deepEqual(t.connection, {});
  });
});

describe('fromDataWorks: explicit ranges', () => {
  it('reads yyyyMMddHHmmss strings and picks a window size the range falls on', () => {
    const t = fromDataWorks(script({ startTimeString: '20171019161000', endTimeString: '20171019162600' }));
    assert.deepEqual(t.explicitWindow, { startTimestampMillis: Date.parse('2017-10-19T16:10:00Z'), endTimestampMillis: Date.parse('2017-10-19T16:26:00Z') });
    assert.equal(t.job.window.sizeMinutes, 2);
    const shanghai = fromDataWorks(script({ startTimeString: '20171019161000', endTimeString: 20171019163000 }), { utcOffsetMinutes: 480 });
    assert.deepEqual(shanghai.explicitWindow, { startTimestampMillis: Date.parse('2017-10-19T08:10:00Z'), endTimestampMillis: Date.parse('2017-10-19T08:30:00Z') });
    assert.equal(shanghai.job.window.sizeMinutes, 5);
  });

  it('rejects ranges DataWorks rejects, and ones off whole minutes', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ startTimeString: undefined, endTimeString: undefined, date: '20261126', startTimestampMillis: 1 }, /steps\[0\]\.parameter\.startTimestampMillis: give one of date, startTimestampMillis\/endTimestampMillis or startTimeString/],
      [{ startTimeString: undefined, endTimeString: undefined, startTimestampMillis: 1508400000000 }, /steps\[0\]\.parameter\.endTimestampMillis: required with startTimestampMillis/],
      [{ startTimeString: '20171019162600', endTimeString: '20171019161000' }, /endTimeString: must be later than the start/],
      [{ startTimeString: '20171019161005', endTimeString: '20171019162600' }, /startTimeString: the range must start and end on a whole minute/],
      [{ startTimeString: '20171332161000', endTimeString: '20171019162600' }, /startTimeString: 20171332161000 is not a real date/],
      [{ startTimeString: '2017-10-19', endTimeString: '20171019162600' }, /startTimeString: must be yyyyMMddHHmmss/],
      [{ startTimeString: '${startTime}', endTimeString: '20171019162600' }, /endTimeString: a value beside the scheduling parameter/],
      [{ startTimeString: undefined, endTimeString: undefined, date: '2026-11-26' }, /date: must be yyyyMMdd/],
    ];
    for (const [reader, message] of cases) {
      const problems = problemsOf(script(reader));
      assert.ok(problems.some((p) => message.test(p)), `${JSON.stringify(reader)} -> ${problems.join(' | ')}`);
    }
  });
});

describe('fromDataWorks: errors name the DataWorks field', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, RegExp]> = [
    ['a missing table', { dataTable: undefined }, {}, /^steps\[0\]\.parameter\.dataTable: required/],
    ['a data source instead of an instance', { instanceName: undefined }, {}, /^steps\[0\]\.parameter\.instanceName: required: ots2oss does not read DataWorks data sources \("ots_orders"\)/],
    ['a missing bucket', {}, { bucket: undefined }, /^steps\[1\]\.parameter\.bucket: required/],
    ['a column list in multi-version mode', { column: [{ name: 'a' }] }, {}, /^steps\[0\]\.parameter\.column: the multi-version mode exports every column/],
    ['single-version mode without columns', { mode: 'single_version_and_update_only' }, {}, /^steps\[0\]\.parameter\.column: required in single_version_and_update_only mode/],
    ['a bad column entry', { mode: 'single_version_and_update_only', column: [{ name: 'a', type: 'date' }] }, {}, /^steps\[0\]\.parameter\.column\[0\]/],
    ['an unknown mode', { mode: 'row' }, {}, /^steps\[0\]\.parameter\.mode: must be one of/],
    ['a non-boolean flag', { isExportSequenceInfo: 'yes' }, {}, /^steps\[0\]\.parameter\.isExportSequenceInfo: must be true or false/],
    ['orc files', {}, { fileFormat: 'orc' }, /^steps\[1\]\.parameter\.fileFormat: orc is not written/],
    ['another encoding', {}, { encoding: 'GBK' }, /^steps\[1\]\.parameter\.encoding: only UTF-8/],
    ['a long csv delimiter', {}, { fieldDelimiter: '||' }, /^steps\[1\]\.parameter\.fieldDelimiter: csv needs exactly one character, such as "," or "\\t" \(text takes several, such as "\|\|"\)$/],
    ['an unknown scheduling parameter in the object', {}, { object: 'x/${gmtdate}/' }, /^steps\[1\]\.parameter\.object: scheduling parameter \$\{gmtdate\} cannot be filled/],
    ['an unknown write mode', {}, { writeMode: 'overwrite' }, /^steps\[1\]\.parameter\.writeMode: must be truncate, append or nonConflict/],
    ['a bad instance name, caught by the native schema', { instanceName: '9shop' }, {}, /^steps\[0\]\.parameter\.instanceName: Tablestore instance names are 3-16/],
    ['a bad bucket name, caught by the native schema', {}, { bucket: 'Shop_Export' }, /^steps\[1\]\.parameter\.bucket: OSS bucket names/],
    ['a status table equal to the data table', { statusTable: 'orders' }, {}, /^steps\[0\]\.parameter\.statusTable: must differ from source.table/],
    ['a column listed twice (DataWorks wrote it twice), caught by the native schema', { mode: 'single_version_and_update_only', column: [{ name: 'a' }, { name: 'b' }, { name: 'a', type: 'string' }] }, {},
      /^steps\[0\]\.parameter\.column\[2\]: lists "a" again \(first at index 0\); ots2oss writes each column once \(DataWorks wrote a repeated column twice\): remove the repeat$/],
    ['a csv delimiter of ", caught by the native schema', {}, { fieldDelimiter: '"' }, /^steps\[1\]\.parameter\.fieldDelimiter: csv quotes with "/],
    ['a line break as delimiter, caught by the native schema', {}, { fileFormat: 'text', fieldDelimiter: '\\u000a' }, /^steps\[1\]\.parameter\.fieldDelimiter: a line break cannot separate fields/],
  ];
  for (const [what, reader, writer, message] of cases) {
    it(`for ${what}`, () => {
      const problems = problemsOf(script(reader, writer));
      assert.ok(problems.some((p) => message.test(p)), problems.join(' | '));
    });
  }

  it('for the wrong plugins and shapes', () => {
    const wrongReader = script();
    (wrongReader.steps as Array<Record<string, unknown>>)[0]!.stepType = 'ots';
    assert.match(problemsOf(wrongReader).join('\n'), /steps\[0\]\.stepType: must be "otsstream"/);
    assert.match(problemsOf({ job: { content: [{ reader: { name: 'mysqlreader', parameter: {} }, writer: { name: 'osswriter', parameter: {} } }] } }).join('\n'), /job\.content\[0\]\.reader\.name: must be "otsstreamreader"/);
    assert.match(problemsOf({ job: { content: [] } }).join('\n'), /job\.content: needs exactly one reader\/writer pair/);
    assert.match(problemsOf({ steps: [script().steps as unknown] }).join('\n'), /steps/);
    assert.match(problemsOf([1, 2]).join('\n'), /\(root\): must be an object/);
    assert.match(problemsOf({ reader: {} }).join('\n'), /not a DataWorks job/);
    assert.match(problemsOf(script(), { utcOffsetMinutes: 1000 }).join('\n'), /opts\.utcOffsetMinutes/);
    assert.match(problemsOf(script({ dataTable: '_1' })).join('\n'), /opts\.jobName: required: no job name can be derived/);
    assert.match(problemsOf(script(), { jobName: 'Bad Name' }).join('\n'), /^opts\.jobName: job names are/m);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(script({ dataTable: undefined, maxRetries: 'many' }, { bucket: undefined, encoding: 'GBK' }));
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), [
      'steps[0].parameter.dataTable', 'steps[0].parameter.maxRetries', 'steps[1].parameter.bucket', 'steps[1].parameter.encoding',
    ]);
  });
});

describe('fromDataWorks: odd but valid input', () => {
  it('ignores empty values, reports unknown fields, and keeps credentials that are parameters out', () => {
    const t = fromDataWorks(script({ accessKey: '${ak}', enableSeekIterator: true, endpoint: 'shop.cn-hangzhou.ots.aliyuncs.com', maxRetries: '' }, { compress: 'none', dateFormat: '', fieldDelimiter: '\\t' }));
    assert.equal(entry(t, 'steps[0].parameter.enableSeekIterator')?.status, 'unsupported');
    assert.equal(entry(t, 'steps[0].parameter.accessKey')?.status, 'ignored');
    assert.equal(t.connection.accessKeySecret, undefined);
    assert.deepEqual(t.keyFields, ['steps[0].parameter.accessId']);
    assert.equal(t.job.source.endpoint, 'https://shop.cn-hangzhou.ots.aliyuncs.com');
    assert.equal(entry(t, 'steps[0].parameter.maxRetries')?.note, 'empty');
    assert.equal(t.job.reader.maxRetries, 30);
    assert.equal(entry(t, 'steps[1].parameter.compress')?.status, 'ignored');
    assert.equal(t.job.sink.compress, 'none');
    assert.equal(t.job.sink.dateFormat, undefined);
    assert.equal(t.job.sink.fieldDelimiter, '\t');
  });

  it('takes a text delimiter of several characters, as the OSS Writer\'s text format does (csv needs one)', () => {
    for (const [given, delimiter] of [['||', '||'], ['\\u0001\\u0002', '\u0001\u0002'], ['\\t|', '\t|']]) {
      const t = fromDataWorks(script({}, { fileFormat: 'text', fieldDelimiter: given }));
      assert.equal(t.job.sink.fieldDelimiter, delimiter, given);
      assert.equal(entry(t, 'steps[1].parameter.fieldDelimiter')?.status, 'mapped');
    }
  });

  it('maps compress gzip to sink.compress (files for text formats, pages for parquet), and nothing else', () => {
    const gzip = fromDataWorks(script({}, { compress: 'GZIP' }));
    assert.equal(gzip.job.sink.compress, 'gzip');
    assert.equal(entry(gzip, 'steps[1].parameter.compress')?.status, 'mapped');
    const parquet = fromDataWorks(script({}, { compress: 'gzip', fileFormat: 'parquet' }));
    assert.equal(parquet.job.sink.compress, 'gzip');
    assert.match(entry(parquet, 'steps[1].parameter.compress')?.note ?? '', /GZIP codec/);
    const snappy = fromDataWorks(script({}, { compress: 'SNAPPY', fileFormat: 'parquet' }));
    assert.equal(snappy.job.sink.compress, 'none');
    assert.equal(entry(snappy, 'steps[1].parameter.compress')?.status, 'unsupported');
    assert.match(entry(snappy, 'steps[1].parameter.compress')?.note ?? '', /^Parquet pages are written uncompressed/);
  });

  it('refuses another compression for csv and text, whose objects would otherwise come out uncompressed, naming the field and the choices', () => {
    for (const [compress, fileFormat] of [['bzip2', 'csv'], ['BZIP2', 'text'], ['zip', undefined]] as const) {
      assert.deepEqual(problemsOf(script({}, { compress, fileFormat })), [
        `steps[1].parameter.compress: ${JSON.stringify(compress)} is not written by ots2oss, and its objects would not be what readers of the DataWorks output expect; set compress to none or gzip (.gz files)`,
      ], `${compress} ${fileFormat}`);
    }
  });

  it('uses the table name alias and throttles only when asked', () => {
    const json = script({ dataTable: undefined, table: 'orders' });
    (json.setting as Record<string, unknown>).speed = { throttle: 'true', mbps: '2.5', concurrent: '100' };
    const t = fromDataWorks(json);
    assert.equal(t.job.source.table, 'orders');
    assert.deepEqual(t.job.speed, { concurrency: 64, mbps: 2.5 });
    (json.setting as Record<string, unknown>).speed = { throttle: false, mbps: 12 };
    const unthrottled = fromDataWorks(json);
    assert.equal(unthrottled.job.speed.mbps, undefined);
    assert.equal(entry(unthrottled, 'setting.speed.mbps')?.status, 'ignored');
  });
});

describe('fromDataWorks: an object that is only "/"', () => {
  it('names the fix', () => {
    assert.deepEqual(problemsOf(script({}, { object: '/' })),
      ['steps[1].parameter.object: is only "/": give the prefix the objects go under, such as "export/orders/${bizdate}/"']);
  });
});

describe('fromDataWorks: date parameters in the object become {date}, the date of the window\'s data', () => {
  const notesOf = (object: string) => {
    const t = fromDataWorks(script({}, { object }));
    const fieldNotes = t.report.filter((e) => e.field === 'steps[1].parameter.object').map((e) => e.note);
    return { object: t.job.sink.object, fieldNotes, notes: t.notes };
  };

  it('says ${bizdate} (and ${yyyymmdd}) was the scheduled date minus one day, which {date} matches only for runs after the data\'s day', () => {
    for (const param of ['${bizdate}', '$bizdate', '${yyyymmdd}']) {
      const { object, fieldNotes, notes } = notesOf(`ots/orders/${param}/`);
      assert.equal(object, 'ots/orders/{date}');
      const said = (n: string) => n.startsWith(`${param} is the scheduled date minus one day; {date} is the date of each window's data.`) &&
        n.includes("a job that ran within the day (minute or hour schedules with ${startTime}/${endTime}) wrote under the previous day's date");
      assert.ok(!fieldNotes.some(said), `said once, in the notes: ${fieldNotes.join(' | ')}`);
      assert.equal(notes.filter((n) => said(n.replace(/^sink\.object: /, ''))).length, 1, `${param}: ${notes.join(' | ')}`);
    }
  });

  it('says $[yyyymmdd] was the scheduled date, a day after the data for a daily run after midnight', () => {
    const { fieldNotes, notes } = notesOf('ots/orders/$[yyyymmdd]/$[hh24]/');
    const said = /\$\[yyyymmdd\] is the scheduled date.*\{date\} is the date of each window's data.*a daily job run after midnight wrote a day's data under the next day's date/;
    assert.ok(!fieldNotes.some((n) => said.test(n)), fieldNotes.join(' | '));
    assert.ok(notes.some((n) => said.test(n)), notes.join(' | '));
    assert.ok(notes.some((n) => /\$\[hh24\] is the scheduled hour; \{hour\} is the hour each window starts/.test(n)), notes.join(' | '));
  });

  it('has nothing to say of an object without date parameters', () => {
    assert.deepEqual(notesOf('ots/orders/{window}/').notes, []);
  });
});


describe('fromDataWorks: the object\'s last segment began DataWorks\' file names (<object>__<uuid>)', () => {
  const day = { start: Date.parse('2026-11-25T00:00:00Z'), end: Date.parse('2026-11-25T00:05:00Z') };
  /** The folder of a key: what a table located at a folder reads. */
  const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);
  const dataWorksKey = (object: string) => `${object.replace(/^\/+/, '').replace('${bizdate}', '20261125')}__0f8e6c2a-uuid`;
  const ots2ossKey = (t: DataWorksTranslation) => dataKey({ prefix: windowPrefix(t.job, day), windowId: windowId(day) }, 'shard-1', 0, 'csv');

  it('writes into the folder DataWorks wrote into, and says which file-name prefix was dropped', () => {
    for (const [object, expected, dropped] of [
      ['ots/orders/${bizdate}/orders', 'ots/orders/{date}', 'orders'],
      ['ots/orders/${bizdate}/part', 'ots/orders/{date}', 'part'],
      ['/datax/order_items', 'datax', 'order_items'],
    ] as const) {
      const t = fromDataWorks(script({}, { object }));
      assert.equal(t.job.sink.object, expected, object);
      assert.equal(folderOf(ots2ossKey(t)), folderOf(dataWorksKey(object)), `${object}: ${ots2ossKey(t)} beside ${dataWorksKey(object)}`);
      const field = t.report.filter((e) => e.field === 'steps[1].parameter.object');
      assert.ok(field.some((e) => e.status === 'mapped' && e.note.includes(`its last segment "${dropped}" began DataWorks' file names`)), field.map((e) => e.note).join(' | '));
      assert.equal(t.notes.filter((n) => n.startsWith(`sink.object: the file-name prefix "${dropped}" is dropped`)).length, 1, t.notes.join(' | '));
    }
  });

  it('keeps a last segment holding a scheduling parameter as a folder, so each window gets its own, and says the layout changes', () => {
    const dayAt = (object: string) => object.replace('${bizdate}', '20261125').replace('$[hh24]', '00');
    for (const [object, expected, parent, partition] of [
      ['ots/orders/dt=${bizdate}', 'ots/orders/dt={date}', 'ots/orders', 'partitioned by dt finds them as its partitions'],
      ['ots/orders/${bizdate}', 'ots/orders/{date}', 'ots/orders', 'must add each folder as a partition or list recursively'],
      ['ots/orders/$[hh24]', 'ots/orders/{hour}', 'ots/orders', 'must add each folder as a partition or list recursively'],
      ['/ots/orders_${bizdate}', 'ots/orders_{date}', 'ots', 'must add each folder as a partition or list recursively'],
    ] as const) {
      const t = fromDataWorks(script({}, { object }));
      assert.equal(t.job.sink.object, expected, object);
      // DataWorks wrote ots/orders/dt=20261125__<uuid>; ots2oss writes into the folder ots/orders/dt=20261125/.
      assert.equal(folderOf(ots2ossKey(t)), `${dayAt(object).replace(/^\//, '')}/`, ots2ossKey(t));
      assert.equal(folderOf(dataWorksKey(object)), `${parent}/`);
      const field = t.report.filter((e) => e.field === 'steps[1].parameter.object');
      const segment = object.slice(object.lastIndexOf('/') + 1);
      const layout = field.find((e) => e.note.startsWith(`DataWorks wrote files named "${segment}__<uuid>" side by side in "${parent}/"`));
      assert.equal(layout?.status, 'unsupported', field.map((e) => `${e.status}: ${e.note}`).join(' | '));
      assert.ok(layout.note.includes(`"${segment}" becomes a folder: each window's objects go into "${expected}/"`), layout.note);
      assert.ok(layout.note.includes(partition), layout.note);
      assert.equal(t.notes.filter((n) => n.startsWith('sink.object: the layout changes: ')).length, 1, t.notes.join(' | '));
      assert.ok(!t.notes.some((n) => /is dropped/.test(n)), t.notes.join(' | '));
    }
  });

  it('keeps an object ending in "/", which DataWorks wrote into as a folder', () => {
    for (const object of ['ots/orders/${bizdate}/', '/export/orders/', 'ots/orders/dt=${bizdate}/']) {
      const t = fromDataWorks(script({}, { object }));
      assert.equal(folderOf(ots2ossKey(t)), folderOf(dataWorksKey(object)), object);
      assert.ok(!t.notes.some((n) => /is dropped|layout changes/.test(n)), t.notes.join(' | '));
    }
  });

  it('says loudly that objects DataWorks wrote at the bucket\'s root now go into a folder', () => {
    const t = fromDataWorks(script({}, { object: 'orders' }));
    assert.equal(t.job.sink.object, 'orders');
    assert.equal(entry(t, 'steps[1].parameter.object')?.status, 'unsupported');
    assert.ok(t.notes.some((n) => n.startsWith('sink.object: DataWorks wrote objects at the bucket\'s root, named "orders__<uuid>"; ots2oss writes into a folder, so its objects go into "orders/"')), t.notes.join(' | '));
  });
});
