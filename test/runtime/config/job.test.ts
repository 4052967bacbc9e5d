import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobSchema } from '../../../runtime/config/job.ts';
import { ConfigError, parseOrThrow } from '../../../runtime/config/validation.ts';

const minimal = { name: 'orders', source: { instance: 'shop', table: 'orders' }, sink: { bucket: 'shop-export' } };

describe('job schema', () => {
  it('fills safe defaults for a minimal job', () => {
    const job = parseOrThrow(jobSchema, minimal, 'job');
    assert.equal(job.reader.mode, 'multi_version');
    assert.equal(job.reader.maxRetries, 30);
    assert.equal(job.sink.writeMode, 'truncate');
    assert.equal(job.sink.nullFormat, 'null');
    assert.equal(job.window.sizeMinutes, 5);
    assert.equal(job.source.statusTable, 'ots2oss_status');
  });

  it('names every bad field and the rule it breaks', () => {
    const bad = {
      ...minimal,
      name: 'Orders',
      source: { instance: '9shop', table: 'orders', statusTable: 'orders' },
      window: { sizeMinutes: 7 },
      reader: { mode: 'single_version_and_update_only' },
      sink: { bucket: 'Shop_Export', object: '{day}/x', fieldDelimiter: '||' },
    };
    assert.throws(() => parseOrThrow(jobSchema, bad, 'job'), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const paths = e.problems.map((p) => p.split(':')[0]);
      assert.deepEqual(new Set(paths), new Set([
        'name', 'source.instance', 'source.statusTable', 'window.sizeMinutes',
        'reader.column', 'sink.bucket', 'sink.object', 'sink.fieldDelimiter',
      ]));
      assert.match(e.message, /instance names are 3-16/);
      return true;
    });
  });

  it('rejects a column list in multi_version mode, which exports every column', () => {
    const result = jobSchema.safeParse({ ...minimal, reader: { column: ['a'] } });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((i) => i.path.join('.')), ['reader.column']);
    assert.match(result.error?.issues[0]?.message ?? '', /multi_version exports every column/);
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    const result = jobSchema.safeParse({ ...minimal, sink: { bucket: 'shop-export', writemode: 'append' } });
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.error?.issues), /writemode/);
  });

  it('takes sink.timeZone as UTC, a fixed offset or an IANA zone, and names the field otherwise', () => {
    assert.equal(parseOrThrow(jobSchema, minimal, 'job').sink.timeZone, 'UTC');
    for (const zone of ['+08:00', 'Asia/Shanghai', 'Europe/Berlin']) {
      assert.equal(parseOrThrow(jobSchema, { ...minimal, sink: { bucket: 'shop-export', timeZone: zone } }, 'job').sink.timeZone, zone);
    }
    for (const zone of ['Mars/Olympus', 'CST8', '+0800']) {
      assert.throws(() => parseOrThrow(jobSchema, { ...minimal, sink: { bucket: 'shop-export', timeZone: zone } }, 'job'),
        /sink\.timeZone: use "UTC", a fixed offset such as "\+08:00" \(China Standard Time\) or an IANA zone/, zone);
    }
  });

  it('refuses windows that would straddle two local dates or hours of the prefix', () => {
    const job = (sizeMinutes: number, timeZone: string, object?: string) =>
      jobSchema.safeParse({ ...minimal, window: { sizeMinutes }, sink: { bucket: 'shop-export', timeZone, ...(object ? { object } : {}) } });
    const daily = job(1440, '+08:00');
    assert.equal(daily.success, false);
    assert.deepEqual(daily.error?.issues.map((i) => i.path.join('.')), ['sink.timeZone']);
    assert.match(daily.error?.issues[0]?.message ?? '', /divides 480/);
    assert.equal(job(60, '+08:00').success, true);
    assert.equal(job(60, '+05:30').success, false, 'hours at :30 UTC');
    assert.equal(job(30, '+05:30').success, true);
    assert.equal(job(1440, '+08:00', 'exports/{table}/{window}').success, true, 'no local date in the prefix');
    // IANA zones: every offset the zone uses must fit the grid, summer time included.
    assert.equal(job(60, 'Europe/Berlin').success, true);
    const berlinDaily = job(1440, 'Europe/Berlin');
    assert.match(berlinDaily.error?.issues[0]?.message ?? '', /Europe\/Berlin \(at its offset \+01:00\).*divides 60 and 120/);
    const stJohns = job(60, 'America/St_Johns');
    assert.equal(stJohns.success, false, 'Newfoundland: -03:30 and -02:30');
    assert.equal(job(30, 'America/St_Johns').success, true);
  });

  it('drops trailing "/" from sink.object, which the exporter joins to object names with "/"', () => {
    const object = (o: string) => parseOrThrow(jobSchema, { ...minimal, sink: { bucket: 'shop-export', object: o } }, 'job').sink.object;
    assert.equal(object('slash/{table}/'), 'slash/{table}');
    assert.equal(object('exports//'), 'exports');
    assert.equal(object('exports/{date}'), 'exports/{date}');
    assert.throws(() => object('/'), /sink\.object: must not start with "\/"/);
  });

  it('checks sink.dateFormat when the job is read, naming the letter and what is supported', () => {
    const dateFormat = (f: string) => jobSchema.safeParse({ ...minimal, sink: { bucket: 'shop-export', dateFormat: f } });
    assert.equal(dateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSX").success, true);
    const hours12 = dateFormat('yyyy-MM-dd hh:mm:ss');
    assert.deepEqual(hours12.error?.issues.map((i) => i.path.join('.')), ['sink.dateFormat']);
    assert.match(hours12.error?.issues[0]?.message ?? '', /letter 'h' at position 11 is not supported\. Supported letters: yyyy MM dd HH mm ss SSS X Z/);
    assert.match(dateFormat("yyyy'T").error?.issues[0]?.message ?? '', /quote at position 4 is never closed/);
  });

  it('says what to write instead: column types, startFrom, endpoints, an empty object', () => {
    const problems = (changes: Record<string, unknown>) => {
      const result = jobSchema.safeParse({ ...minimal, ...changes });
      assert.equal(result.success, false, JSON.stringify(changes));
      return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    assert.deepEqual(problems({ reader: { mode: 'compacted', column: [{ name: 'qty', type: 'int' }] } }),
      ['reader.column.0: type "int" is not one of string, int64, double, boolean, binary, any']);
    assert.match(problems({ reader: { mode: 'compacted', column: [7] } })[0]!,
      /^reader\.column\.0: a column is a name such as "col1", or \{"name": "col1", "type": T\} with T one of string, int64/);
    for (const startFrom of ['2026-11-26', '2026-11-26T00:00:00', 'yesterday', 5]) {
      assert.deepEqual(problems({ window: { startFrom } }),
        ['window.startFrom: use "earliest", "latest" or an ISO time with its offset, such as 2026-11-26T00:00:00+08:00 or 2026-11-26T00:00:00Z'], String(startFrom));
    }
    assert.deepEqual(problems({ source: { ...minimal.source, endpoint: 'ftp://shop.cn-hangzhou.ots.aliyuncs.com' } }),
      ['source.endpoint: must be an http:// or https:// URL such as https://my-instance.cn-hangzhou.ots.aliyuncs.com']);
    assert.deepEqual(problems({ sink: { bucket: 'shop-export', endpoint: 'oss-cn-hangzhou.aliyuncs.com' } }),
      ['sink.endpoint: must be an http:// or https:// URL such as https://oss-cn-hangzhou.aliyuncs.com']);
    assert.deepEqual(problems({ sink: { bucket: 'shop-export', object: '' } }),
      ['sink.object: must name the key prefix objects go under, such as "exports/{table}/dt={date}"']);
  });
});

