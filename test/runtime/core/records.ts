// Builders of change records for the record-mapping tests.
import type { ActionType, ChangeCell, ChangeRecord, PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import type { ColumnDef } from '../../../runtime/core/row.ts';
import type { ReaderConfig } from '../../../runtime/config/job.ts';

export const PK: ColumnDef[] = [
  { name: 'pk1', type: 'string' },
  { name: 'pk2', type: 'int64' },
];

export const key = (pk1: string, pk2: bigint): PrimaryKeyColumn[] => [
  { name: 'pk1', value: pk1 },
  { name: 'pk2', value: pk2 },
];

let row = 0;
export function record(action: ActionType, primaryKey: PrimaryKeyColumn[], cells: ChangeCell[] = [], timestampMicros = 1_764_154_200_000_000 + row): ChangeRecord {
  return { action, primaryKey, cells, sequence: { epoch: 1, timestampMicros, rowIndex: row++ }, shardId: 'shard-1' };
}

export const put = (name: string, value: ChangeCell['value'], timestamp: number): ChangeCell => ({ name, op: 'PUT', value, timestamp });
export const deleteOne = (name: string, timestamp: number): ChangeCell => ({ name, op: 'DELETE_ONE_VERSION', timestamp });
export const deleteAll = (name: string): ChangeCell => ({ name, op: 'DELETE_ALL_VERSIONS' });

export function reader(over: Partial<ReaderConfig> = {}): ReaderConfig {
  return { mode: 'multi_version', isExportSequenceInfo: false, maxRetries: 30, errorLimit: 0, compactedMaxKeys: 250_000, ...over };
}
