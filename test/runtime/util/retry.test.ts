import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, isConnectionRefused, isUnresolvedHost, RetriesExhaustedError, withRetry } from '../../../runtime/util/retry.ts';

// reader.maxRetries: pauses of min(2^n x 100 ms, 10 s), fatal errors at once, the last one wrapped.

describe('withRetry', () => {
  it('pauses min(2^n x 100 ms, 10 s) between attempts', () => {
    assert.deepEqual([0, 1, 2, 3, 6, 7, 20].map((n) => backoffDelay(n)), [100, 200, 400, 800, 6400, 10_000, 10_000]);
  });

  it('retries retryable failures and returns the first success', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const value = await withRetry(async () => {
      if (++calls < 4) throw new Error('busy');
      return 'ok';
    }, { maxRetries: 5, isRetryable: () => true, sleep: async (ms) => void pauses.push(ms) });
    assert.equal(value, 'ok');
    assert.deepEqual(pauses, [100, 200, 400]);
  });

  it('rethrows a fatal error at once and wraps the last retryable one', async () => {
    let calls = 0;
    const fatal = new Error('OTSAuthFailed');
    await assert.rejects(withRetry(async () => {
      calls++;
      throw fatal;
    }, { maxRetries: 5, isRetryable: () => false, sleep: async () => undefined }), (e) => e === fatal);
    assert.equal(calls, 1);
    await assert.rejects(
      withRetry(async () => {
        throw new Error('busy');
      }, { maxRetries: 2, isRetryable: () => true, sleep: async () => undefined }),
      (e: unknown) => e instanceof RetriesExhaustedError && e.attempts === 3 && /gave up after 3 attempts: busy/.test(e.message),
    );
  });

  it('does not start a pause that would end past the deadline', async () => {
    const pauses: number[] = [];
    await assert.rejects(withRetry(async () => {
      throw new Error('busy');
    }, { maxRetries: 30, isRetryable: () => true, deadline: Date.now() + 350, sleep: async (ms) => void pauses.push(ms) }), RetriesExhaustedError);
    assert.deepEqual(pauses, [100, 200]);
  });

  it('tells a refused connection and an unresolved host by code or message, through causes, and apart', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('DescribeStream: NetworkingError', { cause: new Error('socket', { cause: refused }) });
    const unresolved = new Error('getaddrinfo ENOTFOUND no-such-host.invalid');
    assert.deepEqual([refused, wrapped, new RetriesExhaustedError(4, refused), unresolved, new Error('ECONNREFUSEDX')].map(isConnectionRefused),
      [true, true, true, false, false]);
    assert.deepEqual([refused, unresolved, new Error('x', { cause: unresolved })].map(isUnresolvedHost), [false, true, true]);
  });
});
