// The job's settings: errorLimit and speed.
import { z } from 'zod';
import type { JobInput } from '../job.ts';
import { Params, type Translation } from './report.ts';
import { boolLike, intLike, numberLike, objectLike } from './values.ts';

export function translateSetting(t: Translation, s: Params | undefined): { errorLimit?: number; speed: NonNullable<JobInput['speed']> } {
  const speed: NonNullable<JobInput['speed']> = {};
  if (!s) return { speed };
  let errorLimit: number | undefined;
  const limits = s.take('errorLimit', objectLike);
  if (limits) {
    const l = new Params(t, s.field('errorLimit'), limits);
    errorLimit = l.take('record', intLike.pipe(z.int().min(0, 'must not be negative')));
    if (errorLimit !== undefined) {
      t.origin.set('reader.errorLimit', l.field('record'));
      t.note(l.field('record'), 'mapped', 'reader.errorLimit: records that cannot be mapped, tolerated per window before the run fails (DataWorks counted them per run)');
    }
    l.mark(['percentage'], 'unsupported', 'ots2oss limits bad records by count (errorLimit.record)');
    l.rest('errorLimit');
  }
  const sp = s.take('speed', objectLike);
  if (sp) {
    const v = new Params(t, s.field('speed'), sp);
    const concurrent = v.take('concurrent', intLike.pipe(z.int().min(1, 'must be at least 1')));
    const channel = v.take('channel', intLike.pipe(z.int().min(1, 'must be at least 1')));
    for (const [key, value] of [['concurrent', concurrent], ['channel', channel]] as const) {
      if (value === undefined) continue;
      speed.concurrency = Math.min(value, 64);
      t.origin.set('speed.concurrency', v.field(key));
      t.note(v.field(key), 'mapped', `speed.concurrency: shards read at once${value > 64 ? ', capped at 64' : ''}`);
    }
    const throttle = v.take('throttle', boolLike);
    const mbps = v.take('mbps', numberLike.pipe(z.number().positive('must be positive')));
    const bytes = v.take('byte', intLike.pipe(z.int().positive('must be positive')));
    if (throttle !== undefined) t.note(v.field('throttle'), 'mapped', throttle ? 'rate limit on' : 'no rate limit: mbps has no effect, as in DataWorks');
    if (mbps !== undefined) {
      if (throttle === false) t.note(v.field('mbps'), 'ignored', 'throttle is false');
      else {
        speed.mbps = mbps;
        t.origin.set('speed.mbps', v.field('mbps'));
        t.note(v.field('mbps'), 'mapped', 'speed.mbps (MB/s)');
      }
    }
    if (bytes !== undefined) {
      speed.mbps = bytes / 1_048_576;
      t.origin.set('speed.mbps', v.field('byte'));
      t.note(v.field('byte'), 'mapped', 'speed.mbps = byte / 1048576');
    }
    v.mark(['dmu'], 'ignored', 'DataWorks resource units; a function\'s memory is set in the stack');
    v.mark(['record'], 'unsupported', 'ots2oss limits throughput in MB/s only');
    v.rest('speed');
  }
  s.rest('setting');
  return { errorLimit, speed };
}
