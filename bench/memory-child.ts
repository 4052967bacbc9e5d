// One window of N records exported in this process, streaming to the OSS emulator; prints the peak
// memory as JSON. bench/memory.ts bundles it (as the function is bundled: no tsx in the process) and
// runs `node memory-child.cjs <format> <records>` with BENCH_EMULATORS set to the emulators (JSON).
import { BATCH, encodeBatch, PayloadSource } from './payloads.ts';
import { benchJob, exportOnce, ossClientFor, WINDOW, type EmulatorProcess, type Format } from './common.ts';

const [format, count] = [process.argv[2] as Format, Number(process.argv[3])];
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

// Batches are built as they are read, so the records exist only while the exporter holds them.
async function main(): Promise<void> {
  const source = new PayloadSource(batches, (i) => encodeBatch(i, { startMs: WINDOW.start, spanMs: 50_000, total: batches * BATCH }));
  const started = performance.now();
  const summary = await exportOnce(benchJob(format, { endpoint: info.oss }), source, ossClientFor(info, 'bench'));
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(timer);
  process.stdout.write(JSON.stringify({
    format, records: summary.records, rows: summary.rows, bytes: summary.bytes, objects: summary.objects, seconds,
    baselineRss: baseline.rss, baselineHeap: baseline.heapUsed,
    peakRss: process.resourceUsage().maxRSS * 1024, peakHeap: peak.heapUsed, peakExternal: peak.external,
  }) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
