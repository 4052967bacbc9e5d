// DataWorks' default (multi-version) lines: one per cell version, `pk..., columnName, timestamp,
// columnValue, opType[, sequenceInfo]`.
//   PUT    -> DR (name, timestamp, value null), then U per cell
//   UPDATE -> per cell: U (timestamp, value) | DO (timestamp, value null) | DA (timestamp and value null)
//   DELETE -> DR
// The sequence info's column index counts the record's lines from 0, the PUT's DR line included.
import type { ChangeCell, ChangeRecord } from './change.ts';
import type { ColumnDef, OutputValue, Row } from './row.ts';
import { checkRecordKey, SEQUENCE_INFO_COLUMN } from './record-common.ts';
import { columnSuffix, formatSequenceInfo } from './sequence.ts';

export class MultiVersionMapper {
  readonly schema: ColumnDef[];
  private readonly keyWidth: number;
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
      if (cell.op === 'PUT') out.push(this.line(record, cell.name, cell.timestamp ?? null, cell.value ?? null, 'U', seq, index++));
      else if (cell.op === 'DELETE_ONE_VERSION') out.push(this.line(record, cell.name, cell.timestamp ?? null, null, 'DO', seq, index++));
      else out.push(this.line(record, cell.name, null, null, 'DA', seq, index++));
    }
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
