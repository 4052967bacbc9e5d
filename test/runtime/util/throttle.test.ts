import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteThrottle } from '../../../runtime/util/throttle.ts';

// speed.mbps: the throttle lets a second's worth through at once, then paces to the rate.

describe('ByteThrottle', () => {
  function throttle(mbps: number) {
    let t = 0;
    const waits: number[] = [];
    const th = new ByteThrottle(mbps, () => t, async (ms) => {
      waits.push(ms);
      t += ms;
    });
    return { th, waits, advance: (ms: number) => (t += ms) };
  }

  it('passes a one-second burst without waiting, then waits for the excess at the rate', async () => {
    const { th, waits } = throttle(8); // 1 MB/s
    await th.take(1_000_000);
    assert.deepEqual(waits, []);
    await th.take(500_000);
    assert.deepEqual(waits, [500]);
  });

  it('refills with time and never banks more than one second', async () => {
    const { th, waits, advance } = throttle(8);
    await th.take(1_000_000);
    advance(10_000);
    await th.take(1_000_000);
    assert.deepEqual(waits, [], 'refilled to a full second');
    await th.take(2_000_000);
    assert.deepEqual(waits, [2000], 'ten idle seconds did not bank ten seconds of burst');
  });
});
