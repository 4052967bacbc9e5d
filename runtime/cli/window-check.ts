import { z } from 'zod';
import type { WindowRecord } from '../export/status-store.ts';
import { dataScope, manifestKey, successKey, type WindowLayout } from '../oss/sink.ts';
import type { ObjectStats } from './object-stats.ts';

// Checks one exported window against its manifest: every listed object present with the listed size,
// MD5 and rows; totals adding up; _SUCCESS written; nothing else under the window's data names; and
// the status table's record agreeing. Reads go through `WindowReader`, so the checks are plain logic.

const manifestObject = z.object({
  key: z.string(),
  shardId: z.string(),
  part: z.int(),
  rows: z.int(),
  bytes: z.int(),
  md5: z.string(),
});

export const manifestSchema = z.looseObject({
  version: z.literal(1),
  job: z.string(),
  window: z.object({ id: z.string(), start: z.string(), end: z.string() }),
  format: z.string(),
  records: z.int(),
  rows: z.int(),
  bytes: z.int(),
  objects: z.array(manifestObject),
});

export type Manifest = z.output<typeof manifestSchema>;

export interface WindowReader {
  list(prefix: string): Promise<Array<{ key: string; size: number }>>;
  getText(key: string): Promise<string | undefined>;
  /** Streams the object; rows are counted as `format` (the manifest's) lays them out. */
  stats(key: string, format: string): Promise<ObjectStats>;
  record(windowId: string): Promise<WindowRecord | undefined>;
}

export type Verdict = 'ok' | 'mismatch' | 'warning';

export interface ObjectCheck {
  key: string;
  expected: { rows: number; bytes: number; md5: string };
  actual: { rows?: number; bytes?: number; md5?: string; listedBytes?: number };
  verdict: Verdict;
  problems: string[];
}

export interface WindowCheck {
  windowId: string;
  prefix: string;
  manifestKey: string;
  verdict: Verdict;
  format?: string;
  manifest: 'present' | 'missing' | 'invalid';
  success: boolean;
  objects: ObjectCheck[];
  stray: string[];
  /** Window-level findings; `warnings` do not fail the check. */
  problems: string[];
  warnings: string[];
}

const worst = (verdicts: Verdict[]): Verdict =>
  verdicts.includes('mismatch') ? 'mismatch' : verdicts.includes('warning') ? 'warning' : 'ok';

async function checkObject(reader: WindowReader, entry: Manifest['objects'][number], listed: Map<string, number>, format: string): Promise<ObjectCheck> {
  const check: ObjectCheck = {
    key: entry.key, expected: { rows: entry.rows, bytes: entry.bytes, md5: entry.md5 }, actual: {}, verdict: 'ok', problems: [],
  };
  const listedBytes = listed.get(entry.key);
  if (listedBytes === undefined) {
    check.problems.push('missing: listed in the manifest but not in OSS');
    check.verdict = 'mismatch';
    return check;
  }
  check.actual.listedBytes = listedBytes;
  const stats = await reader.stats(entry.key, format);
  Object.assign(check.actual, { bytes: stats.bytes, md5: stats.md5, rows: stats.rows });
  const mismatches: string[] = [];
  if (stats.bytes !== entry.bytes || listedBytes !== entry.bytes) {
    mismatches.push(`size: manifest ${entry.bytes} bytes, OSS ${listedBytes} listed / ${stats.bytes} read`);
  }
  if (stats.md5 !== entry.md5) mismatches.push(`md5: manifest ${entry.md5}, OSS ${stats.md5}`);
  if (stats.rows !== undefined && stats.rows !== entry.rows) {
    const hint = format === 'text' ? ' (text does not escape line breaks: a value holding one splits its row for any reader)' : '';
    mismatches.push(`rows: manifest ${entry.rows}, object ${stats.rows}${hint}`);
  }
  check.problems.push(...mismatches);
  if (stats.rows === undefined) check.problems.push(`rows not counted: ${stats.rowsNote ?? 'unknown'}`);
  check.verdict = mismatches.length ? 'mismatch' : stats.rows === undefined ? 'warning' : 'ok';
  return check;
}

/** Runs `work` over items, at most `limit` at once, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export async function checkWindow(reader: WindowReader, layout: WindowLayout, options: { job: string; concurrency?: number }): Promise<WindowCheck> {
  const key = manifestKey(layout);
  const markers = await reader.list(`${layout.prefix}/_ots2oss/${layout.windowId}/`);
  const data = await reader.list(dataScope(layout));
  const result: WindowCheck = {
    windowId: layout.windowId, prefix: layout.prefix, manifestKey: key, verdict: 'ok', manifest: 'missing',
    success: markers.some((m) => m.key === successKey(layout)), objects: [], stray: [], problems: [], warnings: [],
  };
  const text = await reader.getText(key);
  let manifest: Manifest | undefined;
  if (text === undefined) {
    result.problems.push(`no manifest at ${key}: the window was not exported, or its export did not finish`);
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      json = undefined;
      result.problems.push(`manifest is not JSON: ${(error as Error).message}`);
    }
    const parsed = manifestSchema.safeParse(json);
    if (parsed.success) manifest = parsed.data;
    else if (json !== undefined) result.problems.push(`manifest does not have the expected shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    result.manifest = manifest ? 'present' : 'invalid';
  }
  if (!result.success) result.problems.push(`no _SUCCESS marker at ${successKey(layout)}`);

  const listed = new Map(data.map((o) => [o.key, o.size]));
  if (manifest) {
    result.format = manifest.format;
    if (manifest.window.id !== layout.windowId) result.problems.push(`manifest is for window ${manifest.window.id}, not ${layout.windowId}`);
    if (manifest.job !== options.job) result.warnings.push(`manifest was written by job ${manifest.job}, not ${options.job}`);
    const sum = (f: 'rows' | 'bytes') => manifest!.objects.reduce((n, o) => n + o[f], 0);
    if (sum('rows') !== manifest.rows) result.problems.push(`manifest rows ${manifest.rows} differ from the sum over its objects, ${sum('rows')}`);
    if (sum('bytes') !== manifest.bytes) result.problems.push(`manifest bytes ${manifest.bytes} differ from the sum over its objects, ${sum('bytes')}`);
    const format = manifest.format;
    result.objects = await mapLimited(manifest.objects, options.concurrency ?? 4, (o) => checkObject(reader, o, listed, format));
    const record = await reader.record(layout.windowId);
    if (!record) result.warnings.push('the status table has no record of this window');
    else if (record.state !== 'complete') result.warnings.push(`the status table has this window ${record.state} (attempt ${record.attempts}): an export may be running or may have stopped`);
    else if (record.rows !== manifest.rows || record.objects !== manifest.objects.length) {
      result.warnings.push(`the status table records ${record.rows} rows in ${record.objects} objects, the manifest ${manifest.rows} in ${manifest.objects.length}`);
    }
  }
  const expected = new Set(manifest?.objects.map((o) => o.key) ?? []);
  result.stray = data.map((o) => o.key).filter((k) => !expected.has(k));
  if (result.stray.length) result.problems.push(`${result.stray.length} object(s) under ${dataScope(layout)}* are not in the manifest: ${result.stray.slice(0, 3).join(', ')}${result.stray.length > 3 ? ', ...' : ''}`);

  result.verdict = worst([
    result.problems.length ? 'mismatch' : 'ok',
    result.warnings.length ? 'warning' : 'ok',
    ...result.objects.map((o) => o.verdict),
  ]);
  return result;
}
