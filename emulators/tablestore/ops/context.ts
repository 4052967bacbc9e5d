// What every operation handler gets: the instance addressed, the clock and the emulator's knobs.

import type { Instance } from '../model/instance.ts';

export interface OpContext {
  instance: Instance;
  /** Emulator clock in milliseconds. */
  now: () => number;
  shardsPerTable: number;
  describeStreamPageSize: number;
  /** Delay between a commit and its records becoming readable from the stream. */
  visibilityDelayMs: number;
  /** Calls a GetShardIterator with a timestamp takes (faults.seekSteps). */
  seekSteps: number;
  /** Cap on the records of one GetStreamRecord (faults.maxRecordsPerRead); 0: none. */
  maxRecordsPerRead: number;
  /** Whether this GetStreamRecord answers empty though records are readable (faults.emptyReadRate). */
  emptyRead: () => boolean;
}

export interface OperationDef {
  handle: (ctx: OpContext, body: Buffer) => Buffer;
  /** Whether the operation changes state (and so triggers persistence). */
  mutates: boolean;
}

export const CONSUMED = { capacityUnit: { read: 1, write: 1 } };
