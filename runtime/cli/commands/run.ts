import { randomUUID } from 'node:crypto';
import { RUN_RESERVE_MS } from '../../config/job.ts';
import { explicitRangeProblems, parseDay, type ExplicitRange, type RangeFieldNames } from '../../core/window.ts';
import { failIfShort, requestedWindows, reserveNote } from '../../explicit-run.ts';
import { LEASE_MARGIN_MS, runExport, type RunSummary } from '../../export/exporter.ts';
import { EXIT, intOption, positiveIntOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { exitReleasingLease, Interrupts } from '../interrupts.ts';
import { formatSummary } from '../report.ts';
import { DEFAULT_TIMEOUT_SECONDS, jobOptions, jobOptionsHelp, openJobSession } from '../session.ts';

/** The exporter's lease lasts the run's time plus this. */

export const runCommand: Command = {
  name: 'run',
  summary: 'export every due window once (what the function does on each tick)',
  usage: [
    'Usage: ots2oss run --config FILE [--job NAME] [--date DAY | --start MS --end MS] [--max-windows N] [--json]',
    '',
    'Takes the job\'s lease, exports each due window in order, writes its manifest and _SUCCESS marker,',
    'checkpoints, and releases the lease. With --date or --start/--end (or the window of a DataWorks job),',
    'exports exactly those windows again without moving the job\'s checkpoints, and fails (exit 1) naming the',
    'windows left when it cannot export them all: not over yet, the lease held by another run, or out of time.',
    'Ctrl-C (or SIGTERM) stops at once and exits 130: the window in hand is left in progress and exported',
    'again by the next run, and the lease is released, so the next run need not wait for it.',
    '',
    jobOptionsHelp(`      --timeout SEC   stop starting new windows after this long (default ${DEFAULT_TIMEOUT_SECONDS}); the last ${RUN_RESERVE_MS / 1000} s of it are kept to abort uploads and release the lease`),
    '      --date DAY          one whole day, yyyyMMdd or yyyy-MM-dd, in sink.timeZone (the day of its {date} prefix), or in',
    '                          --utc-offset / --time-zone',
    '      --start MS --end MS a range in epoch milliseconds, aligned to the window size',
    '      --max-windows N     stop after N windows (of a range: export its first N)',
    '      --json              print the run summary as JSON on stdout',
  ].join('\n'),
  options: {
    ...jobOptions,
    date: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    'max-windows': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values) {
    const range = rangeOf(values);
    const timeout = positiveIntOption(values, 'timeout') ?? DEFAULT_TIMEOUT_SECONDS;
    if (timeout * 1000 <= RUN_RESERVE_MS) {
      throw new UsageError(`--timeout ${timeout}: a run keeps its last ${RUN_RESERVE_MS / 1000} s to abort uploads and release the lease; give more than ${RUN_RESERVE_MS / 1000}`);
    }
    const session = openJobSession(values);
    const { job } = session.loaded;
    const explicit = requestedWindows(range ?? session.loaded.explicitWindow ?? {}, job.window.sizeMinutes, session.dayZone);
    const maxWindows = positiveIntOption(values, 'max-windows');
    const owner = randomUUID();
    // Ctrl-C stops at once: the window in hand stays in progress (the next run redoes it) and the lease is freed.
    const interrupts = new Interrupts(() => exitReleasingLease(
      { store: session.store, job: job.name, owner, ttlMs: session.deadline - Date.now() + LEASE_MARGIN_MS },
      (lease) => process.stderr.write(`interrupted: stopped; ${explicit
        ? 'windows not exported yet are left as they were (run the same command again to export them)'
        : 'the window in hand is exported again by the next run'}; ${lease}.\n`),
      { alongside: () => session.sink.abortOpenUploads() },
    ), () => process.exit(EXIT.interrupted)).listen();
    let ran: RunSummary;
    try {
      ran = await runExport({
        job, source: session.source, sink: session.sink, store: session.store, logger: session.logger,
        deadline: session.deadline, retry: session.retry, windows: explicit, maxWindows, owner,
      });
    } finally {
      interrupts.close();
    }
    const summary: RunSummary = explicit
      ? failIfShort(ran, explicit.slice(0, maxWindows), job, `${reserveNote('--timeout', timeout)}; raise --timeout or ask for fewer windows (--max-windows)`)
      : ran;
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return summary.ok ? EXIT.ok : EXIT.failed;
  },
};

const RANGE_FLAGS: RangeFieldNames = { date: '--date', startTimestampMillis: '--start', endTimestampMillis: '--end' };

/**
 * The range --date or --start/--end name (they replace a DataWorks job's own), checked before the job is
 * read: flags that do not name a range are a usage error.
 */
function rangeOf(values: Values): ExplicitRange | undefined {
  const range = { date: dateOption(values), startTimestampMillis: intOption(values, 'start'), endTimestampMillis: intOption(values, 'end') };
  if (range.date === undefined && range.startTimestampMillis === undefined && range.endTimestampMillis === undefined) return undefined;
  const problems = explicitRangeProblems(range, RANGE_FLAGS);
  if (problems.length) throw new UsageError(problems.join('; '));
  return range;
}

const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const DASHED_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** --date as yyyyMMdd, taken as that or as yyyy-MM-dd (the day --from, --to and --window take). */
function dateOption(values: Values): string | undefined {
  const text = stringOption(values, 'date');
  if (text === undefined) return undefined;
  const m = COMPACT_DAY.exec(text) ?? DASHED_DAY.exec(text);
  const date = m ? `${m[1]}${m[2]}${m[3]}` : undefined;
  if (date && isCalendarDay(date)) return date;
  throw new UsageError(`--date "${text}": not a calendar day as yyyyMMdd or yyyy-MM-dd, e.g. 20261126 or 2026-11-26`);
}

function isCalendarDay(date: string): boolean {
  try {
    parseDay(date);
    return true;
  } catch {
    return false;
  }
}
