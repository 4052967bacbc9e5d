// Capped exponential backoff, as DataWorks' reader does: pause min(2^n x 100 ms, 10 s).

export interface RetryPolicy {
  maxRetries: number;
  /** A tighter limit for some errors (undefined: maxRetries). */
  retriesFor?: (error: unknown) => number | undefined;
  baseDelayMs?: number;
  maxDelayMs?: number;
  isRetryable: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Do not start a pause that would end after this epoch-ms deadline. */
  deadline?: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffDelay(attempt: number, baseDelayMs = 100, maxDelayMs = 10_000): number {
  return Math.min(2 ** attempt * baseDelayMs, maxDelayMs);
}

/** Whether the error, or one it wraps, carries the system error code (as its code or in its message). */
function hasSystemCode(error: unknown, code: string): boolean {
  const inMessage = new RegExp(`\\b${code}\\b`);
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code: own, message } = e as { code?: unknown; message?: unknown };
    if (own === code || (typeof message === 'string' && inMessage.test(message))) return true;
  }
  return false;
}

/** Whether the error (or one it wraps) is a DNS lookup that found no such host. */
export function isUnresolvedHost(error: unknown): boolean {
  return hasSystemCode(error, 'ENOTFOUND');
}

/** Whether the error (or one it wraps) is a connection refused: nothing listens at that address and port. */
export function isConnectionRefused(error: unknown): boolean {
  return hasSystemCode(error, 'ECONNREFUSED');
}

export class RetriesExhaustedError extends Error {
  constructor(readonly attempts: number, readonly lastError: unknown) {
    super(`gave up after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    this.name = 'RetriesExhaustedError';
  }
}

/** Runs fn, retrying retryable failures; a fatal error is rethrown as is, the last retryable one wrapped. */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const pause = policy.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!policy.isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs);
      const outOfTime = policy.deadline !== undefined && Date.now() + delay > policy.deadline;
      const limit = Math.min(policy.maxRetries, policy.retriesFor?.(error) ?? Infinity);
      if (attempt >= limit || outOfTime) throw new RetriesExhaustedError(attempt + 1, error);
      policy.onRetry?.(error, attempt + 1, delay);
      await pause(delay);
    }
  }
}
