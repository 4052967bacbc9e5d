// What the record mappers share: the error a bad record raises, configured columns, value type checks.
import type { CellValue, ChangeRecord } from './change.ts';
import type { ColumnDef, FieldType } from './row.ts';
import type { ReaderConfig } from '../config/job.ts';
import { ConfigError } from '../config/validation.ts';
import { formatSequenceInfo } from './sequence.ts';
import { keyMismatch } from './primary-key.ts';

/** The column isExportSequenceInfo appends to the streaming modes' lines. */
export const SEQUENCE_INFO_COLUMN: ColumnDef = { name: 'sequenceInfo', type: 'string' };

/** A record that cannot be mapped; the exporter counts these against errorLimit. */
export class RecordMappingError extends Error {
  constructor(readonly record: ChangeRecord, reason: string) {
    super(`record ${formatSequenceInfo(record.sequence, record.shardId)}: ${reason}`);
    this.name = 'RecordMappingError';
  }
}

export function checkRecordKey(record: ChangeRecord, pkSchema: readonly ColumnDef[]): void {
  const problem = keyMismatch(record.primaryKey, pkSchema);
  if (problem) throw new RecordMappingError(record, problem);
}

/**
 * The configured columns with their output types: a declared type wins; a primary-key column without one
 * takes the key's type; any other column is `any`. A key column declared with another type than the
 * table's is refused here, before anything is written: every one of its values would fail the declared
 * type (with Parquet, every window's file), whatever errorLimit allows.
 */
export function configuredColumns(reader: ReaderConfig, pkSchema: readonly ColumnDef[]): ColumnDef[] {
  const out: ColumnDef[] = [];
  const problems: string[] = [];
  (reader.column ?? []).forEach((spec, i) => {
    const name = typeof spec === 'string' ? spec : spec.name;
    const declared = typeof spec === 'string' ? 'any' : spec.type;
    const key = pkSchema.find((c) => c.name === name);
    if (key && declared !== 'any' && declared !== key.type) {
      problems.push(`reader.column[${i}]: declares ${name} as ${declared}, but ${name} is a primary-key column of type ${key.type}; ` +
        `declare it as ${key.type}, or give the name alone (${JSON.stringify(name)}) to take the key's type`);
    }
    out.push({ name, type: declared === 'any' && key ? key.type : declared });
  });
  if (problems.length) throw new ConfigError('job', problems);
  return out;
}

export function fitsType(value: CellValue, type: FieldType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'int64':
      return typeof value === 'bigint';
    case 'double':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'binary':
      return value instanceof Uint8Array;
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

export function describeValueType(value: CellValue): string {
  if (value instanceof Uint8Array) return 'binary';
  return typeof value === 'bigint' ? 'int64' : typeof value === 'number' ? 'double' : typeof value;
}

/** Checks a value against its column's declared type; a mismatch is the record's fault. */
export function checkedValue(record: ChangeRecord, column: ColumnDef, value: CellValue): CellValue {
  if (!fitsType(value, column.type)) {
    throw new RecordMappingError(record, `column ${column.name} holds ${describeValueType(value)}, declared ${column.type}`);
  }
  return value;
}
