// One window of N records exported in this process, streaming to the OSS emulator; prints the peak
// memory as JSON. bench/memory.ts bundles it (as the function is bundled: no tsx in the process) and
// runs `node memory-child.cjs <format> <records>` with BENCH_EMULATORS set to the emulators (JSON).
import { readFileSync } from 'node:fs';
import { BATCH, encodeBatch, PayloadSource } from './payloads.ts';
import { cellReadingFor } from '../runtime/export/source.ts';
import { benchJob, exportOnce, ossClientFor, WINDOW, type EmulatorProcess, type Format } from './common.ts';

const [format, count] = [process.argv[2] as Format, Number(process.argv[3])];
// compacted keeps one row per key for the window: its memory follows the keys, not the records.
const keys = process.argv[4] ? Number(process.argv[4]) : undefined;
const mode = keys === undefined ? 'multi_version' : 'compacted';
const info = JSON.parse(process.env.BENCH_EMULATORS ?? '{}') as EmulatorProcess['info'];
const batches = Math.ceil(count / BATCH);

const baseline = process.memoryUsage();
const peak = { heapUsed: baseline.heapUsed, rss: baseline.rss, external: baseline.external + baseline.arrayBuffers };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.rss = Math.max(peak.rss, m.rss);
  peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
};
const timer = setInterval(sample, 20);

/**
 * This process's own peak RSS. Linux carries getrusage's maxRSS over fork and exec, so a child spawned
 * by a big parent reports the parent's size; VmHWM belongs to the child's address space alone.
 */
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return Math.max(peak.rss, process.resourceUsage().maxRSS * 1024);
}

// Batches are built as they are read, so the records exist only while the exporter holds them.
async function main(): Promise<void> {
  const job = benchJob(format, { endpoint: info.oss, mode, compactedMaxKeys: keys });
  const source = new PayloadSource(batches, (i) => encodeBatch(i, { startMs: WINDOW.start, spanMs: 50_000, total: batches * BATCH, keys }), WINDOW.start, cellReadingFor(job));
  const started = performance.now();
  const summary = await exportOnce(job, source, ossClientFor(info, 'bench'));
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(timer);
  process.stdout.write(JSON.stringify({
    format, mode, keys, records: summary.records, rows: summary.rows, bytes: summary.bytes, objects: summary.objects, seconds,
    baselineRss: baseline.rss, baselineHeap: baseline.heapUsed,
    peakRss: peakRss(), peakHeap: peak.heapUsed, peakExternal: peak.external,
  }) + '\n');
}

main().catch((error: unknown) => {
  clearInterval(timer);
  console.error(error);
  process.exitCode = 1;
});
