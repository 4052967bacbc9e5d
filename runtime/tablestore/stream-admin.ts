import { sdkCall, type TablestoreTables } from './client.ts';

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
