import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import type { JobConfig } from '../../../runtime/config/job.ts';
import type { ChangeRecord } from '../../../runtime/core/change.ts';
import { columnSuffix, formatSequenceInfo, parseSequenceInfo } from '../../../runtime/core/sequence.ts';
import { windowId, windowOf } from '../../../runtime/core/window.ts';
import { exportedSequences } from '../../support/exported.ts';
import { manifestSchema, md5Hex, type Manifest } from '../../support/oss.ts';
import { count } from './tally.ts';
import { LineTally } from './verify-lines.ts';
import type { World } from './world.ts';

// Checks what is in OSS against the emulator's change log, the ground truth: every change the
// stream holds before `through` is in exactly one exported line per cell (sequence info plus
// column index identify it), in the file of its commit window; every file parses, matches its
// manifest (rows, bytes, md5) and sits in a window that has a manifest and _SUCCESS. Jobs without
// sequence info are checked by each window's lines instead (verify-lines.ts).

export interface Verdict {
  records: number;
  lines: number;
  windows: number;
  lost: string[];
  duplicated: string[];
  unexpected: string[];
  problems: string[];
}

/** The lines DataWorks' multi-version mode gives a record: DR for PUT and DELETE, one per cell unless DELETE. */
function expectedLines(r: ChangeRecord): string[] {
  const n = (r.action === 'UPDATE' ? 0 : 1) + (r.action === 'DELETE' ? 0 : r.cells.length);
  const base = formatSequenceInfo(r.sequence, r.shardId);
  return Array.from({ length: n }, (_, i) => base + columnSuffix(i));
}

export async function verifyExport(world: World, options: { through: number; job?: JobConfig }): Promise<Verdict> {
  const job = options.job ?? world.job;
  const size = job.window.sizeMinutes;
  const prefix = `exports/${job.name}/`;
  const keys = new Set(await world.oss.keys(prefix));
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const listed = new Set<string>();
  const recordsPerWindow = new Map<string, number>();
  const lineTally = job.reader.isExportSequenceInfo ? undefined : new LineTally(job);
  let lines = 0;
  let windows = 0;

  for (const key of [...keys].filter((k) => k.endsWith('/manifest.json')).sort()) {
    windows++;
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse((await world.oss.get(key)).toString('utf8')));
    } catch (error) {
      problems.push(`${key}: not a valid manifest: ${(error as Error).message}`);
      continue;
    }
    const id = manifest.window.id;
    if (!keys.has(key.replace(/manifest\.json$/, '_SUCCESS'))) problems.push(`${key}: no _SUCCESS beside it`);
    if (manifest.rows !== manifest.objects.reduce((n, o) => n + o.rows, 0)) problems.push(`${key}: rows ${manifest.rows} differ from the sum over its objects`);
    recordsPerWindow.set(id, manifest.records);
    for (const o of manifest.objects) {
      listed.add(o.key);
      if (!keys.has(o.key)) {
        problems.push(`${key}: lists ${o.key}, which is not in the bucket`);
        continue;
      }
      const body = await world.oss.get(o.key);
      if (body.length !== o.bytes || md5Hex(body) !== o.md5) problems.push(`${o.key}: bytes/md5 differ from the manifest`);
      let sequences: string[];
      try {
        const text = o.key.endsWith('.gz') ? gunzipSync(body) : body;
        if (lineTally) {
          const rows = lineTally.add(id, o.key, text);
          lines += rows;
          if (rows !== o.rows) problems.push(`${o.key}: holds ${rows} rows, the manifest says ${o.rows}`);
          continue;
        }
        sequences = await exportedSequences(job.sink.fileFormat, text, job.sink.header);
      } catch (error) {
        problems.push(`${o.key}: does not parse: ${(error as Error).message}`);
        continue;
      }
      if (sequences.length !== o.rows) problems.push(`${o.key}: holds ${sequences.length} rows, the manifest says ${o.rows}`);
      for (const s of sequences) {
        lines++;
        seen.set(s, (seen.get(s) ?? 0) + 1);
        const at = windowId(windowOf(Math.floor(parseSequenceInfo(s).sequence.timestampMicros / 1000), size));
        if (at !== id) problems.push(`${o.key}: line ${s} was committed in window ${at}, not ${id}`);
      }
    }
  }
  for (const key of keys) {
    if (!key.includes('/_ots2oss/') && !listed.has(key)) problems.push(`${key}: a data object no manifest lists`);
  }

  const truth = world.changeLog().filter((r) => r.sequence.timestampMicros < options.through * 1000);
  const expected = new Set<string>();
  const truthPerWindow = new Map<string, number>();
  for (const r of truth) {
    for (const line of expectedLines(r)) expected.add(line);
    const id = windowId(windowOf(Math.floor(r.sequence.timestampMicros / 1000), size));
    truthPerWindow.set(id, (truthPerWindow.get(id) ?? 0) + 1);
  }
  for (const [id, n] of truthPerWindow) {
    const got = recordsPerWindow.get(id);
    if (got === undefined) problems.push(`window ${id}: ${n} records committed but no manifest`);
    else if (got !== n) problems.push(`window ${id}: manifest counts ${got} records, the stream holds ${n}`);
  }
  count('records', truth.length);
  if (lineTally) {
    const { lost, duplicated, unexpected, problems: layout } = lineTally.finish(truth);
    count('lost', lost.length);
    count('duplicated', duplicated.length);
    return { records: truth.length, lines, windows, lost, duplicated, unexpected, problems: [...problems, ...layout] };
  }
  const lost = [...expected].filter((l) => !seen.has(l));
  const duplicated = [...seen].filter(([, n]) => n > 1).map(([l]) => l);
  const unexpected = [...seen.keys()].filter((l) => !expected.has(l));
  count('lost', new Set(lost.map((l) => l.replace(/:\d{10}$/, ''))).size);
  count('duplicated', new Set(duplicated.map((l) => l.replace(/:\d{10}$/, ''))).size);
  return { records: truth.length, lines, windows, lost, duplicated, unexpected, problems };
}

/** Zero lost, zero duplicated, nothing unexplained, and at least `minRecords` checked. */
export function assertExactlyOnce(v: Verdict, minRecords = 1): void {
  const sample = (xs: string[]) => xs.slice(0, 5).join(', ');
  assert.deepEqual(v.problems.slice(0, 10), [], 'exported files and manifests are consistent');
  assert.equal(v.lost.length, 0, `lost lines: ${sample(v.lost)}`);
  assert.equal(v.duplicated.length, 0, `duplicated lines: ${sample(v.duplicated)}`);
  assert.equal(v.unexpected.length, 0, `lines no change explains: ${sample(v.unexpected)}`);
  assert.ok(v.records >= minRecords, `checked ${v.records} records, expected at least ${minRecords}`);
}
