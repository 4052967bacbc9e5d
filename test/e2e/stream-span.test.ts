import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyChange, MINUTE, startE2E, T0, type E2E } from '../support/e2e.ts';

// Windows from before the stream was enabled hold no change the stream can give: exporting them would
// write empty windows marked complete. An explicit run and a startFrom there are refused instead.
// The e2e streams are enabled at T0.

describe('windows before the stream was enabled', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E([{ name: 'asked' }, { name: 'started', window: { startFrom: new Date(T0 - 30 * MINUTE).toISOString() } }]);
    e.pipeline.clock.set(T0 + 20_000);
    await applyChange(e.job('asked'), { kind: 'put', key: ['a', 1n], cells: [['v', 'x']] });
    e.pipeline.clock.set(T0 + 3 * MINUTE);
  });
  after(() => e.close());

  it('an explicit run asking for them fails, names the first window served, and writes nothing', async () => {
    const windows = [-2, -1, 0].map((m) => ({ start: T0 + m * MINUTE, end: T0 + (m + 1) * MINUTE }));
    const run = await e.tick('asked', { windows });
    assert.equal(run.ok, false);
    assert.equal(run.error?.name, 'WindowNotHeldError');
    assert.match(run.error!.message, /window 20260314T0958Z cannot be exported whole: the stream was enabled at 2026-03-14T10:00:00\.000Z and holds no change from before\. Nothing was exported; ask for windows from 20260314T1000Z on/);
    assert.deepEqual(await e.oss.keys('exports/asked/'), []);
    // From the window holding the creation on, it exports.
    const served = await e.tick('asked', { windows: windows.slice(2) });
    assert.equal(served.ok, true, served.error?.message);
    assert.equal(served.records, 1);
  });

  it('a job told to start there fails, naming window.startFrom, and writes nothing', async () => {
    const run = await e.tick('started');
    assert.equal(run.ok, false);
    assert.match(run.error!.message, /window\.startFrom: 2026-03-14T09:30:00\.000Z is before the stream was enabled \(2026-03-14T10:00:00\.000Z\).*set it to "earliest" or a later time/);
    assert.deepEqual(await e.oss.keys('exports/started/'), []);
    assert.equal(await e.jobState('started'), undefined, 'no start is recorded');
  });
});
