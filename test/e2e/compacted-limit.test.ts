import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, MINUTE, prefixAt, startE2E, T0, windowIdAt, type E2E } from '../support/e2e.ts';

// compacted mode keeps a window's keys in memory: a window with more keys than
// reader.compactedMaxKeys fails loudly before writing anything, and exports once the limit is raised.

const JOB = 'compacted-limit';
let e2e: E2E;

describe('e2e: compacted window over reader.compactedMaxKeys', () => {
  before(async () => {
    e2e = await startE2E([{ name: JOB, reader: { mode: 'compacted', compactedMaxKeys: 3 } }]);
    for (let k = 0; k < 5; k++) {
      e2e.pipeline.clock.set(T0 + 1000 * (k + 1));
      await applyChange(e2e.job(JOB), { kind: 'put', key: [`k${k}`, BigInt(k)], cells: [['s', `v${k}`]] });
    }
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
  });
  after(() => e2e?.close());

  it('fails the window with an error naming the setting and the fixes, writing and committing nothing', async () => {
    const summary = await e2e.tick(JOB);
    assert.equal(summary.ok, false);
    assert.match(summary.error?.message ?? '', /reader\.compactedMaxKeys: the window holds more than 3 distinct keys/);
    assert.match(summary.error?.message ?? '', /Lower window\.sizeMinutes/);
    assert.deepEqual(await e2e.oss.dataKeys(`exports/${JOB}/`), []);
    assert.equal(summary.windows.filter((w) => w.state === 'complete').length, 0);
  });

  it('exports the window, every key once, after the limit is raised', async () => {
    e2e.job(JOB).job.reader.compactedMaxKeys = 10;
    const summary = await e2e.tick(JOB);
    assert.ok(summary.ok, summary.error?.message);
    assert.deepEqual(summary.windows.map((w) => w.id), [windowIdAt(T0)]);
    const key = `${prefixAt(JOB, T0)}/${windowIdAt(T0)}_all_0000.csv`;
    assert.deepEqual(await e2e.oss.dataKeys(`exports/${JOB}/`), [key]);
    const lines = (await e2e.oss.get(key)).toString('utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(',').slice(0, 3).join(',')), ['id,n,s', 'k0,0,v0', 'k1,1,v1', 'k2,2,v2', 'k3,3,v3', 'k4,4,v4']);
  });
});
