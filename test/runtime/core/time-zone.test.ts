import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../runtime/util/random.ts';
import { fixedZone, formatUtcOffset, offsetsInUse, timeZoneOf, utcOfLocal, utcOffsetMinutes, zoneOf } from '../../../runtime/core/time-zone.ts';

describe('time zone offsets', () => {
  it('reads UTC and ±HH:MM offsets as minutes east of UTC', () => {
    const cases: Array<[string, number]> = [['UTC', 0], ['Z', 0], ['+00:00', 0], ['+08:00', 480], ['-03:30', -210], ['+05:45', 345], ['+18:00', 1080], ['-18:00', -1080]];
    for (const [zone, minutes] of cases) assert.equal(utcOffsetMinutes(zone), minutes, zone);
  });

  it('refuses zone names, offsets without a colon or out of range', () => {
    for (const zone of ['Asia/Shanghai', 'CST', '+8', '+0800', '08:00', '+08:60', '+18:01', '+24:00', '', 'utc']) {
      assert.equal(utcOffsetMinutes(zone), undefined, zone);
    }
    assert.throws(() => zoneOf('CST'), /sink\.timeZone: "CST" is not "UTC", an offset such as "\+08:00" or an IANA zone/);
  });

  it('writes minutes as the offset it reads back', () => {
    for (const minutes of [0, 480, -210, 345, 1080, -1080, 5, -59]) assert.equal(utcOffsetMinutes(formatUtcOffset(minutes)), minutes, String(minutes));
    assert.equal(formatUtcOffset(480), '+08:00');
    assert.equal(formatUtcOffset(-210), '-03:30');
    assert.equal(formatUtcOffset(0), '+00:00');
  });

  it('reads IANA zones, whose offset follows daylight saving time', () => {
    const berlin = zoneOf('Europe/Berlin');
    assert.equal(berlin.fixedMinutes, undefined);
    // The 2026 switches: 01:00 UTC on 29 March and 25 October.
    const spring = Date.UTC(2026, 2, 29, 1, 0, 0);
    const autumn = Date.UTC(2026, 9, 25, 1, 0, 0);
    assert.equal(berlin.offsetMs(spring - 1), 60 * 60_000);
    assert.equal(berlin.offsetMs(spring), 120 * 60_000);
    assert.equal(berlin.offsetMs(autumn - 1), 120 * 60_000);
    assert.equal(berlin.offsetMs(autumn), 60 * 60_000);
    assert.equal(zoneOf('Asia/Kolkata').offsetMs(Date.UTC(2026, 0, 1)), 330 * 60_000);
    assert.equal(zoneOf('America/St_Johns').offsetMs(Date.UTC(2026, 6, 1)), -150 * 60_000);
    // Newfoundland switches at 02:00 local, 05:30 UTC: inside a UTC hour.
    const stJohns = zoneOf('America/St_Johns');
    // 2026, asked about often, is read from the year's table of switches; 2200 (outside 1900-2100) hour
    // by hour; 2027, asked about a few times, too.
    for (let i = 0; i < 100; i++) stJohns.offsetMs(Date.UTC(2026, 0, 1) + i * 1000);
    for (const day of [Date.UTC(2026, 2, 8), Date.UTC(2200, 2, 9), Date.UTC(2027, 2, 14)]) {
      const early = [day + 5 * 3_600_000, day + 5.5 * 3_600_000 - 1];
      const late = [day + 5.5 * 3_600_000, day + 6 * 3_600_000 - 1];
      for (const ms of [...early, ...late, ...early]) {
        assert.equal(stJohns.offsetMs(ms), (early.includes(ms) ? -210 : -150) * 60_000, new Date(ms).toISOString());
      }
    }
    // Before the year 1000 and after 9999 too: the same offset as the zone's standard time.
    assert.equal(zoneOf('Asia/Tokyo').offsetMs(Date.UTC(12000, 0, 1)), 540 * 60_000);
    assert.deepEqual(offsetsInUse(berlin), [60, 120]);
    assert.deepEqual(offsetsInUse(zoneOf('+05:45')), [345]);
  });

  it('reads an offset at any instant a timestamp can hold, BC and the range ends included', () => {
    // Intl is the source of truth; this checks the calendar arithmetic around it.
    const utc = zoneOf('Etc/GMT-3'); // POSIX sign: three hours east
    for (const ms of [0, -1, Date.UTC(-500, 5, 1, 12), Date.UTC(1, 0, 1), Date.UTC(99, 11, 31, 23, 59, 59, 999), 8.64e15, -8.64e15 + 3 * 3_600_000]) {
      assert.equal(utc.offsetMs(ms), 3 * 3_600_000, new Date(ms).toISOString());
    }
    const etcUtc = zoneOf('Etc/UTC'); // an IANA name, so it takes the Intl path
    const random = seededRandom(2026);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor((random() * 2 - 1) * 8.64e15);
      assert.equal(etcUtc.offsetMs(ms), 0, new Date(ms).toISOString());
    }
  });

  it('finds the instant a wall-clock time names, across the switches as Java reads them', () => {
    const berlin = zoneOf('Europe/Berlin');
    const wall = (iso: string) => Date.parse(`${iso}Z`);
    const cases: Array<[string, string]> = [
      ['2026-03-29T00:00:00', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29T02:30:00', '2026-03-29T01:30:00.000Z'], // skipped by the switch: read an hour on
      ['2026-03-29T03:00:00', '2026-03-29T01:00:00.000Z'],
      ['2026-10-25T02:30:00', '2026-10-25T00:30:00.000Z'], // occurs twice: the first
      ['2026-10-25T03:00:00', '2026-10-25T02:00:00.000Z'],
    ];
    for (const [local, utc] of cases) assert.equal(new Date(utcOfLocal(berlin, wall(local))).toISOString(), utc, local);
    assert.equal(new Date(utcOfLocal(fixedZone(480), wall('2026-01-01T00:00:00'))).toISOString(), '2025-12-31T16:00:00.000Z');
  });

  it('refuses names that are no zone, naming sink.timeZone', () => {
    for (const name of ['Mars/Olympus', 'Asia/Shangai', '', 'utc+8']) assert.equal(timeZoneOf(name), undefined, name);
    // Abbreviations Intl would take are ambiguous: CST is US Central there, China Standard Time to many.
    for (const name of ['CST', 'EST', 'PRC', 'GMT']) assert.equal(timeZoneOf(name), undefined, name);
    assert.throws(() => zoneOf('Asia/Shangai'), /sink\.timeZone: "Asia\/Shangai" is not "UTC", an offset such as "\+08:00" or an IANA zone/);
  });
});
