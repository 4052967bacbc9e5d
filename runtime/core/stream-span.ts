import { oldestWholeWindowStart, windowId, windowOf, type TimeWindow } from './window.ts';

// What a stream can serve: no change committed before it was enabled, none older than its expiration.
// A window it cannot serve whole is refused rather than exported empty and marked complete.

export interface StreamSpan {
  /** The oldest commit it surely still holds: its expiration, less 10 minutes for trimming in progress. */
  oldestAvailableMs: number;
  /** When it was enabled, if known: it holds nothing from before. */
  createdMs?: number;
}

export function streamSpan(stream: { expirationHours: number; createdMicros?: number }, nowMs: number): StreamSpan {
  return {
    oldestAvailableMs: nowMs - stream.expirationHours * 3_600_000 + 10 * 60_000,
    createdMs: stream.createdMicros === undefined ? undefined : Math.floor(stream.createdMicros / 1000),
  };
}

export interface WindowNotHeld {
  window: TimeWindow;
  reason: 'expired' | 'before-stream';
  /** Start of the first window the stream serves whole. */
  servedFromMs: number;
}

/** The first of `windows` the stream cannot serve whole, and why; undefined when it serves them all. */
export function firstWindowNotHeld(windows: readonly TimeWindow[], span: StreamSpan, sizeMinutes: number): WindowNotHeld | undefined {
  const whole = oldestWholeWindowStart(span.oldestAvailableMs, sizeMinutes);
  // The window holding the stream's creation holds every change the stream has of it.
  const created = span.createdMs === undefined ? Number.NEGATIVE_INFINITY : windowOf(span.createdMs, sizeMinutes).start;
  const servedFromMs = Math.max(whole, created);
  const window = windows.find((w) => w.start < servedFromMs);
  if (!window) return undefined;
  // Of the two bounds, the later one is why.
  return { window, reason: created > whole ? 'before-stream' : 'expired', servedFromMs };
}

/** Which window the stream cannot serve whole, and why, in a sentence; `servedFrom` is the first it can. */
export function describeNotHeld(notHeld: WindowNotHeld, span: StreamSpan): { problem: string; servedFrom: string } {
  const { window, reason, servedFromMs } = notHeld;
  const why = reason === 'before-stream'
    ? `the stream was enabled at ${new Date(span.createdMs!).toISOString()} and holds no change from before`
    : `the stream holds records only from ${new Date(span.oldestAvailableMs).toISOString()} (older ones expire)`;
  return { problem: `window ${windowId(window)} cannot be exported whole: ${why}`, servedFrom: windowId({ start: servedFromMs, end: servedFromMs }) };
}

export class WindowNotHeldError extends Error {
  constructor(notHeld: WindowNotHeld, span: StreamSpan) {
    const { problem, servedFrom } = describeNotHeld(notHeld, span);
    super(`${problem}. Nothing was exported; ask for windows from ${servedFrom} on.`);
    this.name = 'WindowNotHeldError';
  }
}
