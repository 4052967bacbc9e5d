import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longestGapSeconds, scheduleProblem } from '../../stacks/schedule.ts';

describe('FC timer schedules', () => {
  for (const ok of [
    '@every 1m', '@every 90m', '@every 1h', '@every 1h30m',
    '0 */5 * * * *', '0 0 4 * * ?', '0 0 4 ? * MON-FRI', '0 0,30 8-18 * JAN-DEC *', '0 0 0 1 1/2 ?',
    '30 15 10 1 * *', 'CRON_TZ=Asia/Shanghai 0 0 4 * * *', '  0 5 * * * *  ',
  ]) {
    it(`accepts ${JSON.stringify(ok)}`, () => assert.equal(scheduleProblem(ok), undefined));
  }

  const bad: [string, RegExp][] = [
    ['@every 0m', /at least 1m/],
    ['@every 5s', /@every <N>m/],
    ['@every', /@every <N>m/],
    ['@daily', /@every <N>m/],
    ['*/5 * * * *', /6 fields, seconds first.*got 5/],
    ['0 0 0 * * * *', /got 7/],
    ['0 60 * * * *', /minutes field "60": "60" is outside 0-59/],
    ['0 0 24 * * *', /hours field "24": "24" is outside 0-23/],
    ['0 0 0 0 * *', /day-of-month field "0"/],
    ['0 0 0 * 13 *', /month field "13": "13" is outside 1-12 or JAN-DEC/],
    ['0 0 0 * * 7', /day-of-week field "7".*0-6 or SUN-SAT/],
    ['0 0 0 * * FOO', /day-of-week field "FOO"/],
    ['0 0 10-5 * * *', /range "10-5" runs backwards/],
    ['? 0 0 * * *', /seconds field "\?": "\?" is allowed only alone in day-of-month or day-of-week/],
    ['0 */0 * * * *', /step "0" must be a whole number from 1 to 59/],
    ['0 1/2/3 * * * *', /more than one "\/"/],
    ['0 1-2-3 * * * *', /not a value or a range/],
  ];
  for (const [schedule, message] of bad) {
    it(`rejects ${JSON.stringify(schedule)} saying why`, () => assert.match(scheduleProblem(schedule) ?? '(accepted)', message));
  }
});

describe('the longest gap between firings', () => {
  const cases: [string, number | undefined][] = [
    ['@every 1m', 60],
    ['@every 1h30m', 5400],
    ['0 */5 * * * *', 300],
    ['30 15 * * * *', 3600],
    // 08:00 to 18:30 every half hour, then the night until 08:00.
    ['0 0,30 8-18 * * *', 13.5 * 3600],
    ['0 0 4 * * ?', 86_400],
    ['*/20 * * * * *', 20],
    ['0 5/20 * * * *', 20 * 60],
    ['CRON_TZ=Asia/Shanghai 0 */10 * * * *', 600],
    ['0 0 4 ? * MON-FRI', undefined],
    ['0 0 0 1 * ?', undefined],
  ];
  for (const [schedule, gap] of cases) {
    it(`${JSON.stringify(schedule)}: ${gap ?? 'not derived'}`, () => assert.equal(longestGapSeconds(schedule), gap));
  }
});
