// DataWorks' `single_version_and_update_only` lines: one per PUT or UPDATE with the configured columns
// (key or attribute names, missing ones null) and, when enabled, the sequence info (no column index).
// Delete cells are ignored and DELETE records dropped. As in DataWorks, a record that sets none of the
// configured columns gives no line, and of several versions of a column in one record the last wins.
import type { ChangeCell, ChangeRecord, PrimaryKeyColumn } from './change.ts';
import type { ColumnDef, OutputValue, Row } from './row.ts';
import { checkedValue, checkRecordKey, SEQUENCE_INFO_COLUMN } from './record-common.ts';
import { formatSequenceInfo } from './sequence.ts';

export class SingleVersionMapper {
  readonly schema: ColumnDef[];
  private readonly columns: ColumnDef[];
  private readonly indexOf = new Map<string, number>();
  /** Output position of each key column, -1 when not configured. */
  private readonly keyPositions: number[];

  constructor(private readonly pkSchema: readonly ColumnDef[], columns: ColumnDef[], private readonly withSequence: boolean) {
    this.columns = columns;
    columns.forEach((c, i) => this.indexOf.set(c.name, i));
    this.keyPositions = pkSchema.map((c) => this.indexOf.get(c.name) ?? -1);
    this.schema = withSequence ? [...columns, SEQUENCE_INFO_COLUMN] : [...columns];
  }

  map(record: ChangeRecord, out: Row[]): void {
    if (record.action === 'DELETE') return;
    checkRecordKey(record, this.pkSchema);
    const width = this.columns.length;
    const row: Row = new Array<OutputValue>(this.schema.length).fill(null);
    let found = false;
    const pk = record.primaryKey;
    for (let i = 0; i < pk.length; i++) {
      const at = this.keyPositions[i] as number;
      if (at >= 0) {
        row[at] = (pk[i] as PrimaryKeyColumn).value;
        found = true;
      }
    }
    const cells = record.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as ChangeCell;
      if (cell.op !== 'PUT' || cell.value === undefined) continue;
      const at = this.indexOf.get(cell.name);
      if (at === undefined) continue;
      row[at] = checkedValue(record, this.columns[at] as ColumnDef, cell.value);
      found = true;
    }
    if (!found) return;
    if (this.withSequence) row[width] = formatSequenceInfo(record.sequence, record.shardId);
    out.push(row);
  }
}
