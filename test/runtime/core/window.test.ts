import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/config/validation.ts';
import {
  dueWindows,
  explicitRangeProblems,
  explicitWindows,
  firstWindowStart,
  isAligned,
  nextWindow,
  oldestWholeWindowStart,
  parseWindowId,
  renderObjectPrefix,
  windowId,
  windowOf,
  WindowGapError,
  type TimeWindow,
} from '../../../runtime/core/window.ts';
import { forSeeds } from './random.ts';
import { fixedZone, zoneOf } from '../../../runtime/core/time-zone.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (w: TimeWindow): [string, string] => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];
const SIZES = [1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440];

describe('windowOf / nextWindow', () => {
  it('places an instant in its aligned window', () => {
    assert.deepEqual(iso(windowOf(at('2026-11-26T10:53:27.123Z'), 5)), ['2026-11-26T10:50:00.000Z', '2026-11-26T10:55:00.000Z']);
    assert.deepEqual(iso(windowOf(at('2026-11-26T10:55:00.000Z'), 5)), ['2026-11-26T10:55:00.000Z', '2026-11-26T11:00:00.000Z']);
    assert.deepEqual(iso(windowOf(at('2026-11-26T23:59:59.999Z'), 1440)), ['2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z']);
    assert.deepEqual(iso(nextWindow(windowOf(at('2026-11-26T23:58:00Z'), 15))), ['2026-11-27T00:00:00.000Z', '2026-11-27T00:15:00.000Z']);
  });

  it('holds the instant, is aligned, and tiles time (seeded)', () => {
    forSeeds(300, (r) => {
      const size = r.pick(SIZES);
      const ts = r.int(0, 4_102_444_800_000); // 1970..2100
      const w = windowOf(ts, size);
      assert.ok(w.start <= ts && ts < w.end, `${ts} in ${iso(w)}`);
      assert.equal(w.end - w.start, size * 60_000);
      assert.ok(isAligned(w.start, size));
      assert.deepEqual(windowOf(w.end - 1, size), w);
      assert.deepEqual(windowOf(w.end, size), nextWindow(w));
      // Windows of a size that divides another nest inside it.
      const outer = windowOf(ts, 1440);
      assert.ok(outer.start <= w.start && w.end <= outer.end);
    });
  });

  it('rejects sizes that do not divide a day', () => {
    for (const bad of [0, 7, 1.5, 2880, -5]) assert.throws(() => windowOf(0, bad), /divides a day/);
  });
});

describe('window ids', () => {
  it('is the UTC start as yyyyMMddTHHmmZ', () => {
    assert.equal(windowId(windowOf(at('2026-11-26T10:53:00Z'), 5)), '20261126T1050Z');
    assert.equal(windowId(windowOf(at('2027-01-01T00:00:00Z'), 60)), '20270101T0000Z');
  });

  it('round-trips and sorts as the windows do (seeded)', () => {
    forSeeds(50, (r) => {
      const size = r.pick(SIZES);
      const windows = Array.from({ length: 20 }, () => windowOf(r.int(946_684_800_000, 4_102_444_800_000), size));
      for (const w of windows) assert.deepEqual(parseWindowId(windowId(w), size), w);
      const byTime = [...windows].sort((a, b) => a.start - b.start).map(windowId);
      const byId = windows.map(windowId).sort();
      assert.deepEqual(byId, byTime);
    });
  });

  it('rejects malformed, impossible and unaligned ids', () => {
    assert.throws(() => parseWindowId('2026-11-26T10:50Z', 5), /yyyyMMddTHHmmZ/);
    assert.throws(() => parseWindowId('20260230T0000Z', 5), /not a real UTC date/);
    assert.throws(() => parseWindowId('20261126T2460Z', 5), /not a real UTC date/);
    assert.throws(() => parseWindowId('20261126T1053Z', 5), /does not start a 5-minute window/);
  });
});

describe('dueWindows', () => {
  const base = { sizeMinutes: 5, safetyLagSeconds: 60 };

  it('lists consecutive windows whose end is at least the safety lag old', () => {
    const due = dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:50:00Z'), nowMs: at('2026-11-26T11:01:00Z') });
    assert.deepEqual(due.map(windowId), ['20261126T1050Z', '20261126T1055Z']);
    const justBefore = dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:50:00Z'), nowMs: at('2026-11-26T11:00:59.999Z') });
    assert.deepEqual(justBefore.map(windowId), ['20261126T1050Z']);
    assert.deepEqual(dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:50:00Z'), nowMs: at('2026-11-26T10:55:59.999Z') }), []);
  });

  it('stops at max', () => {
    const due = dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:00:00Z'), nowMs: at('2026-11-26T12:00:00Z'), max: 3 });
    assert.deepEqual(due.map(windowId), ['20261126T1000Z', '20261126T1005Z', '20261126T1010Z']);
  });

  it('never lists a window that is not settled, whatever the inputs (seeded)', () => {
    forSeeds(200, (r) => {
      const size = r.pick(SIZES);
      const lag = r.int(0, 3600);
      const nowMs = r.int(1_700_000_000_000, 1_800_000_000_000);
      const last = windowOf(nowMs - r.int(0, 3 * 86_400_000), size).start;
      const due = dueWindows({ sizeMinutes: size, safetyLagSeconds: lag, lastCompleteEnd: last, nowMs });
      let expectedStart = last;
      for (const w of due) {
        assert.equal(w.start, expectedStart);
        assert.ok(w.end <= nowMs - lag * 1000);
        expectedStart = w.end;
      }
      assert.ok(expectedStart + size * 60_000 > nowMs - lag * 1000, 'the next window is not yet due');
    });
  });

  it('starts a new job from earliest, latest or a given time', () => {
    const nowMs = at('2026-11-26T11:07:00Z');
    // The oldest window the stream holds whole: 10:40-10:45 has lost its start, so 10:45.
    const earliest = dueWindows({ ...base, startFrom: 'earliest', oldestAvailableMs: at('2026-11-26T10:42:10Z'), nowMs });
    assert.equal(windowId(earliest[0] as TimeWindow), '20261126T1045Z');
    assert.equal(windowId(earliest.at(-1) as TimeWindow), '20261126T1100Z');
    assert.deepEqual(dueWindows({ ...base, startFrom: 'latest', nowMs }), []);
    assert.equal(firstWindowStart({ startFrom: 'latest', nowMs, sizeMinutes: 5 }), at('2026-11-26T11:05:00Z'));
    const given = dueWindows({ ...base, startFrom: '2026-11-26T12:52:00+02:00', nowMs });
    assert.deepEqual(given.map(windowId), ['20261126T1050Z', '20261126T1055Z', '20261126T1100Z']);
    assert.throws(() => dueWindows({ ...base, startFrom: 'earliest', nowMs }), /oldestAvailableMs/);
    assert.throws(() => dueWindows({ ...base, startFrom: 'yesterday', nowMs }), /ISO/);
  });

  it('starts an earliest job at the later of the oldest whole window and the oldest record\'s window', () => {
    const start = (available: string, record?: string) => windowId(windowOf(firstWindowStart({
      startFrom: 'earliest', oldestAvailableMs: at(available), oldestRecordMs: record === undefined ? undefined : at(record),
      nowMs: at('2026-11-26T11:07:00Z'), sizeMinutes: 5,
    }), 5));
    assert.equal(start('2026-11-26T10:45:00Z'), '20261126T1045Z', 'a window starting at the bound is whole');
    assert.equal(start('2026-11-26T10:45:00.001Z'), '20261126T1050Z');
    // Near the expiration, the oldest record's window is not whole any more.
    assert.equal(start('2026-11-26T10:42:10Z', '2026-11-26T10:30:02Z'), '20261126T1045Z');
    assert.equal(start('2026-11-26T10:42:10Z', '2026-11-26T10:43:00Z'), '20261126T1045Z');
    // A stream younger than its expiration starts at its first change.
    assert.equal(start('2026-11-26T10:42:10Z', '2026-11-26T10:53:20Z'), '20261126T1050Z');
    for (const size of SIZES) {
      const available = at('2026-11-26T10:42:10Z');
      const s = firstWindowStart({ startFrom: 'earliest', oldestAvailableMs: available, nowMs: at('2026-11-27T11:00:00Z'), sizeMinutes: size });
      assert.ok(isAligned(s, size) && s >= available && s - size * 60_000 < available, `size ${size}: the first edge at or after the bound`);
    }
  });

  it('continues from the recorded first window start until a window completes', () => {
    const due = dueWindows({ ...base, firstWindowStart: at('2026-11-26T10:55:00Z'), startFrom: 'latest', nowMs: at('2026-11-26T11:07:00Z') });
    assert.deepEqual(due.map(windowId), ['20261126T1055Z', '20261126T1100Z']);
  });

  it('fails loudly when the next window starts before the oldest data the stream holds', () => {
    const nowMs = at('2026-11-26T11:07:00Z');
    assert.throws(
      () => dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:00:00Z'), oldestAvailableMs: at('2026-11-26T10:20:00Z'), nowMs }),
      (e: unknown) => e instanceof WindowGapError && /expired before they were exported/.test(e.message),
    );
    // A first window the stream holds whole is not a gap.
    const first = dueWindows({ ...base, firstWindowStart: at('2026-11-26T10:45:00Z'), oldestAvailableMs: at('2026-11-26T10:42:10Z'), nowMs });
    assert.equal(windowId(first[0] as TimeWindow), '20261126T1045Z');
    // A job that never completed a window is told its start is too old, not that it lost records.
    assert.throws(
      () => dueWindows({ ...base, firstWindowStart: at('2026-11-26T10:35:00Z'), oldestAvailableMs: at('2026-11-26T10:42:10Z'), nowMs }),
      (e: unknown) => e instanceof WindowGapError && !e.exported && /first window starts at 2026-11-26T10:35:00.000Z/.test(e.message) &&
        /window\.startFrom/.test(e.message) && !/expired before they were exported/.test(e.message),
    );
  });

  it('takes a first window the stream holds only in part as a gap, whatever the window size', () => {
    const nowMs = at('2026-11-29T00:00:00Z');
    const available = at('2026-11-26T10:42:10Z');
    for (const size of SIZES) {
      const whole = oldestWholeWindowStart(available, size);
      const partial = windowOf(available, size).start;
      assert.equal(whole, partial === available ? partial : partial + size * 60_000, `size ${size}`);
      assert.equal(firstWindowStart({ startFrom: 'earliest', oldestAvailableMs: available, nowMs, sizeMinutes: size }), whole, `size ${size}: earliest starts there`);
      const from = (firstWindowStart: number) => dueWindows({ sizeMinutes: size, safetyLagSeconds: 0, firstWindowStart, oldestAvailableMs: available, nowMs });
      assert.equal(from(whole)[0]?.start, whole, `size ${size}: the oldest whole window is served`);
      if (partial === whole) continue;
      // Its start is gone: with 30- or 60-minute windows, records older than the stream keeps.
      assert.throws(() => from(partial), (e: unknown) => e instanceof WindowGapError && !e.exported && e.nextStartMs === partial, `size ${size}: ${windowId({ start: partial, end: partial })}`);
    }
    assert.equal(oldestWholeWindowStart(at('2026-11-26T10:30:00Z'), 30), at('2026-11-26T10:30:00Z'), 'a window starting at the bound is whole');
  });

  it('rejects a checkpoint that is not on a window edge (the size changed)', () => {
    assert.throws(() => dueWindows({ ...base, lastCompleteEnd: at('2026-11-26T10:52:00Z'), nowMs: at('2026-11-26T12:00:00Z') }), /not aligned to 5-minute windows/);
  });
});

describe('explicitWindows', () => {
  it('splits a range of milliseconds into windows', () => {
    const ws = explicitWindows({ startTimestampMillis: at('2026-11-26T10:00:00Z'), endTimestampMillis: at('2026-11-26T11:00:00Z') }, 15);
    assert.deepEqual(ws.map(windowId), ['20261126T1000Z', '20261126T1015Z', '20261126T1030Z', '20261126T1045Z']);
  });

  it('takes a yyyyMMdd day, in UTC or at an offset', () => {
    const utc = explicitWindows({ date: '20261126' }, 60);
    assert.equal(utc.length, 24);
    assert.deepEqual(iso(utc[0] as TimeWindow), ['2026-11-26T00:00:00.000Z', '2026-11-26T01:00:00.000Z']);
    const shanghai = explicitWindows({ date: '20261126' }, 60, fixedZone(480));
    assert.deepEqual([iso(shanghai[0] as TimeWindow)[0], iso(shanghai.at(-1) as TimeWindow)[1]], ['2026-11-25T16:00:00.000Z', '2026-11-26T16:00:00.000Z']);
    assert.equal(explicitWindows({ date: '20240229' }, 1440).length, 1);
  });

  it('names the field and suggests aligned values for an unaligned range', () => {
    const start = at('2017-10-19T16:10:00Z');
    const end = at('2017-10-19T16:26:00Z');
    assert.throws(() => explicitWindows({ startTimestampMillis: start, endTimestampMillis: end }, 15), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems.map((p) => p.split(':')[0]), ['startTimestampMillis', 'endTimestampMillis']);
      assert.match(e.message, new RegExp(`use ${at('2017-10-19T16:00:00Z')} or ${at('2017-10-19T16:15:00Z')}`));
      return true;
    });
    assert.throws(() => explicitWindows({ date: '20261126' }, 60, fixedZone(330)), /date \(start 2026-11-25T18:30:00.000Z\)/);
    // A day in an IANA zone runs from local midnight to local midnight: 23 or 25 hours at the switches.
    const berlin = zoneOf('Europe/Berlin');
    assert.equal(explicitWindows({ date: '20260329' }, 60, berlin).length, 23);
    const autumn = explicitWindows({ date: '20261025' }, 60, berlin);
    assert.equal(autumn.length, 25);
    assert.equal(new Date(autumn[0]!.start).toISOString(), '2026-10-24T22:00:00.000Z');
  });

  it('rejects incomplete, conflicting and impossible ranges', () => {
    const cases: Array<[Parameters<typeof explicitWindows>[0], RegExp]> = [
      [{}, /give startTimestampMillis and endTimestampMillis, or date/],
      [{ startTimestampMillis: 0 }, /endTimestampMillis: required/],
      [{ date: '20261126', endTimestampMillis: 0 }, /date: give date or startTimestampMillis\/endTimestampMillis, not both/],
      [{ startTimestampMillis: 600_000, endTimestampMillis: 300_000 }, /must be later than startTimestampMillis/],
      [{ startTimestampMillis: 0, endTimestampMillis: 1.5 }, /whole number/],
      [{ date: '20230230' }, /not a calendar day/],
      [{ date: '2026-11-26' }, /yyyyMMdd/],
    ];
    for (const [range, message] of cases) {
      assert.throws(() => explicitWindows(range, 5), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(range));
    }
  });
});

describe('explicitRangeProblems', () => {
  it('takes a date alone or start and end together, naming fields as the caller calls them', () => {
    for (const range of [{}, { date: '20261126' }, { startTimestampMillis: 0, endTimestampMillis: 300_000 }]) {
      assert.deepEqual(explicitRangeProblems(range), [], JSON.stringify(range));
    }
    assert.deepEqual(explicitRangeProblems({ startTimestampMillis: 0 }), ['endTimestampMillis: required with startTimestampMillis (or give date yyyyMMdd for a whole day)']);
    assert.deepEqual(explicitRangeProblems({ endTimestampMillis: 0 }), ['startTimestampMillis: required with endTimestampMillis (or give date yyyyMMdd for a whole day)']);
    const flags = { date: '--date', startTimestampMillis: '--start', endTimestampMillis: '--end' };
    assert.deepEqual(explicitRangeProblems({ endTimestampMillis: 0 }, flags), ['--start: required with --end (or give --date yyyyMMdd for a whole day)']);
    assert.deepEqual(explicitRangeProblems({ date: '20261126', startTimestampMillis: 0 }, flags), ['--date: give --date or --start/--end, not both']);
  });
});

describe('renderObjectPrefix', () => {
  const window = windowOf(at('2026-11-26T09:05:00Z'), 5);
  const ctx = { instance: 'shop', table: 'orders', job: 'orders-export', window, zone: fixedZone(0) };

  it('fills every placeholder from the window start in UTC', () => {
    assert.equal(
      renderObjectPrefix('{instance}/{table}/{job}/dt={date}/hour={hour}/minute={minute}/{window}', ctx),
      'shop/orders/orders-export/dt=20261126/hour=09/minute=05/20261126T0905Z',
    );
    assert.equal(renderObjectPrefix('plain/prefix', ctx), 'plain/prefix');
  });

  it('takes {date}, {hour} and {minute} in the job time zone, and {window} always in UTC', () => {
    const template = 'dt={date}/hour={hour}/minute={minute}/{window}';
    const evening = { ...ctx, window: windowOf(at('2026-11-26T16:05:00Z'), 5) };
    assert.equal(renderObjectPrefix(template, { ...evening, zone: fixedZone(480) }), 'dt=20261127/hour=00/minute=05/20261126T1605Z');
    assert.equal(renderObjectPrefix(template, { ...evening, zone: fixedZone(-210) }), 'dt=20261126/hour=12/minute=35/20261126T1605Z');
    assert.equal(renderObjectPrefix(template, { ...evening, zone: fixedZone(0) }), 'dt=20261126/hour=16/minute=05/20261126T1605Z');
    // An IANA zone renders each window at its start's offset: summer time, then winter time.
    const berlin = zoneOf('Europe/Berlin');
    const startingAt = (iso: string) => ({ ...evening, window: { start: Date.parse(iso), end: Date.parse(iso) + 5 * 60_000 }, zone: berlin });
    assert.equal(renderObjectPrefix('dt={date}/hour={hour}', startingAt('2026-10-25T00:55:00Z')), 'dt=20261025/hour=02');
    assert.equal(renderObjectPrefix('dt={date}/hour={hour}', startingAt('2026-10-25T01:00:00Z')), 'dt=20261025/hour=02');
    assert.equal(renderObjectPrefix('dt={date}/hour={hour}', startingAt('2026-10-25T02:00:00Z')), 'dt=20261025/hour=03');
  });

  it('rejects unknown placeholders, including inherited names', () => {
    assert.throws(() => renderObjectPrefix('{day}/x', ctx), /unknown placeholder \{day\}/);
    assert.throws(() => renderObjectPrefix('{constructor}', ctx), /unknown placeholder/);
  });
});
