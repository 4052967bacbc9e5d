import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { LineCounter, readObjectStats } from '../../runtime/cli/object-stats.ts';
import { windowId, windowPrefix } from '../../runtime/core/window.ts';
import { manifestKey } from '../../runtime/oss/sink.ts';
import { startFixture } from './harness.ts';

function count(counter: LineCounter, text: string, chunk: number): number {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) counter.update(bytes.subarray(i, i + chunk));
  return counter.rows();
}

describe('row counting', () => {
  it('counts csv records, not lines, whatever the chunking', () => {
    const csv = 'id,note\n1,"line\nbreak"\n2,"quote "" and\r\nCRLF"\n3,plain\n';
    for (const chunk of [1, 2, 5, 1000]) {
      assert.equal(count(new LineCounter(true, 1), csv, chunk), 3, `chunks of ${chunk}`);
      assert.equal(count(new LineCounter(false, 1), csv, chunk), 5, `text lines, chunks of ${chunk}`);
    }
  });

  it('counts a last line without its newline, and a header-only or empty object as no rows', () => {
    assert.equal(count(new LineCounter(false, 0), '{"a":1}\n{"a":2}', 3), 2);
    assert.equal(count(new LineCounter(true, 1), 'id,note\n', 4), 0);
    assert.equal(count(new LineCounter(true, 1), '', 4), 0);
    assert.equal(count(new LineCounter(false, 0), '', 4), 0);
  });
});

describe('readObjectStats against exported objects', () => {
  for (const [format, header] of [['csv', true], ['jsonl', false], ['parquet', false], ['text', false]] as const) {
    it(`${format}: size and MD5 of the bytes, rows as the manifest counts them`, async () => {
      const fx = await startFixture({ windows: 2, rows: 40, job: { sink: { bucket: 'ots2oss-cli', createBucket: {}, object: 'exports/{table}/{window}', fileFormat: format, header } } });
      try {
        const summary = await fx.exportWindows(fx.windows);
        assert.equal(summary.ok, true, summary.error?.message);
        const oss = fx.oss();
        let objects = 0;
        let split = 0;
        for (const w of fx.windows) {
          const prefix = windowPrefix(fx.job, w);
          const manifest = JSON.parse((await fx.adapters().sink.getText(manifestKey({ prefix, windowId: windowId(w) })))!) as {
            objects: Array<{ key: string; rows: number; bytes: number; md5: string }>;
          };
          for (const o of manifest.objects) {
            objects++;
            const stats = await readObjectStats(oss, o.key, format, header);
            const body = Buffer.from((await oss.get(o.key)).content as Uint8Array);
            assert.equal(stats.bytes, body.length);
            assert.equal(stats.md5, createHash('md5').update(body).digest('hex'));
            assert.equal(stats.md5, o.md5);
            if (format === 'text') {
              // The workload's values hold line breaks, which text does not escape: readers see more lines.
              assert.ok(stats.rows! >= o.rows, `${o.key}: ${stats.rows} lines for ${o.rows} rows`);
              if (stats.rows! > o.rows) split++;
            } else {
              assert.equal(stats.rows, o.rows, o.key);
            }
          }
        }
        assert.ok(objects > 0);
        if (format === 'text') assert.ok(split > 0, 'some text object has more lines than rows');
      } finally {
        await fx.close();
      }
    });
  }
});
