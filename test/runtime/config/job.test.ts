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
});
