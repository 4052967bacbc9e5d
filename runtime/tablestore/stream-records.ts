// Stream record bytes -> ChangeRecord. The decoded PlainBuffer objects already have the change
// model's shape; this checks what a stream record must satisfy and hands them over uncopied.

import type { ActionType, CellCursor, ChangeCell, ChangeRecord, PrimaryKeyColumn, SequenceInfo } from '../core/change.ts';
import { decodeRowUndecoded, decodeRows, isPkSentinel, streamCellProblem, type PlainBufferRow } from './plainbuffer/index.ts';
import { WireCells } from './plainbuffer/wire-cells.ts';
import { bufferOf } from '../util/bytes.ts';
import { ACTION_DELETE_ROW, ACTION_PUT_ROW, ACTION_UPDATE_ROW } from './protocol/stream-messages.ts';

export function actionFromWire(actionType: number): ActionType | undefined {
  return actionType === ACTION_PUT_ROW
    ? 'PUT'
    : actionType === ACTION_UPDATE_ROW
      ? 'UPDATE'
      : actionType === ACTION_DELETE_ROW
        ? 'DELETE'
        : undefined;
}

export function actionToWire(action: ActionType): number {
  return action === 'PUT' ? ACTION_PUT_ROW : action === 'UPDATE' ? ACTION_UPDATE_ROW : ACTION_DELETE_ROW;
}

/**
 * How a record's cells are read: `decoded` builds every cell; `wire` checks them as strictly but leaves
 * them in the response's bytes (ChangeRecord.wireCells), for writers that render from there.
 */
export type CellReading = 'decoded' | 'wire';

/** Decodes one stream record; throws an Error saying what is wrong with it. */
export function decodeStreamRecord(actionType: number, bytes: Uint8Array, shardId: string, cells: CellReading = 'decoded'): ChangeRecord {
  if (cells === 'decoded') return readStreamRecord(actionType, bytes, shardId, cells);
  try {
    return readStreamRecord(actionType, bytes, shardId, cells);
  } catch (error) {
    // A damaged record checks in another order when its cells are left undecoded: the decoding read
    // names what is wrong, so a refusal reads the same either way.
    readStreamRecord(actionType, bytes, shardId, 'decoded');
    throw error;
  }
}

function readStreamRecord(actionType: number, bytes: Uint8Array, shardId: string, cells: CellReading): ChangeRecord {
  const action = actionFromWire(actionType);
  if (!action) throw new Error(`unknown action type ${actionType}`);
  const row = cells === 'wire' ? decodeRowUndecoded(bytes) : onlyRow(decodeRows(bytes));
  if (!row.sequence) throw new Error('the record has no sequence info');
  if (row.primaryKey.length === 0) throw new Error('the record has no primary key');
  for (const pk of row.primaryKey) {
    if (isPkSentinel(pk.value)) throw new Error(`primary key column "${pk.name}" holds ${pk.value.sentinel}`);
  }
  // Checked: no sentinels; below (or by decodeRowUndecoded), no INCREMENT and no NULL values.
  const primaryKey = row.primaryKey as PrimaryKeyColumn[];
  if (cells === 'wire') return new WireRecord(action, primaryKey, row.sequence, shardId, bytes, row.undecodedCells);
  for (const cell of row.cells) {
    const problem = streamCellProblem(cell.op, cell.value);
    if (problem) throw new Error(`cell "${cell.name}" ${problem}`);
  }
  return { action, primaryKey, cells: row.cells as ChangeCell[], sequence: row.sequence, shardId };
}

function onlyRow(rows: PlainBufferRow[]): PlainBufferRow {
  if (rows.length !== 1) throw new Error(`a stream record holds one row, this one holds ${rows.length}`);
  return rows[0]!;
}

/** A record whose cells stay in the response's bytes; `cells` decodes them if anyone asks. */
class WireRecord implements ChangeRecord {
  private decoded?: ChangeCell[];
  private readonly bytes: Buffer;

  constructor(
    readonly action: ActionType,
    readonly primaryKey: PrimaryKeyColumn[],
    readonly sequence: SequenceInfo,
    readonly shardId: string,
    bytes: Uint8Array,
    private readonly at: { start: number; end: number } = { start: 0, end: 0 },
  ) {
    this.bytes = bufferOf(bytes);
  }

  get cells(): ChangeCell[] {
    return (this.decoded ??= onlyRow(decodeRows(this.bytes)).cells as ChangeCell[]);
  }

  wireCells(): CellCursor {
    return new WireCells(this.bytes, this.at.start, this.at.end);
  }
}
