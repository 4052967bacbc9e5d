import { isSettled, windowId, windowOf, type TimeWindow } from '../../core/window.ts';
import { describeNotHeld, firstWindowNotHeld, streamSpan } from '../../core/stream-span.ts';
import { runExport, type RunSummary } from '../../export/exporter.ts';
import { backfillId, backfillLogFor, backfillOwner, overlappingBackfill, type BackfillProgress } from '../backfill-log.ts';
import { EXIT, intOption, requiredOption, UsageError, type Command } from '../command.ts';
import { exitReleasingLease, Interrupts } from '../interrupts.ts';
import { formatDuration, ProgressView } from '../progress.ts';
import { formatBytes } from '../report.ts';
import { jobOptions, jobOptionsHelp, openJobSession, type JobSession } from '../session.ts';
import { instantHelp, windowsBetween } from '../window-range.ts';

// Re-exports a range of windows as explicit windows (the job's checkpoints stay where they are), a
// chunk of windows per lease, recording after each chunk how far it got. Run the same command again
// to resume; Ctrl-C finishes the chunk in hand first, so no window is left half-written.

const LEASE_WAIT_MS = 5_000;
/** The session's retry deadline: a backfill may run for hours; each chunk has its own deadline. */
const SESSION_SECONDS = 30 * 86_400;

interface Totals {
  exported: Array<{ id: string; records: number; rows: number; objects: number; bytes: number }>;
  /** nonConflict: windows left as they were because objects were already there. */
  leftAsIs: Array<{ id: string; reason: string }>;
  records: number;
  rows: number;
  objects: number;
  bytes: number;
}

type Outcome = { kind: 'done' } | { kind: 'interrupted' } | { kind: 'failed'; message: string; error?: string };

// A run's summary keeps the error's name (each class sets it), not the error: tell failures apart by it.
/** Failures no rerun gets past: the stream does not hold the window (any more). */
const WINDOW_LOST = new Set(['TrimmedRecordsError', 'WindowNotHeldError']);
/** Failures a rerun gets past once a person has fixed something: an endpoint, a table, keys, the stream. */
const NEEDS_A_FIX = new Set(['EndpointUnreachableError', 'TablestoreAccessError', 'OssAccessError', 'StreamNotEnabledError', 'StreamChangedError']);

/** Refuses windows the stream no longer (or not yet) holds completely. */
async function checkRange(session: JobSession, windows: TimeWindow[]): Promise<void> {
  const { job } = session.loaded;
  const now = Date.now();
  const last = windows.at(-1)!;
  if (!isSettled(last, now, job.window.safetyLagSeconds)) {
    const settled = windowOf(now - job.window.safetyLagSeconds * 1000, job.window.sizeMinutes).start;
    throw new UsageError(`--to: window ${windowId(last)} is not over yet (records may still arrive); end the range at ${windowId({ start: settled, end: settled })} or earlier`);
  }
  const stream = await session.retry('describe stream', () => session.source.describe());
  const span = streamSpan(stream, now);
  const notHeld = firstWindowNotHeld(windows, span, job.window.sizeMinutes);
  if (notHeld) {
    const { problem, servedFrom } = describeNotHeld(notHeld, span);
    throw new UsageError(`--from: ${problem}; start at ${servedFrom} or later`);
  }
}

export const backfillCommand: Command = {
  name: 'backfill',
  summary: 're-export a range of windows; resumable, with progress and an estimate on stderr',
  usage: [
    'Usage: ots2oss backfill --config FILE [--job NAME] --from WHEN --to WHEN [--chunk N] [--restart] [--json]',
    '',
    'Exports every window in [--from, --to) again, oldest first, as `run --start/--end` would: objects are',
    'replaced (same names), manifests and _SUCCESS rewritten, the job\'s checkpoints left alone. Each chunk',
    'takes the job\'s lease, so scheduled runs wait for it (and it waits for them). With sink.writeMode',
    'nonConflict nothing is replaced: a window that already has objects is left as it is and listed, so a',
    'backfill fills only the windows missing from OSS.',
    '',
    'Progress is kept in the status table under the range\'s id; running the same command again resumes',
    'after the last exported window (--restart exports the whole range again). Ctrl-C finishes the chunk in',
    'hand and exits 130; a second Ctrl-C stops at once (that window is exported again on resume).',
    '',
    'A backfill refuses to start while another one over an overlapping range of the job is running (exit 1,',
    'naming it). One whose process died without stopping (killed, host lost) holds its range until --timeout',
    'plus a minute after its last news; --takeover starts anyway.',
    '',
    jobOptionsHelp('      --timeout SEC   time allowed per chunk (default 300); the lease lasts this plus a minute'),
    `      --from WHEN         first window: ${instantHelp}`,
    '      --to WHEN           end of the range (exclusive): the first window not exported; same forms',
    '      --chunk N           windows per lease (default 1)',
    '      --restart           ignore earlier progress of this range',
    '      --takeover          start even if another backfill over the range looks alive (its process is gone)',
    '      --json              print the result as JSON on stdout',
    '',
    'Progress goes to stderr: a bar with an estimate on a terminal, one line per window otherwise.',
    'Exit codes: 0 done, 1 a window failed or another backfill runs the range, 2 usage, 3 configuration, 130 interrupted (resume by rerunning).',
  ].join('\n'),
  options: {
    ...jobOptions,
    from: { type: 'string' },
    to: { type: 'string' },
    chunk: { type: 'string' },
    restart: { type: 'boolean' },
    takeover: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values) {
    requiredOption(values, 'config', 'the job whose windows to export (see --help)');
    const fromText = requiredOption(values, 'from', instantHelp);
    const toText = requiredOption(values, 'to', instantHelp);
    const chunk = intOption(values, 'chunk') ?? 1;
    if (chunk < 1) throw new UsageError('--chunk must be at least 1');
    const chunkSeconds = intOption(values, 'timeout') ?? 300;
    if (chunkSeconds < 60) throw new UsageError('--timeout must be at least 60 seconds per chunk');

    const session = openJobSession({ ...values, timeout: String(SESSION_SECONDS) });
    const { job } = session.loaded;
    const windows = windowsBetween(fromText, toText, job.window.sizeMinutes, session.dayZone);
    await checkRange(session, windows);
    const log = backfillLogFor(job, session.endpoints.tablestore, session.credentials);
    const id = backfillId(windows);
    const started = Date.now();
    const owner = backfillOwner(id);
    if (!values.takeover) {
      const rival = await session.retry('read backfills', () =>
        overlappingBackfill(log, job.name, { from: windows[0]!.start, to: windows.at(-1)!.end }, owner, started));
      if (rival) {
        const message = `backfill ${rival.id} of job ${job.name} overlaps this range and is running (${rival.owner}, last news ` +
          `${formatDuration(started - rival.updatedAt)} ago). Wait for it to finish or stop it with Ctrl-C, then run this ` +
          `again. If its process is gone, the range is free at ${new Date(rival.aliveUntil!).toISOString()}, or pass --takeover.`;
        process.stderr.write(message + '\n');
        // Scripts reading --json get the refusal as a result, like any other failure.
        if (values.json) process.stdout.write(JSON.stringify({ id, job: job.name, ok: false, error: message, runningElsewhere: rival.id }, null, 2) + '\n');
        return EXIT.failed;
      }
    }
    const earlier = values.restart ? undefined : await session.retry('read backfill', () => log.get(job.name, id));
    const out = (line: string) => process.stdout.write(line + '\n');

    if (earlier?.finishedAt !== undefined) {
      const message = `backfill ${id} of job ${job.name} finished at ${new Date(earlier.finishedAt).toISOString()}: nothing to do (--restart exports it again)`;
      out(values.json ? JSON.stringify({ id, job: job.name, ok: true, windows: windows.length, skipped: windows.length, exported: [] }, null, 2) : message);
      return EXIT.ok;
    }
    const progress: BackfillProgress = earlier
      ? { ...earlier, interruptions: earlier.interruptions + 1, updatedAt: started }
      : { id, from: windows[0]!.start, to: windows.at(-1)!.end, windows: windows.length, doneUntil: windows[0]!.start, startedAt: started, updatedAt: started, interruptions: 0 };
    const todo = windows.filter((w) => w.start >= progress.doneUntil);
    const skipped = windows.length - todo.length;

    const view = new ProgressView({ total: windows.length, done: skipped, tty: process.stderr.isTTY === true, write: (s) => process.stderr.write(s) });
    view.note(skipped
      ? `backfill ${id} of job ${job.name}: resuming, ${skipped} of ${windows.length} windows already exported, ${todo.length} to go`
      : `backfill ${id} of job ${job.name}: ${windows.length} window(s), ${chunk} per lease`);
    /** The window being exported, if any. */
    let inHand: string | undefined;
    // Every save says this process is alive for one more chunk; stopping clears it.
    const aliveMs = (chunkSeconds + 60) * 1000;
    const save = (alive: boolean) => {
      progress.owner = owner;
      progress.aliveUntil = alive ? Date.now() + aliveMs : undefined;
      return session.retry('save backfill', () => log.put(job.name, progress));
    };
    // Ctrl-C once: stop after the chunk in hand. Twice: stop now (the window is redone on resume).
    const interrupts = new Interrupts(
      () => view.note(`interrupt: ${inHand ? `finishing ${inHand}, then stopping` : 'stopping'} (Ctrl-C again stops at once)`),
      () => exitReleasingLease(
        { store: session.store, job: job.name, owner, ttlMs: aliveMs },
        (lease) => view.note(`${inHand ? `stopped during ${inHand}; it is exported again when the backfill resumes` : 'stopped between windows'}; ${lease}.`),
        { first: () => save(false), alongside: () => session.sink.abortOpenUploads() },
      ),
    ).listen();

    const totals: Totals = { exported: [], leftAsIs: [], records: 0, rows: 0, objects: 0, bytes: 0 };
    let outcome: Outcome = { kind: 'done' };
    try {
      await save(true);
      for (let i = 0; i < todo.length;) {
        if (interrupts.requested) {
          outcome = { kind: 'interrupted' };
          break;
        }
        const batch = todo.slice(i, i + chunk);
        inHand = windowId(batch[0]!);
        view.started(inHand);
        const t0 = Date.now();
        const summary: RunSummary = await runExport({
          job, source: session.source, sink: session.sink, store: session.store, logger: session.logger,
          retry: session.retry, windows: batch, deadline: t0 + chunkSeconds * 1000, owner,
        });
        inHand = undefined;
        const perWindow = (Date.now() - t0) / Math.max(1, summary.windows.length);
        for (const w of summary.windows) {
          view.finished({ ...w, durationMs: perWindow });
          totals.exported.push({ id: w.id, records: w.records, rows: w.rows, objects: w.objects, bytes: w.bytes });
          totals.records += w.records;
          totals.rows += w.rows;
          totals.objects += w.objects;
          totals.bytes += w.bytes;
        }
        // nonConflict: the window after the exported ones already has objects; it is left as it is.
        const conflict = conflictOf(summary, batch[summary.windows.length]);
        if (conflict) {
          totals.leftAsIs.push(conflict);
          view.note(`${conflict.id}: left as it is: ${conflict.reason}`);
        }
        const passed = summary.windows.length + (conflict ? 1 : 0);
        if (passed > 0) {
          i += passed;
          progress.doneUntil = batch[passed - 1]!.end;
          progress.updatedAt = Date.now();
          if (i === todo.length) progress.finishedAt = progress.updatedAt;
          await save(progress.finishedAt === undefined);
        }
        const failure = conflict ? undefined : stopReason(summary, batch[summary.windows.length], chunkSeconds);
        if (failure === 'wait') {
          view.note(`the job's lease is held by another run; waiting ${LEASE_WAIT_MS / 1000} s`);
          await save(true);
          await interrupts.pause(LEASE_WAIT_MS);
        } else if (failure) {
          outcome = { kind: 'failed', message: failure, error: summary.stoppedBecause === 'error' ? summary.error?.name : undefined };
          break;
        }
      }
    } finally {
      interrupts.close();
      view.end();
      if (progress.aliveUntil !== undefined) await save(false).catch(() => undefined);
    }
    if (outcome.kind === 'done' && interrupts.requested && progress.finishedAt === undefined) outcome = { kind: 'interrupted' };

    const durationMs = Date.now() - started;
    const done = windows.filter((w) => w.start < progress.doneUntil).length;
    const at = windowId(windows[done] ?? windows.at(-1)!);
    const resumable = !(outcome.kind === 'failed' && outcome.error && WINDOW_LOST.has(outcome.error));
    if (values.json) {
      out(JSON.stringify({
        id, job: job.name, ok: outcome.kind === 'done', interrupted: outcome.kind === 'interrupted',
        error: outcome.kind === 'failed' ? outcome.message : undefined, ...(outcome.kind === 'failed' ? { resumable } : {}),
        from: new Date(progress.from).toISOString(), to: new Date(progress.to).toISOString(),
        windows: windows.length, skipped, done, durationMs, ...totals,
      }, null, 2));
    } else {
      out(`backfill ${id} of job ${job.name}: ${done}/${windows.length} windows done` +
        `${skipped ? ` (${skipped} before this run)` : ''}; exported ${totals.exported.length} in ${formatDuration(durationMs)}: ` +
        `${totals.records} records, ${totals.rows} rows, ${totals.objects} objects, ${formatBytes(totals.bytes)}` +
        (totals.leftAsIs.length ? `; left ${totals.leftAsIs.length} that already had objects as they were (nonConflict): ${totals.leftAsIs.map((w) => w.id).join(', ')}` : ''));
      if (outcome.kind === 'interrupted') out(`interrupted: run the same command again to resume at ${at}`);
      if (outcome.kind === 'failed') out(`failed: ${outcome.message}\n${resumeAdvice(outcome.error, at, done)}`);
    }
    if (outcome.kind === 'interrupted') return EXIT.interrupted;
    return outcome.kind === 'failed' ? EXIT.failed : EXIT.ok;
  },
};

function resumeAdvice(error: string | undefined, at: string, done: number): string {
  if (error && WINDOW_LOST.has(error)) return `no rerun gets past ${at}: the stream does not hold it (see the error for what to do); ${done} window(s) before it are done`;
  if (error && NEEDS_A_FIX.has(error)) return `fix what the error says, then run the same command again to resume at ${at}`;
  return `run the same command again to resume at ${at}`;
}

/** The window a nonConflict run refused because it already has objects, if that is why the chunk stopped. */
function conflictOf(summary: RunSummary, next: TimeWindow | undefined): Totals['leftAsIs'][number] | undefined {
  if (!next || summary.stoppedBecause !== 'error' || summary.error?.name !== 'WriteConflictError') return undefined;
  return { id: windowId(next), reason: summary.error.message };
}

/** Why a chunk stopped short: undefined when it may go on, 'wait' for a lease held elsewhere, else the failure. */
function stopReason(summary: RunSummary, next: TimeWindow | undefined, chunkSeconds: number): string | 'wait' | undefined {
  const at = next ? windowId(next) : 'the range';
  switch (summary.stoppedBecause) {
    case 'caught-up':
    case 'max-windows':
      return summary.windows.length > 0 ? undefined : `window ${at} was not exported (the run stopped: ${summary.stoppedBecause})`;
    case 'lease-held':
      return 'wait';
    case 'deadline':
      return summary.windows.length > 0 ? undefined : `window ${at} did not finish within --timeout ${chunkSeconds} s; raise --timeout`;
    case 'behind':
      return `window ${at}: a shard has not passed the window's end in the stream yet; try again later`;
    case 'error':
      return `window ${at}: ${summary.error?.name ?? 'Error'}: ${summary.error?.message ?? 'unknown error'}`;
  }
}
