import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ensureBucket, fmt, MB, root, type EmulatorProcess, type Format } from './common.ts';

// Peak memory of one window of a million records, each format in a fresh process (the figure is
// that process's maxRSS, so nothing else in the benchmark run counts), uploading to the emulators.
// The process runs a bundle, as the function does, so no TypeScript loader sits in its memory.

async function bundleChild(dir: string): Promise<string> {
  const out = join(dir, 'memory-child.cjs');
  await build({
    entryPoints: [join(root, 'bench/memory-child.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: out, external: ['proxy-agent'], logLevel: 'silent',
    // As for the function: no "use strict" atop the bundle, which the tablestore SDK cannot run under.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });
  return out;
}

export interface MemoryResult {
  format: Format;
  mode: 'multi_version' | 'compacted';
  /** Distinct keys in the window (compacted runs). */
  keys?: number;
  records: number;
  rows: number;
  bytes: number;
  objects: number;
  seconds: number;
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeap: number;
  peakExternal: number;
}

/** A run of the memory child: a format, and for compacted mode the number of distinct keys. */
export interface MemoryCase {
  format: Format;
  keys?: number;
}

export async function memoryBench(options: { records: number; cases: MemoryCase[]; emulators: EmulatorProcess; log: (line: string) => void }): Promise<MemoryResult[]> {
  const out: MemoryResult[] = [];
  await ensureBucket(options.emulators);
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-bench-memory-'));
  const script = await bundleChild(dir);
  for (const { format, keys } of options.cases) {
    const args = [script, format, String(options.records), ...(keys === undefined ? [] : [String(keys)])];
    const child = spawn(process.execPath, args, {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_EMULATORS: JSON.stringify(options.emulators.info) },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the ${format} memory run exited with ${code}`);
    const r = JSON.parse(stdout) as MemoryResult;
    out.push(r);
    const label = keys === undefined ? format : `${format}, compacted, ${fmt(keys)} keys`;
    options.log(`  ${label.padEnd(7)}: peak RSS ${fmt(r.peakRss / MB)} MB (${fmt(r.baselineRss / MB)} MB before the run), peak heap ${fmt(r.peakHeap / MB)} MB, ` +
      `buffers ${fmt(r.peakExternal / MB)} MB; ${fmt(r.records)} records -> ${fmt(r.bytes / MB)} MB in ${r.objects} object(s), ${fmt(r.seconds, 1)} s`);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}
