import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../runtime/cli/command.ts';
import { parseInstant, windowAt, windowsBetween } from '../../runtime/cli/window-range.ts';
import { zoneOf } from '../../runtime/core/time-zone.ts';

const T = Date.UTC(2026, 10, 26, 10, 50);

describe('window ranges on the command line', () => {
  it('reads window ids, zoned ISO times, days and epoch milliseconds', () => {
    assert.equal(parseInstant('20261126T1050Z', 'from', 5), T);
    assert.equal(parseInstant('2026-11-26T10:50:00Z', 'from', 5), T);
    assert.equal(parseInstant('2026-11-26T18:50+08:00', 'from', 5), T);
    assert.equal(parseInstant('2026-11-26', 'from', 5), Date.UTC(2026, 10, 26));
    assert.equal(parseInstant(String(T), 'from', 5), T);
  });

  it('reads a day in the job\'s zone, as its {date} prefixes name days; other forms carry their own zone', () => {
    const shanghai = zoneOf('+08:00');
    assert.equal(parseInstant('2026-11-26', 'from', 5, shanghai), Date.UTC(2026, 10, 25, 16));
    assert.equal(parseInstant('2026-07-01', 'from', 5, zoneOf('Europe/Berlin')), Date.UTC(2026, 5, 30, 22), 'summer time: UTC+2');
    assert.equal(parseInstant('2026-12-01', 'from', 5, zoneOf('Europe/Berlin')), Date.UTC(2026, 10, 30, 23), 'winter time: UTC+1');
    for (const text of ['20261126T1050Z', '2026-11-26T10:50:00Z', '2026-11-26T18:50+08:00', String(T)]) {
      assert.equal(parseInstant(text, 'from', 5, shanghai), T, text);
    }
    // Berlin's autumn day has 25 hours.
    const autumn = windowsBetween('2026-10-25', '2026-10-26', 60, zoneOf('Europe/Berlin'));
    assert.equal(autumn.length, 25);
    assert.equal(autumn[0]!.start, Date.UTC(2026, 9, 24, 22));
    assert.deepEqual(windowAt('2026-11-26', 'window', 60, shanghai), { start: Date.UTC(2026, 10, 25, 16), end: Date.UTC(2026, 10, 25, 17) });
  });

  it('refuses times without a zone, misaligned window ids and non-dates, naming the flag', () => {
    assert.throws(() => parseInstant('2026-11-26T10:50', 'from', 5), (e: Error) => e instanceof UsageError && /--from 2026-11-26T10:50: give the time zone/.test(e.message));
    assert.throws(() => parseInstant('20261126T1051Z', 'to', 5), /--to 20261126T1051Z: .*does not start a 5-minute window/);
    assert.throws(() => parseInstant('yesterday', 'to', 5), /--to yesterday: give the time zone/);
  });

  it('lists the windows of [from, to) and insists on window edges', () => {
    const ws = windowsBetween('20261126T1050Z', '2026-11-26T11:05:00Z', 5);
    assert.deepEqual(ws.map((w) => w.start), [T, T + 300_000, T + 600_000]);
    assert.throws(() => windowsBetween('2026-11-26T10:52:00Z', '20261126T1100Z', 5), /--from 2026-11-26T10:52:00.000Z is not on a 5-minute window edge; use 20261126T1050Z or 20261126T1055Z/);
    assert.throws(() => windowsBetween('20261126T1100Z', '20261126T1100Z', 5), /--to must be later than --from/);
  });

  it('takes the window holding an instant for a single window', () => {
    assert.deepEqual(windowAt('2026-11-26T10:53:10Z', 'window', 5), { start: T, end: T + 300_000 });
  });

  it('refuses days that do not exist instead of rolling them into the next month', () => {
    for (const text of ['2026-02-30', '2026-11-31', '2026-13-01', '2026-11-31T10:00:00Z', '2026-02-29T23:00+08:00']) {
      assert.throws(() => parseInstant(text, 'from', 5), (e: Error) => e instanceof UsageError && e.message.includes(`--from ${text}: ${text.slice(0, 10)} is not a calendar day`), text);
    }
    assert.equal(parseInstant('2028-02-29', 'from', 5), Date.UTC(2028, 1, 29), 'a leap day');
  });
});

