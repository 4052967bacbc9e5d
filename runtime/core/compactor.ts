// The `compacted` mode (beyond DataWorks, like DynamoDB's incremental export): per window, one row per
// primary key with the row's state as changed in the window.
//   PUT replaces the image; UPDATE merges its cells (a put version only if not older than the kept one;
//   DELETE_ONE_VERSION removes the cell when it is that version, DELETE_ALL_VERSIONS removes the cell);
//   DELETE clears the row and marks it deleted (a later PUT or UPDATE revives it).
// Output: pk..., the configured columns (key columns excluded: they lead), or, with none configured,
// every attribute name seen in the window, sorted; then `_deleted` boolean, `_image` ('full' when the
// window saw a PUT or DELETE of the key, so absent columns are really absent; 'partial' when it saw only
// UPDATEs, so a null column may merely be unchanged), `_sequence` (sequence info of the key's last change)
// and `_timestamp` (its commit time, ms). Rows come out in Tablestore key order.
//
// Records of one key must be added in stream order; the exporter reads a child shard only after its
// parents, which gives that order.
//
// Memory: one window is held. Per key, about 500 bytes (map entry, key string, state, the record's key
// columns and sequence it keeps) plus about 30 bytes and the value's own size per kept cell: cells sit
// in one flat array, searched linearly (rows are narrow; a Map per key costs several times more). With
// columns configured, only those cells are kept.
import type { CellValue, ChangeCell, ChangeRecord, PrimaryKeyColumn, SequenceInfo } from './change.ts';
import type { ColumnDef, OutputValue, Row } from './row.ts';
import type { ReaderConfig } from '../config/job.ts';
import { checkedValue, checkRecordKey, configuredColumns } from './record-common.ts';
import { checkKeySchema, compareKeys, keyString } from './primary-key.ts';
import { formatSequenceInfo } from './sequence.ts';

/** Kept cells, flat: name, value, version (ms; -Infinity if none given), name, value, version, ... */
type Cells = Array<string | CellValue | number>;

interface KeyState {
  pk: PrimaryKeyColumn[];
  cells: Cells;
  deleted: boolean;
  full: boolean;
  sequence: SequenceInfo;
  shardId: string;
}

function findCell(cells: Cells, name: string): number {
  for (let i = 0; i < cells.length; i += 3) if (cells[i] === name) return i;
  return -1;
}

function removeCell(cells: Cells, i: number): void {
  const last = cells.length - 3;
  cells[i] = cells[last] as string;
  cells[i + 1] = cells[last + 1] as CellValue;
  cells[i + 2] = cells[last + 2] as number;
  cells.length = last;
}

export const COMPACTED_META_COLUMNS: readonly ColumnDef[] = [
  { name: '_deleted', type: 'boolean' },
  { name: '_image', type: 'string' },
  { name: '_sequence', type: 'string' },
  { name: '_timestamp', type: 'timestamp' },
];

export class WindowCompactor {
  private readonly states = new Map<string, KeyState>();
  /** Configured attribute columns, or null to keep every attribute seen. */
  private readonly configured: ColumnDef[] | null;
  private readonly keep: ReadonlyMap<string, ColumnDef> | null;
  private readonly seen = new Set<string>();

  constructor(reader: ReaderConfig, private readonly pkSchema: readonly ColumnDef[]) {
    checkKeySchema(pkSchema);
    const keyNames = new Set(pkSchema.map((c) => c.name));
    const columns = reader.column?.length ? configuredColumns(reader, pkSchema).filter((c) => !keyNames.has(c.name)) : null;
    this.configured = columns;
    this.keep = columns ? new Map(columns.map((c) => [c.name, c])) : null;
  }

  /** Keys held. */
  get size(): number {
    return this.states.size;
  }

  add(record: ChangeRecord): void {
    checkRecordKey(record, this.pkSchema);
    const key = keyString(record.primaryKey);
    let state = this.states.get(key);
    if (!state) {
      state = { pk: record.primaryKey, cells: [], deleted: false, full: false, sequence: record.sequence, shardId: record.shardId };
      this.states.set(key, state);
    }
    state.sequence = record.sequence;
    state.shardId = record.shardId;
    if (record.action === 'DELETE') {
      state.cells.length = 0;
      state.deleted = true;
      state.full = true;
      return;
    }
    if (record.action === 'PUT') {
      state.cells.length = 0;
      state.full = true;
    }
    state.deleted = false;
    const cells = record.cells;
    for (let i = 0; i < cells.length; i++) this.apply(record, state, cells[i] as ChangeCell);
  }

  private apply(record: ChangeRecord, state: KeyState, cell: ChangeCell): void {
    const declared = this.keep?.get(cell.name);
    if (this.keep && !declared) return;
    const cells = state.cells;
    const i = findCell(cells, cell.name);
    if (cell.op === 'PUT') {
      if (cell.value === undefined) return;
      const version = cell.timestamp ?? Number.NEGATIVE_INFINITY;
      if (i >= 0 && (cells[i + 2] as number) > version) return;
      if (declared) checkedValue(record, declared, cell.value);
      else this.seen.add(cell.name);
      if (i >= 0) {
        cells[i + 1] = cell.value;
        cells[i + 2] = version;
      } else {
        cells.push(cell.name, cell.value, version);
      }
    } else if (i >= 0 && (cell.op === 'DELETE_ALL_VERSIONS' || cell.timestamp === undefined || cells[i + 2] === cell.timestamp)) {
      removeCell(cells, i);
    }
  }

  /** The output columns; with no columns configured, known only once every record is added. */
  schema(): ColumnDef[] {
    const attributes = this.configured ?? [...this.seen].sort().map((name): ColumnDef => ({ name, type: 'any' }));
    return [...this.pkSchema, ...attributes, ...COMPACTED_META_COLUMNS];
  }

  /** One row per key, in key order. */
  rows(): Row[] {
    const k = this.pkSchema.length;
    const attributes = this.schema().slice(k, -COMPACTED_META_COLUMNS.length);
    const position = new Map(attributes.map((c, j) => [c.name, k + j]));
    const width = k + attributes.length + COMPACTED_META_COLUMNS.length;
    const states = [...this.states.values()].sort((a, b) => compareKeys(a.pk, b.pk));
    const out: Row[] = [];
    for (const s of states) {
      const row: Row = new Array<OutputValue>(width).fill(null);
      for (let i = 0; i < k; i++) row[i] = (s.pk[i] as PrimaryKeyColumn).value;
      for (let i = 0; i < s.cells.length; i += 3) {
        const at = position.get(s.cells[i] as string);
        if (at !== undefined) row[at] = s.cells[i + 1] as CellValue;
      }
      let m = k + attributes.length;
      row[m++] = s.deleted;
      row[m++] = s.full ? 'full' : 'partial';
      row[m++] = formatSequenceInfo(s.sequence, s.shardId);
      row[m] = Math.floor(s.sequence.timestampMicros / 1000);
      out.push(row);
    }
    return out;
  }
}
