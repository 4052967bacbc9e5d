// Stream record bytes -> ChangeRecord. The decoded PlainBuffer objects already have the change
// model's shape; this checks what a stream record must satisfy and hands them over uncopied.

import type { ActionType, ChangeCell, ChangeRecord, PrimaryKeyColumn } from '../core/change.ts';
import { decodeRows, isPkSentinel } from './plainbuffer/index.ts';
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

/** Decodes one stream record; throws an Error saying what is wrong with it. */
export function decodeStreamRecord(actionType: number, bytes: Uint8Array, shardId: string): ChangeRecord {
  const action = actionFromWire(actionType);
  if (!action) throw new Error(`unknown action type ${actionType}`);
  const rows = decodeRows(bytes);
  if (rows.length !== 1) throw new Error(`a stream record holds one row, this one holds ${rows.length}`);
  const row = rows[0]!;
  if (!row.sequence) throw new Error('the record has no sequence info');
  if (row.primaryKey.length === 0) throw new Error('the record has no primary key');
  for (const pk of row.primaryKey) {
    if (isPkSentinel(pk.value)) throw new Error(`primary key column "${pk.name}" holds ${pk.value.sentinel}`);
  }
  for (const cell of row.cells) {
    if (cell.op === 'INCREMENT') throw new Error(`cell "${cell.name}" has the INCREMENT op, which streams never carry`);
    if (cell.op === 'PUT' ? cell.value === undefined || cell.value === null : cell.value !== undefined) {
      throw new Error(`cell "${cell.name}" (${cell.op}) has ${cell.value === undefined ? 'no' : 'an unexpected'} value`);
    }
  }
  return {
    action,
    // Checked above: no sentinels, no INCREMENT, no NULL values.
    primaryKey: row.primaryKey as PrimaryKeyColumn[],
    cells: row.cells as ChangeCell[],
    sequence: row.sequence,
    shardId,
  };
}
