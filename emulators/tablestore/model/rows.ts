// Rows of one table, kept in primary-key order, with every column's versions newest first.

import type { CellValue, PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import type { PkValue, PlainBufferCell, PlainBufferRow } from '../../../runtime/tablestore/plainbuffer/index.ts';
import type { ColumnLookup, CompiledFilter } from './conditions.ts';
import { compareKeys, keyString } from './keys.ts';

export interface Version {
  ts: number;
  value: CellValue;
}

export interface StoredRow {
  pk: PrimaryKeyColumn[];
  key: string;
  columns: Map<string, Version[]>;
}

/** What a read asks for; `minTs` hides versions older than the table's TTL. */
export interface ReadSpec {
  columnsToGet: readonly string[];
  maxVersions: number;
  timeRange?: { start: number; end: number };
  filter?: CompiledFilter;
  minTs: number;
}

export class RowStore {
  private readonly sorted: StoredRow[] = [];
  private readonly byKey = new Map<string, StoredRow>();

  get size(): number {
    return this.sorted.length;
  }

  get(pk: readonly PrimaryKeyColumn[]): StoredRow | undefined {
    return this.byKey.get(keyString(pk));
  }

  /** The row for pk, created empty if missing. */
  ensure(pk: PrimaryKeyColumn[]): StoredRow {
    const key = keyString(pk);
    const found = this.byKey.get(key);
    if (found) return found;
    const row: StoredRow = { pk, key, columns: new Map() };
    const at = this.lowerBound(pk);
    this.sorted.splice(at, 0, row);
    this.byKey.set(key, row);
    return row;
  }

  delete(pk: readonly PrimaryKeyColumn[]): void {
    const key = keyString(pk);
    const row = this.byKey.get(key);
    if (!row) return;
    this.byKey.delete(key);
    this.sorted.splice(this.lowerBound(row.pk), 1);
  }

  /** Index of the first row whose key is >= pk. */
  lowerBound(pk: readonly { value: PkValue }[]): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.sorted[mid]!.pk, pk) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(index: number): StoredRow | undefined {
    return this.sorted[index];
  }

  all(): readonly StoredRow[] {
    return this.sorted;
  }
}

export function visibleVersions(row: StoredRow, name: string, minTs: number): Version[] {
  const versions = row.columns.get(name);
  if (!versions) return [];
  return minTs > 0 ? versions.filter((v) => v.ts >= minTs) : versions;
}

/** A row exists while it has a visible version, or when it was written with no columns at all. */
export function rowExists(row: StoredRow | undefined, minTs: number): row is StoredRow {
  if (!row) return false;
  if (row.columns.size === 0) return true;
  for (const versions of row.columns.values()) if (versions.some((v) => v.ts >= minTs)) return true;
  return false;
}

export function columnLookup(row: StoredRow, minTs: number): ColumnLookup {
  return (name) => visibleVersions(row, name, minTs).map((v) => v.value);
}

/** The row as a read returns it, or undefined when the read yields nothing for it. */
export function readRow(row: StoredRow | undefined, spec: ReadSpec): PlainBufferRow | undefined {
  if (!rowExists(row, spec.minTs)) return undefined;
  if (spec.filter?.predicate && !spec.filter.predicate(columnLookup(row, spec.minTs))) return undefined;
  const names = [...row.columns.keys()].sort();
  const wanted = spec.columnsToGet.length > 0 ? new Set(spec.columnsToGet) : undefined;
  let columns: PlainBufferCell[][] = [];
  for (const name of names) {
    if (wanted && !wanted.has(name)) continue;
    const cells: PlainBufferCell[] = [];
    for (const v of visibleVersions(row, name, spec.minTs)) {
      if (spec.timeRange && (v.ts < spec.timeRange.start || v.ts >= spec.timeRange.end)) continue;
      if (cells.length >= spec.maxVersions) break;
      cells.push({ name, op: 'PUT', value: v.value, timestamp: v.ts });
    }
    if (cells.length > 0) columns.push(cells);
  }
  if (spec.filter?.pagination) {
    const { offset, limit } = spec.filter.pagination;
    columns = columns.slice(offset, offset + limit);
  }
  // Asking for primary-key columns only still returns the (existing) row's key.
  if (wanted && columns.length === 0 && !row.pk.some((c) => wanted.has(c.name))) return undefined;
  if (!wanted && columns.length === 0 && row.columns.size > 0 && !spec.filter?.pagination) return undefined;
  return { primaryKey: row.pk, cells: columns.flat(), deleteMarker: false };
}
