import { explicitWindows } from '../../core/window.ts';
import { runExport, type RunSummary } from '../../export/exporter.ts';
import { EXIT, intOption, stringOption, type Command } from '../command.ts';
import { formatSummary } from '../report.ts';
import { jobOptions, jobOptionsUsage, openJobSession } from '../session.ts';

export const runCommand: Command = {
  name: 'run',
  summary: 'export every due window once (what the function does on each tick)',
  usage: [
    'Usage: ots2oss run --config FILE [--job NAME] [--date yyyyMMdd | --start MS --end MS] [--max-windows N] [--json]',
    '',
    'Takes the job\'s lease, exports each due window in order, writes its manifest and _SUCCESS marker,',
    'checkpoints, and releases the lease. With --date or --start/--end (or the window of a DataWorks job),',
    'exports exactly those windows again without moving the job\'s checkpoints.',
    '',
    jobOptionsUsage,
    '      --date yyyyMMdd     one whole day in sink.timeZone (the day of its {date} prefix), or in --utc-offset / --time-zone',
    '      --start MS --end MS a range in epoch milliseconds, aligned to the window size',
    '      --max-windows N     stop after N windows',
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
    const session = openJobSession(values);
    const { job } = session.loaded;
    const range = {
      date: stringOption(values, 'date') ?? session.loaded.explicitWindow?.date,
      startTimestampMillis: intOption(values, 'start') ?? session.loaded.explicitWindow?.startTimestampMillis,
      endTimestampMillis: intOption(values, 'end') ?? session.loaded.explicitWindow?.endTimestampMillis,
    };
    const explicit = range.date || range.startTimestampMillis !== undefined ? explicitWindows(range, job.window.sizeMinutes, session.dayZone) : undefined;
    const summary: RunSummary = await runExport({
      job, source: session.source, sink: session.sink, store: session.store, logger: session.logger,
      deadline: session.deadline, retry: session.retry, windows: explicit, maxWindows: intOption(values, 'max-windows'),
    });
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return summary.ok ? EXIT.ok : EXIT.failed;
  },
};
