// DataWorks' default (multi-version) lines: one per cell version, `pk..., columnName, timestamp,
// columnValue, opType[, sequenceInfo]`.
//   PUT    -> DR (name, timestamp, value null), then U per cell
//   UPDATE -> per cell: U (timestamp, value) | DO (timestamp, value null) | DA (timestamp and value null)
//   DELETE -> DR
// The sequence info's column index counts the record's lines from 0, the PUT's DR line included.
import type { CellCursor, CellOp, ChangeCell, ChangeRecord } from './change.ts';
import type { ColumnDef, OutputValue, Row } from './row.ts';
import { checkRecordKey, SEQUENCE_INFO_COLUMN } from './record-common.ts';
import { columnSuffix, formatSequenceInfo } from './sequence.ts';

export type LineOp = 'DR' | 'U' | 'DO' | 'DA';

function cellLineOp(op: CellOp): Exclude<LineOp, 'DR'> {
  return op === 'PUT' ? 'U' : op === 'DELETE_ONE_VERSION' ? 'DO' : 'DA';
}

/**
 * Where a record's lines go when they are rendered straight from its wire cells (a line format implements
 * it, runtime/format/wire-lines.ts): the same lines map() gives, without a row per line.
 */
export interface WireLines {
  /** Starts a record's lines: their key fields. */
  key(record: ChangeRecord): void;
  /** One line: the record's DR line (no cell), or the cursor's current cell's. */
  line(op: LineOp, cell: CellCursor | null): void;
}

/** How an encoder lays out records given with wire cells (MultiVersionMapper). */
export interface WireLayout {
  readonly keyWidth: number;
  mapWire(record: ChangeRecord, cells: CellCursor, lines: WireLines): number;
}

export class MultiVersionMapper implements WireLayout {
  readonly schema: ColumnDef[];
  readonly keyWidth: number;
  private readonly width: number;

  constructor(private readonly pkSchema: readonly ColumnDef[], private readonly withSequence: boolean) {
    this.schema = [
      ...pkSchema,
      { name: 'columnName', type: 'string' },
      { name: 'timestamp', type: 'timestamp' },
      { name: 'columnValue', type: 'any' },
      { name: 'opType', type: 'string' },
    ];
    if (withSequence) this.schema.push(SEQUENCE_INFO_COLUMN);
    this.keyWidth = pkSchema.length;
    this.width = this.schema.length;
  }

  map(record: ChangeRecord, out: Row[]): void {
    checkRecordKey(record, this.pkSchema);
    const seq = this.withSequence ? formatSequenceInfo(record.sequence, record.shardId) : '';
    let index = 0;
    if (record.action !== 'UPDATE') out.push(this.line(record, null, null, null, 'DR', seq, index++));
    if (record.action === 'DELETE') return;
    const cells = record.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as ChangeCell;
      const op = cellLineOp(cell.op);
      out.push(this.line(record, cell.name, op === 'DA' ? null : cell.timestamp ?? null, op === 'U' ? cell.value ?? null : null, op, seq, index++));
    }
  }

  /**
   * The lines map() gives, told to `lines` from the record's wire cells; returns how many. The caller has
   * checked the key (checkKey). Without sequence info only: its column needs a row per line.
   */
  mapWire(record: ChangeRecord, cells: CellCursor, lines: WireLines): number {
    if (this.withSequence) throw new Error('lines with sequence info are mapped to rows (map), not from wire cells');
    let count = 0;
    lines.key(record);
    if (record.action !== 'UPDATE') {
      lines.line('DR', null);
      count++;
    }
    if (record.action === 'DELETE') return count;
    while (cells.next()) {
      lines.line(cellLineOp(cells.op), cells);
      count++;
    }
    return count;
  }

  /** Throws RecordMappingError when the record's key does not fit the table's. */
  checkKey(record: ChangeRecord): void {
    checkRecordKey(record, this.pkSchema);
  }

  private line(record: ChangeRecord, name: string | null, ts: number | null, value: OutputValue, op: string, seq: string, index: number): Row {
    const row: Row = new Array<OutputValue>(this.width);
    const pk = record.primaryKey;
    const k = this.keyWidth;
    for (let i = 0; i < k; i++) row[i] = (pk[i] as ChangeRecord['primaryKey'][number]).value;
    row[k] = name;
    row[k + 1] = ts;
    row[k + 2] = value;
    row[k + 3] = op;
    if (this.withSequence) row[k + 4] = seq + columnSuffix(index);
    return row;
  }
}
