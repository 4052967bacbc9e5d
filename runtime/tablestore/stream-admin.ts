import { isUnresolvedHost, sleep as realSleep, withRetry } from '../util/retry.ts';
import { sdkCall, type TablestoreTables } from './client.ts';
import { TablestoreError } from './errors.ts';

// Turns Tablestore Stream on for a table, idempotently. It never turns a stream off: re-enabling
// a stream makes every older record unreadable, so that is left to a person.

export interface StreamState {
  enabled: boolean;
  streamId?: string;
  expirationHours?: number;
}

export type EnableOutcome = 'already-enabled' | 'enabled' | 'expiration-updated';

export async function readStreamState(client: TablestoreTables, table: string): Promise<StreamState> {
  return (await describe(client, table)).state;
}

async function describe(client: TablestoreTables, table: string) {
  const meta = await sdkCall('DescribeTable', () => client.describeTable({ tableName: table }));
  const d = meta.streamDetails;
  const state: StreamState = { enabled: d?.enableStream === true, streamId: d?.streamId || undefined, expirationHours: d?.expirationTime };
  return { state, options: meta.tableOptions ?? {} };
}

export interface Patience {
  /** How long to wait out a table or instance that is not ready yet (default 3 minutes). */
  forMs?: number;
  /** How long a name may not resolve (default 1 minute): a new instance's does within it, a mistyped one never. */
  unresolvedForMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (reason: string, delayMs: number) => void;
}

/**
 * Right after CreateTable (or CreateInstance) the service refuses table changes for a while, and a new
 * instance's name may not resolve yet: the provider waits these out for its own UpdateTable too.
 */
export function isSettling(error: unknown): boolean {
  if (error instanceof TablestoreError && error.retryable) return true;
  return isUnresolvedHost(error) || /Too frequent table operations/i.test(error instanceof Error ? error.message : String(error));
}

/** enableStream, retried (as a whole: it is idempotent) while the table settles after being created. */
export function enableStreamPatiently(client: TablestoreTables, table: string, expirationHours: number, patience: Patience = {}) {
  const deadline = Date.now() + (patience.forMs ?? 180_000);
  const resolvesBy = Date.now() + (patience.unresolvedForMs ?? 60_000);
  return withRetry(() => enableStream(client, table, expirationHours), {
    maxRetries: Number.MAX_SAFE_INTEGER, baseDelayMs: 1000, maxDelayMs: 10_000, deadline,
    isRetryable: (error) => isSettling(error) && !(isUnresolvedHost(error) && Date.now() >= resolvesBy),
    sleep: patience.sleep ?? realSleep,
    onRetry: (error, _attempt, delayMs) => patience.onWait?.(error instanceof Error ? error.message : String(error), delayMs),
  });
}

export async function enableStream(client: TablestoreTables, table: string, expirationHours: number): Promise<{ outcome: EnableOutcome; state: StreamState }> {
  const { state: before, options } = await describe(client, table);
  if (before.enabled && before.expirationHours === expirationHours) return { outcome: 'already-enabled', state: before };
  // The SDK always sends table options; resending the current ones changes nothing else.
  await sdkCall('UpdateTable', () => client.updateTable({
    tableName: table,
    tableOptions: { timeToLive: options.timeToLive, maxVersions: options.maxVersions },
    streamSpecification: { enableStream: true, expirationTime: expirationHours },
  }));
  const after = await readStreamState(client, table);
  if (!after.enabled) throw new Error(`UpdateTable succeeded but ${table} still reports its stream disabled`);
  return { outcome: before.enabled ? 'expiration-updated' : 'enabled', state: after };
}
