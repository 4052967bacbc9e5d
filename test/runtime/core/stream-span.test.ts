import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeNotHeld, firstWindowNotHeld, streamSpan, WindowNotHeldError } from '../../../runtime/core/stream-span.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const windows = (fromMin: number, count: number, size = 5) =>
  Array.from({ length: count }, (_, i) => ({ start: T0 + (fromMin + i * size) * MIN, end: T0 + (fromMin + (i + 1) * size) * MIN }));

describe('what a stream serves', () => {
  it('reads its span from the expiration (less 10 minutes) and the creation time in microseconds', () => {
    assert.deepEqual(streamSpan({ expirationHours: 24, createdMicros: (T0 + 90_000) * 1000 + 7 }, T0 + 24 * 60 * MIN), {
      oldestAvailableMs: T0 + 10 * MIN, createdMs: T0 + 90_000,
    });
    assert.equal(streamSpan({ expirationHours: 24 }, T0).createdMs, undefined);
  });

  it('refuses windows before the stream was enabled, and serves the one holding its creation', () => {
    const span = { oldestAvailableMs: T0 - 600 * MIN, createdMs: T0 + 7 * MIN };
    const found = firstWindowNotHeld(windows(-10, 4), span, 5);
    assert.deepEqual(found, { window: windows(-10, 1)[0], reason: 'before-stream', servedFromMs: T0 + 5 * MIN });
    assert.equal(firstWindowNotHeld(windows(5, 3), span, 5), undefined);
    const message = new WindowNotHeldError(found!, span).message;
    assert.match(message, /window 20261126T0950Z cannot be exported whole: the stream was enabled at 2026-11-26T10:07:00.000Z and holds no change from before\. Nothing was exported; ask for windows from 20261126T1005Z on\./);
  });

  it('refuses windows the stream no longer holds whole', () => {
    const span = { oldestAvailableMs: T0 + 2 * MIN };
    const found = firstWindowNotHeld(windows(0, 3), span, 5);
    assert.equal(found?.reason, 'expired');
    assert.equal(found?.servedFromMs, T0 + 5 * MIN);
    assert.match(describeNotHeld(found!, span).problem, /holds records only from 2026-11-26T10:02:00.000Z \(older ones expire\)/);
    // A window starting exactly at the oldest commit held is whole.
    assert.equal(firstWindowNotHeld(windows(0, 1), { oldestAvailableMs: T0 }, 5), undefined);
  });
});
