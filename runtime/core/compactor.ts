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
// Memory: one window is held, so it grows with the window's distinct keys (see BENCHMARKS.md). Kept
// state owns its bytes: binary values are copied (a view would keep the whole response it came from)
// and column names are shared, not one string per record. Cells sit in one flat array, searched
// linearly (rows are narrow; a Map per key costs several times more). With columns configured, only
// those cells are kept. Rows go out in batches, and the state behind each batch is dropped as it goes.
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

/** A compacted window holds more distinct keys than reader.compactedMaxKeys allows. */
export class CompactedKeyLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `reader.compactedMaxKeys: the window holds more than ${limit} distinct keys, which compacted mode keeps in ` +
        'memory (about 1.1 KB each). Lower window.sizeMinutes, raise reader.compactedMaxKeys together with the ' +
        "function's memory, or use multi_version. Nothing of the window was written.",
    );
    this.name = 'CompactedKeyLimitError';
  }
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
  /** Every attribute name seen, each kept once: the cells of all keys share these strings. */
  private readonly seen = new Map<string, string>();
  private readonly maxKeys: number;

  constructor(reader: ReaderConfig, private readonly pkSchema: readonly ColumnDef[]) {
    checkKeySchema(pkSchema);
    const keyNames = new Set(pkSchema.map((c) => c.name));
    const columns = reader.column?.length ? configuredColumns(reader, pkSchema).filter((c) => !keyNames.has(c.name)) : null;
    this.configured = columns;
    this.keep = columns ? new Map(columns.map((c) => [c.name, c])) : null;
    this.maxKeys = reader.compactedMaxKeys;
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
      if (this.states.size >= this.maxKeys) throw new CompactedKeyLimitError(this.maxKeys);
      const pk = record.primaryKey.map((c, i) => ({ name: (this.pkSchema[i] as ColumnDef).name, value: owned(c.value) }));
      state = { pk, cells: [], deleted: false, full: false, sequence: record.sequence, shardId: record.shardId };
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
      let name: string;
      if (declared) {
        checkedValue(record, declared, cell.value);
        name = declared.name;
      } else {
        const known = this.seen.get(cell.name);
        if (known === undefined) this.seen.set(cell.name, cell.name);
        name = known ?? cell.name;
      }
      if (i >= 0) {
        cells[i + 1] = owned(cell.value);
        cells[i + 2] = version;
      } else {
        cells.push(name, owned(cell.value), version);
      }
    } else if (i >= 0 && (cell.op === 'DELETE_ALL_VERSIONS' || cell.timestamp === undefined || cells[i + 2] === cell.timestamp)) {
      removeCell(cells, i);
    }
  }

  /** The output columns; with no columns configured, known only once every record is added. */
  schema(): ColumnDef[] {
    const attributes = this.configured ?? [...this.seen.keys()].sort().map((name): ColumnDef => ({ name, type: 'any' }));
    return [...this.pkSchema, ...attributes, ...COMPACTED_META_COLUMNS];
  }

  /** One row per key, in key order. */
  rows(): Row[] {
    return [...this.batches(Number.POSITIVE_INFINITY)].flat();
  }

  /**
   * The rows in key order, `size` at a time. The compactor is emptied: each key's state is dropped
   * once its row is out, so the rows and the held window are not both in memory.
   */
  *batches(size: number): Generator<Row[]> {
    const k = this.pkSchema.length;
    const attributes = this.schema().slice(k, -COMPACTED_META_COLUMNS.length);
    const position = new Map(attributes.map((c, j) => [c.name, k + j]));
    const width = k + attributes.length + COMPACTED_META_COLUMNS.length;
    const states: Array<KeyState | undefined> = [...this.states.values()].sort((a, b) => compareKeys(a.pk, b.pk));
    this.states.clear();
    for (let from = 0; from < states.length; from += size) {
      const out: Row[] = [];
      for (let j = from; j < Math.min(states.length, from + size); j++) {
        const s = states[j] as KeyState;
        states[j] = undefined;
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
      yield out;
    }
  }
}

/** A value the compactor may keep: binary is copied out of the response buffer it points into. */
function owned<T extends CellValue>(value: T): T {
  return (value instanceof Uint8Array ? Buffer.from(value) : value) as T;
}
