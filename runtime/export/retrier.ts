import { isRetryableOssError } from '../oss/errors.ts';
import { TablestoreError } from '../tablestore/errors.ts';
import type { Logger } from '../util/logger.ts';
import { isConnectionRefused, isUnresolvedHost, withRetry } from '../util/retry.ts';

// One retry policy for every call a run makes, counting retries for the run's metrics.

export function isRetryable(error: unknown): boolean {
  if (error instanceof TablestoreError) return error.retryable;
  return isRetryableOssError(error);
}

/** Retries for a host name that does not resolve: a transient DNS failure passes in this, a wrong endpoint never does. */
export const UNRESOLVED_HOST_RETRIES = 2;
/**
 * Retries for a refused connection where a person waits (the CLI): a wrong address or port fails in a
 * second. The scheduled function keeps every retry for it: an endpoint failing over refuses for longer.
 */
export const REFUSED_CONNECTION_RETRIES = 3;

export interface Retrier {
  <T>(what: string, fn: () => Promise<T>): Promise<T>;
  readonly count: number;
}

export function createRetrier(options: {
  maxRetries: number;
  logger: Logger;
  deadline?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Retries for a refused connection (default: maxRetries, as for any retryable error). */
  refusedConnectionRetries?: number;
}): Retrier {
  let count = 0;
  const retry = <T>(what: string, fn: () => Promise<T>) =>
    withRetry(fn, {
      maxRetries: options.maxRetries,
      isRetryable,
      retriesFor: (error) => (isUnresolvedHost(error) ? UNRESOLVED_HOST_RETRIES : isConnectionRefused(error) ? options.refusedConnectionRetries : undefined),
      deadline: options.deadline,
      sleep: options.sleep,
      onRetry: (error, attempt, delayMs) => {
        count++;
        options.logger.warn('retrying', {
          what,
          attempt,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
          code: (error as { code?: unknown }).code,
        });
      },
    });
  return Object.defineProperty(retry, 'count', { get: () => count }) as Retrier;
}

/** The retrier with its final failure told by `explain` (in the job's terms); the count stays the retrier's. */
export function explainingFailures(retry: Retrier, explain: (error: unknown) => unknown): Retrier {
  const explained = <T>(what: string, fn: () => Promise<T>) => retry(what, fn).catch((error: unknown) => {
    throw explain(error);
  });
  return Object.defineProperty(explained, 'count', { get: () => retry.count }) as Retrier;
}
