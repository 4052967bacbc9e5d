// The sequence-info string DataWorks' reader exports: `%010d_%020d_%010d_%s` (epoch, commit time in
// microseconds, row index, shard id), plus `:%010d` (the line's column index) in multi-version mode.
import type { SequenceInfo } from './change.ts';

/** Java's `%0<width>d`: zero-padded to the width, a minus sign taking one of the places. */
export function zeroPad(n: number, width: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`sequence field ${n} is not a whole number`);
  if (n < 0) return `-${String(-n).padStart(width - 1, '0')}`;
  return String(n).padStart(width, '0');
}

/** `epoch_timestamp_rowIndex_shardId`; append columnSuffix(i) for multi-version lines. */
export function formatSequenceInfo(seq: SequenceInfo, shardId: string): string {
  return `${zeroPad(seq.epoch, 10)}_${zeroPad(seq.timestampMicros, 20)}_${zeroPad(seq.rowIndex, 10)}_${shardId}`;
}

/** Most records have few cells: their suffixes are made once. */
const SUFFIXES = Array.from({ length: 256 }, (_, i) => `:${zeroPad(i, 10)}`);

export function columnSuffix(columnIndex: number): string {
  return SUFFIXES[columnIndex] ?? `:${zeroPad(columnIndex, 10)}`;
}

export interface ParsedSequenceInfo {
  sequence: SequenceInfo;
  shardId: string;
  columnIndex?: number;
}

const SEQUENCE_INFO = /^(-?\d+)_(-?\d+)_(-?\d+)_(.+?)(?::(\d{10}))?$/;

export function parseSequenceInfo(text: string): ParsedSequenceInfo {
  const m = SEQUENCE_INFO.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a sequence info of the form epoch_timestamp_rowIndex_shardId[:columnIndex]`);
  const parsed: ParsedSequenceInfo = {
    sequence: { epoch: Number(m[1]), timestampMicros: Number(m[2]), rowIndex: Number(m[3]) },
    shardId: m[4] as string,
  };
  if (m[5] !== undefined) parsed.columnIndex = Number(m[5]);
  return parsed;
}

/** Orders records of one shard: by epoch, then commit time, then row index. */
export function compareSequence(a: SequenceInfo, b: SequenceInfo): number {
  return a.epoch - b.epoch || a.timestampMicros - b.timestampMicros || a.rowIndex - b.rowIndex;
}
