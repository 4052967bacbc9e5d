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
// Memory: one window is held. Per key, about 250 bytes of fixed overhead (map entry, key string of
// ~1x the key's size, state object, cell map) plus ~80 bytes and the value's size per kept cell; with
// columns configured, only those cells are kept.
import type { CellValue, ChangeCell, ChangeRecord, PrimaryKeyColumn, SequenceInfo } from './change.ts';
import type { ColumnDef, OutputValue, Row } from './row.ts';
import type { ReaderConfig } from '../config/job.ts';
import { checkedValue, checkRecordKey, configuredColumns } from './record-common.ts';
import { checkKeySchema, compareKeys, keyString } from './primary-key.ts';
import { formatSequenceInfo } from './sequence.ts';

interface KeptCell {
  value: CellValue;
  /** Version in ms; -Infinity when the record gave none. */
  ts: number;
}

interface KeyState {
  pk: PrimaryKeyColumn[];
  cells: Map<string, KeptCell>;
  deleted: boolean;
  full: boolean;
  sequence: SequenceInfo;
  shardId: string;
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
      state = { pk: record.primaryKey, cells: new Map(), deleted: false, full: false, sequence: record.sequence, shardId: record.shardId };
      this.states.set(key, state);
    }
    state.sequence = record.sequence;
    state.shardId = record.shardId;
    if (record.action === 'DELETE') {
      state.cells.clear();
      state.deleted = true;
      state.full = true;
      return;
    }
    if (record.action === 'PUT') {
      state.cells.clear();
      state.full = true;
    }
    state.deleted = false;
    const cells = record.cells;
    for (let i = 0; i < cells.length; i++) this.apply(record, state, cells[i] as ChangeCell);
  }

  private apply(record: ChangeRecord, state: KeyState, cell: ChangeCell): void {
    const declared = this.keep?.get(cell.name);
    if (this.keep && !declared) return;
    const kept = state.cells.get(cell.name);
    if (cell.op === 'PUT') {
      if (cell.value === undefined) return;
      const ts = cell.timestamp ?? Number.NEGATIVE_INFINITY;
      if (kept && kept.ts > ts) return;
      if (declared) checkedValue(record, declared, cell.value);
      else this.seen.add(cell.name);
      if (kept) {
        kept.value = cell.value;
        kept.ts = ts;
      } else {
        state.cells.set(cell.name, { value: cell.value, ts });
      }
    } else if (cell.op === 'DELETE_ALL_VERSIONS' || !kept || cell.timestamp === undefined || kept.ts === cell.timestamp) {
      state.cells.delete(cell.name);
    }
  }

  /** The output columns; with no columns configured, known only once every record is added. */
  schema(): ColumnDef[] {
    const attributes = this.configured ?? [...this.seen].sort().map((name): ColumnDef => ({ name, type: 'any' }));
    return [...this.pkSchema, ...attributes, ...COMPACTED_META_COLUMNS];
  }

  /** One row per key, in key order. */
  rows(): Row[] {
    const names = this.schema()
      .slice(this.pkSchema.length, -COMPACTED_META_COLUMNS.length)
      .map((c) => c.name);
    const states = [...this.states.values()].sort((a, b) => compareKeys(a.pk, b.pk));
    const k = this.pkSchema.length;
    const out: Row[] = [];
    for (const s of states) {
      const row: Row = new Array<OutputValue>(k + names.length + COMPACTED_META_COLUMNS.length);
      for (let i = 0; i < k; i++) row[i] = (s.pk[i] as PrimaryKeyColumn).value;
      for (let j = 0; j < names.length; j++) row[k + j] = s.cells.get(names[j] as string)?.value ?? null;
      let m = k + names.length;
      row[m++] = s.deleted;
      row[m++] = s.full ? 'full' : 'partial';
      row[m++] = formatSequenceInfo(s.sequence, s.shardId);
      row[m] = Math.floor(s.sequence.timestampMicros / 1000);
      out.push(row);
    }
    return out;
  }
}
