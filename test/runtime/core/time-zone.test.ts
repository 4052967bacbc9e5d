import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatUtcOffset, offsetOf, utcOffsetMinutes } from '../../../runtime/core/time-zone.ts';

describe('time zone offsets', () => {
  it('reads UTC and ±HH:MM offsets as minutes east of UTC', () => {
    const cases: Array<[string, number]> = [['UTC', 0], ['Z', 0], ['+00:00', 0], ['+08:00', 480], ['-03:30', -210], ['+05:45', 345], ['+18:00', 1080], ['-18:00', -1080]];
    for (const [zone, minutes] of cases) assert.equal(utcOffsetMinutes(zone), minutes, zone);
  });

  it('refuses zone names, offsets without a colon or out of range', () => {
    for (const zone of ['Asia/Shanghai', 'CST', '+8', '+0800', '08:00', '+08:60', '+18:01', '+24:00', '', 'utc']) {
      assert.equal(utcOffsetMinutes(zone), undefined, zone);
    }
    assert.throws(() => offsetOf('Asia/Shanghai'), /sink\.timeZone: "Asia\/Shanghai" is not "UTC" or an offset such as "\+08:00"/);
  });

  it('writes minutes as the offset it reads back', () => {
    for (const minutes of [0, 480, -210, 345, 1080, -1080, 5, -59]) assert.equal(utcOffsetMinutes(formatUtcOffset(minutes)), minutes, String(minutes));
    assert.equal(formatUtcOffset(480), '+08:00');
    assert.equal(formatUtcOffset(-210), '-03:30');
    assert.equal(formatUtcOffset(0), '+00:00');
  });
});
