// The codec's own row model. Cells and primary-key columns share their shape with the change
// model (runtime/core/change.ts) so a decoded stream row becomes a ChangeRecord without copying.

import type { CellOp, CellValue, PrimaryKeyColumn, SequenceInfo } from '../../core/change.ts';

/** Primary-key placeholders that are only valid in range bounds (INF_*) or puts (AUTO_INCREMENT). */
export interface PkSentinel {
  readonly sentinel: 'INF_MIN' | 'INF_MAX' | 'AUTO_INCREMENT';
}

export const INF_MIN: PkSentinel = Object.freeze({ sentinel: 'INF_MIN' });
export const INF_MAX: PkSentinel = Object.freeze({ sentinel: 'INF_MAX' });
export const AUTO_INCREMENT: PkSentinel = Object.freeze({ sentinel: 'AUTO_INCREMENT' });

export type PkValue = PrimaryKeyColumn['value'] | PkSentinel;

export interface PlainBufferPrimaryKeyColumn {
  name: string;
  value: PkValue;
}

/** INCREMENT only appears in update requests; streams and reads carry PUT and the deletes. */
export type PlainBufferCellOp = CellOp | 'INCREMENT';

/** `null` is the NULL value type; `undefined` means the cell carries no value (deletes). */
export type PlainBufferValue = CellValue | null;

export interface PlainBufferCell {
  name: string;
  op: PlainBufferCellOp;
  value?: PlainBufferValue;
  /** Cell version in milliseconds. */
  timestamp?: number;
}

export interface PlainBufferRow {
  primaryKey: PlainBufferPrimaryKeyColumn[];
  cells: PlainBufferCell[];
  deleteMarker: boolean;
  /** Present on stream records (the sequence-info extension). */
  sequence?: SequenceInfo;
  /** Rows decoded with their cells left as bytes: where those cells lie, from the first cell's tag. */
  undecodedCells?: { start: number; end: number };
}

/** Stands for a value that was checked but not decoded. */
export const UNDECODED: { readonly undecoded: true } = Object.freeze({ undecoded: true });

/** What is wrong with a cell of a stream record: streams never carry INCREMENT, and only a PUT carries a value (never NULL). */
export function streamCellProblem(op: PlainBufferCellOp, value: unknown): string | undefined {
  if (op === 'INCREMENT') return 'has the INCREMENT op, which streams never carry';
  if (op === 'PUT' ? value === undefined || value === null : value !== undefined) return `(${op}) has ${value === undefined ? 'no' : 'an unexpected'} value`;
  return undefined;
}

export function isPkSentinel(value: unknown): value is PkSentinel {
  return value === INF_MIN || value === INF_MAX || value === AUTO_INCREMENT;
}

/** Thrown on malformed input; `offset` is where decoding stopped. */
export class PlainBufferError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`PlainBuffer: ${message} (at byte ${offset})`);
    this.name = 'PlainBufferError';
  }
}
