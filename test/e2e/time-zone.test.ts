import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, MINUTE, startE2E, T0, type E2E } from '../support/e2e.ts';

// sink.timeZone: DataWorks renders dates and ${bizdate} prefixes in its resource group's zone,
// usually +08:00; a migrated job sets the zone and gets the same partitions and text.

const JOB = 'tz';
/** An IANA zone: on 14 March 2026 New York keeps daylight saving time (-04:00, not -05:00). */
const NY = 'tz-ny';
let e2e: E2E;

describe('e2e: sink.timeZone +08:00, and America/New_York', () => {
  before(async () => {
    e2e = await startE2E([
      { name: JOB, sink: { timeZone: '+08:00', dateFormat: "yyyy-MM-dd HH:mm:ssXXX" } },
      { name: NY, sink: { timeZone: 'America/New_York', dateFormat: "yyyy-MM-dd HH:mm:ssXXX" } },
    ]);
    e2e.pipeline.clock.set(T0 + 1000);
    await applyChange(e2e.job(JOB), { kind: 'put', key: ['a', 1n], cells: [['s', 'x']] });
    await applyChange(e2e.job(NY), { kind: 'put', key: ['a', 1n], cells: [['s', 'x']] });
    e2e.pipeline.clock.set(T0 + MINUTE + 11_000);
    for (const job of [JOB, NY]) {
      const summary = await e2e.tick(job);
      assert.ok(summary.ok, summary.error?.message);
    }
  });
  after(() => e2e?.close());

  it('puts the window under the local date and hour, keeps its id in UTC, and writes local times', async () => {
    // T0 is 10:00 UTC: 18:00 in +08:00.
    const keys = await e2e.oss.dataKeys(`exports/${JOB}/`);
    assert.equal(keys.length, 1);
    assert.ok(keys[0]!.startsWith(`exports/${JOB}/dt=20260314/hour=18/20260314T1000Z_`), keys[0]);
    const body = (await e2e.oss.get(keys[0]!)).toString('utf8');
    assert.match(body, /\na,1,s,2026-03-14 18:00:0\d\+08:00,x,U,/);
    assert.match(body, /\na,1,null,null,null,DR,/);
  });

  it('follows an IANA zone\'s daylight saving time in prefixes and text', async () => {
    const keys = await e2e.oss.dataKeys(`exports/${NY}/`);
    assert.equal(keys.length, 1);
    assert.ok(keys[0]!.startsWith(`exports/${NY}/dt=20260314/hour=06/20260314T1000Z_`), keys[0]);
    assert.match((await e2e.oss.get(keys[0]!)).toString('utf8'), /\na,1,s,2026-03-14 06:00:0\d-04:00,x,U,/);
  });
});
