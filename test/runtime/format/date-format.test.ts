import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileDateFormat } from '../../../runtime/format/index.ts';
import { zoneOf } from '../../../runtime/core/time-zone.ts';
import { ConfigError } from '../../../runtime/config/validation.ts';

describe('dateFormat', () => {
  it('formats the supported fields in UTC, padded to the letter count', () => {
    const at = Date.UTC(2024, 1, 29, 3, 4, 5, 6);
    const cases: Array<[string, string]> = [
      ['yyyy-MM-dd HH:mm:ss', '2024-02-29 03:04:05'],
      ['yyyyMMdd', '20240229'],
      ["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-02-29T03:04:05.006Z'],
      ['yy/M/d H:m:s.S', '24/2/29 3:4:5.6'],
      ['yyyy-MM-dd HH:mm:ss Z', '2024-02-29 03:04:05 +0000'],
      ["'day' dd 'of' MM, ''yy", "day 29 of 02, '24"],
      ["HH 'o''clock'", "03 o'clock"],
      ['SSSS', '0006'],
    ];
    for (const [pattern, expected] of cases) assert.equal(compileDateFormat(pattern).format(at), expected, pattern);
  });

  it('agrees with Date for instants across four centuries, before 1970 too', () => {
    const f = compileDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 48271) % 2147483647;
      const ms = Math.round((seed / 2147483647 - 0.5) * 2 * 8e12) + (i % 2 ? 0 : 946_684_800_000);
      assert.equal(f.format(ms), new Date(ms).toISOString(), String(ms));
    }
    for (const ms of [0, -1, 951_782_400_000 - 1, 951_782_400_000, 4_107_542_400_000]) {
      assert.equal(f.format(ms), new Date(ms).toISOString());
    }
  });

  it('writes local time and the offset in a fixed-offset zone, as Java does', () => {
    const at = Date.UTC(2024, 1, 29, 20, 4, 5, 6);
    const cases: Array<[number, string, string]> = [
      [480, 'yyyy-MM-dd HH:mm:ss.SSS', '2024-03-01 04:04:05.006'],
      [480, 'yyyy-MM-dd HH:mm:ss X', '2024-03-01 04:04:05 +08'],
      [480, "yyyy-MM-dd'T'HH:mm:ssXX", '2024-03-01T04:04:05+0800'],
      [480, "yyyy-MM-dd'T'HH:mm:ssXXX", '2024-03-01T04:04:05+08:00'],
      [480, 'HH:mm Z', '04:04 +0800'],
      [-210, "yyyy-MM-dd'T'HH:mmXXX", '2024-02-29T16:34-03:30'],
      [-210, 'HH:mm X', '16:34 -03'],
      [0, "HH:mmXXX Z", '20:04Z +0000'],
    ];
    for (const [offset, pattern, expected] of cases) assert.equal(compileDateFormat(pattern, offset).format(at), expected, `${pattern} at ${offset}`);
  });

  it('follows daylight saving time in an IANA zone, offset text included', () => {
    const berlin = zoneOf('Europe/Berlin');
    const f = compileDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX", berlin);
    assert.equal(f.format(Date.UTC(2026, 0, 15, 12, 0, 0)), '2026-01-15T13:00:00+01:00');
    assert.equal(f.format(Date.UTC(2026, 6, 15, 12, 0, 0)), '2026-07-15T14:00:00+02:00');
    // The autumn switch: 00:59:59 UTC is 02:59:59 summer time, 01:00:00 UTC is 02:00:00 winter time.
    assert.equal(f.format(Date.UTC(2026, 9, 25, 0, 59, 59)), '2026-10-25T02:59:59+02:00');
    assert.equal(f.format(Date.UTC(2026, 9, 25, 1, 0, 0)), '2026-10-25T02:00:00+01:00');
    assert.equal(compileDateFormat('HH:mm X', zoneOf('Asia/Kolkata')).format(Date.UTC(2026, 0, 1)), '05:30 +05');
  });

  it('rejects unsupported or malformed patterns with an error naming sink.dateFormat', () => {
    for (const [pattern, why] of [
      ['yyyy-MM-ddTHH:mm', /letter 'T'/],
      ['yyyy-MMM-dd', /MMM/],
      ['EEE yyyy', /letter 'E'/],
      ['hh:mm a', /letter 'h'/],
      ['HH:mmXXXX', /X takes 1 to 3 letters/],
      ["yyyy 'open", /never closed/],
      ["'only text'", /no date or time field/],
      ['---', /no date or time field/],
    ] as const) {
      assert.throws(
        () => compileDateFormat(pattern),
        (e: unknown) => e instanceof ConfigError && e.message.includes('sink.dateFormat') && why.test(e.message),
        pattern,
      );
    }
  });
});
