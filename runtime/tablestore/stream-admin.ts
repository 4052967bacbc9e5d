import type { TablestoreTables } from './client.ts';
import { fromSdkError } from './errors.ts';

// Turns Tablestore Stream on for a table, idempotently. It never turns a stream off: re-enabling
// a stream makes every older record unreadable, so that is left to a person.

export interface StreamState {
  enabled: boolean;
  streamId?: string;
  expirationHours?: number;
}

export type EnableOutcome = 'already-enabled' | 'enabled' | 'expiration-updated';

export async function readStreamState(client: TablestoreTables, table: string): Promise<StreamState> {
  try {
    const meta = await client.describeTable({ tableName: table });
    const d = meta.streamDetails;
    return { enabled: d?.enableStream === true, streamId: d?.streamId || undefined, expirationHours: d?.expirationTime };
  } catch (error) {
    throw fromSdkError(error, 'DescribeTable');
  }
}

export async function enableStream(client: TablestoreTables, table: string, expirationHours: number): Promise<{ outcome: EnableOutcome; state: StreamState }> {
  const before = await readStreamState(client, table);
  if (before.enabled && before.expirationHours === expirationHours) return { outcome: 'already-enabled', state: before };
  try {
    await client.updateTable({
      tableName: table,
      streamSpecification: { enableStream: true, expirationTime: expirationHours },
    });
  } catch (error) {
    throw fromSdkError(error, 'UpdateTable');
  }
  const after = await readStreamState(client, table);
  if (!after.enabled) throw new Error(`UpdateTable succeeded but ${table} still reports its stream disabled`);
  return { outcome: before.enabled ? 'expiration-updated' : 'enabled', state: after };
}
