import type { TimeZone } from './core/time-zone.ts';
import { explicitWindows, type ExplicitRange, type TimeWindow } from './core/window.ts';

// An explicit run: windows a person asked for (a day, or start and end), re-exported without moving the
// job's checkpoints. Shared by the function's handler and `ots2oss run`.

/**
 * The windows a request names, or undefined when it names none (a scheduled run). Any field makes the
 * request explicit, so half a range is refused by explicitWindows rather than read as "run what is due".
 */
export function requestedWindows(range: ExplicitRange, sizeMinutes: number, zone: TimeZone): TimeWindow[] | undefined {
  const { date, startTimestampMillis, endTimestampMillis } = range;
  if (date === undefined && startTimestampMillis === undefined && endTimestampMillis === undefined) return undefined;
  return explicitWindows(range, sizeMinutes, zone);
}
