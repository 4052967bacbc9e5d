import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateRemainingMs, formatDuration, ProgressView, renderBar } from '../../runtime/cli/progress.ts';

describe('progress', () => {
  it('formats durations for people', () => {
    assert.deepEqual([0, 12_400, 200_000, 3_720_000].map(formatDuration), ['0s', '12s', '3m20s', '1h02m']);
  });

  it('estimates from this run\'s pace only', () => {
    assert.equal(estimateRemainingMs(0, 5_000, 10), undefined);
    assert.equal(estimateRemainingMs(4, 8_000, 6), 12_000);
  });

  it('draws a bar with count, percentage, current window and estimate', () => {
    const bar = renderBar({ total: 48, done: 12, doneThisRun: 4, elapsedMs: 40_000, current: '20261126T1100Z' }, 24);
    assert.equal(bar, `[${'#'.repeat(6)}${'.'.repeat(18)}]  12/48   25%  20261126T1100Z  ETA 6m00s`);
    assert.match(renderBar({ total: 2, done: 2, doneThisRun: 2, elapsedMs: 3_000 }), /\[#+\]  2\/2  100%  done in 3s$/);
  });

  it('redraws in place on a terminal and writes one line per window otherwise', () => {
    let clock = 0;
    const tty: string[] = [];
    const lines: string[] = [];
    const step = { id: '20261126T1100Z', records: 5, rows: 7, objects: 1, bytes: 2048, durationMs: 1000 };
    for (const [out, isTty] of [[tty, true], [lines, false]] as const) {
      const view = new ProgressView({ total: 3, done: 1, tty: isTty, write: (s) => out.push(s), now: () => clock, width: 6 });
      view.started('20261126T1100Z');
      clock += 2_000;
      view.finished(step);
      view.note('hello');
      view.end();
    }
    assert.deepEqual(tty, [
      '\r\x1b[K[##....]  1/3   33%  20261126T1100Z  ETA --',
      '\r\x1b[K[####..]  2/3   66%  ETA 2s',
      '\r\x1b[K', 'hello\n', '\r\x1b[K[####..]  2/3   66%  ETA 2s',
      '\n',
    ]);
    assert.deepEqual(lines, ['[2/3] 20261126T1100Z  5 records -> 7 rows, 1 object(s), 2.0 KiB  in 1.0s  ETA 2s\n', 'hello\n']);
  });
});
