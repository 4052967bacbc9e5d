import { windowId, windowPrefix, type TimeWindow } from '../../core/window.ts';
import { createOssClient } from '../../oss/client.ts';
import { EXIT, intOption, requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { readObjectStats } from '../object-stats.ts';
import { formatBytes } from '../report.ts';
import { jobOptions, jobOptionsUsage, openJobSession } from '../session.ts';
import { formatTable } from '../table.ts';
import { checkWindow, type WindowCheck, type WindowReader } from '../window-check.ts';
import { instantHelp, windowAt, windowsBetween } from '../window-range.ts';

// Reads a window back from OSS and compares it with its manifest; exit 4 on any difference.

function relative(key: string, prefix: string): string {
  return key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : key;
}

export function formatWindowCheck(c: WindowCheck): string {
  const verdict = c.verdict === 'ok' ? 'OK' : c.verdict === 'warning' ? 'OK with warnings' : 'MISMATCH';
  const lines = [`window ${c.windowId} at ${c.prefix}/${c.format ? ` (${c.format})` : ''}: ${verdict}`];
  if (c.objects.length) {
    lines.push(formatTable(['OBJECT', 'ROWS', 'BYTES', 'MD5', 'STATUS'], c.objects.map((o) => [
      relative(o.key, c.prefix),
      o.actual.rows === o.expected.rows ? o.expected.rows : `${o.expected.rows} != ${o.actual.rows ?? '?'}`,
      o.actual.bytes === o.expected.bytes ? formatBytes(o.expected.bytes) : `${o.expected.bytes} != ${o.actual.bytes ?? 'absent'}`,
      o.actual.md5 === undefined ? '-' : o.actual.md5 === o.expected.md5 ? 'ok' : 'differs',
      o.verdict === 'ok' ? 'ok' : o.verdict === 'warning' ? 'warning' : 'MISMATCH',
    ])));
  }
  const rows = c.objects.reduce((n, o) => n + o.expected.rows, 0);
  lines.push(`  manifest ${c.manifest}, _SUCCESS ${c.success ? 'present' : 'MISSING'}, ${c.objects.length} object(s), ${rows} rows, ` +
    `stray objects: ${c.stray.length ? c.stray.length : 'none'}`);
  for (const o of c.objects) for (const p of o.problems) lines.push(`  - ${relative(o.key, c.prefix)}: ${p}`);
  for (const p of c.problems) lines.push(`  - ${p}`);
  for (const w of c.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check exported windows in OSS against their manifests (presence, size, MD5, rows)',
  usage: [
    'Usage: ots2oss verify --config FILE [--job NAME] (--window WHEN | --from WHEN --to WHEN) [--json]',
    '',
    'Reads each window\'s manifest, then streams every object it lists and checks that it exists, that its',
    'size and MD5 match, and that its rows match (csv: records, quoted line breaks allowed; text and jsonl:',
    'lines, less the header; parquet: the footer\'s row count). Also checks the totals, the _SUCCESS marker,',
    'that no other object sits under the window\'s data names, and the status table\'s record (a warning).',
    '',
    jobOptionsUsage,
    `      --window WHEN       one window: ${instantHelp}; an instant means the window holding it`,
    '      --from WHEN --to WHEN  every window in [from, to), on window edges',
    '      --concurrency N     objects read at once (default 4)',
    '      --json              {"ok": bool, "windows": [...]} on stdout',
    '',
    'Exit codes: 0 all match, 4 a difference was found, 1 OSS or the status table could not be read, 2 usage, 3 configuration.',
  ].join('\n'),
  options: {
    ...jobOptions,
    window: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values) {
    requiredOption(values, 'config', 'the job whose windows to check (see --help)');
    const single = stringOption(values, 'window');
    const from = stringOption(values, 'from');
    const to = stringOption(values, 'to');
    if (single !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('give --window, or --from and --to, not both');
    if (single === undefined && (from === undefined || to === undefined)) throw new UsageError(`--window WHEN, or --from WHEN and --to WHEN, is required: ${instantHelp}`);
    const concurrency = intOption(values, 'concurrency') ?? 4;
    if (concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be between 1 and 64');

    const session = openJobSession(values);
    const { job } = session.loaded;
    const windows: TimeWindow[] = single !== undefined
      ? [windowAt(single, 'window', job.window.sizeMinutes, session.dayZone)]
      : windowsBetween(from!, to!, job.window.sizeMinutes, session.dayZone);
    const oss = createOssClient({ endpoint: session.endpoints.oss, bucket: job.sink.bucket, region: session.endpoints.region, credentials: session.credentials });
    const reader: WindowReader = {
      list: (prefix) => session.sink.list(prefix),
      getText: (key) => session.sink.getText(key),
      stats: (key, format) => session.retry(`read ${key}`, () => readObjectStats(oss, key, format, job.sink.header)),
      record: (id) => session.retry(`read window ${id}`, () => session.store.getWindow(job.name, id)),
    };
    const checks: WindowCheck[] = [];
    for (const w of windows) {
      const prefix = windowPrefix(job, w);
      const check = await checkWindow(reader, { prefix, windowId: windowId(w) }, { job: job.name, concurrency });
      checks.push(check);
      if (!values.json) console.log(formatWindowCheck(check) + '\n');
    }
    const bad = checks.filter((c) => c.verdict === 'mismatch');
    if (values.json) console.log(JSON.stringify({ ok: bad.length === 0, windows: checks }, null, 2));
    else console.log(bad.length ? `${bad.length} of ${checks.length} window(s) differ from their manifests: ${bad.map((c) => c.windowId).join(', ')}` : `${checks.length} window(s) match their manifests`);
    return bad.length ? EXIT.verifyMismatch : EXIT.ok;
  },
};
