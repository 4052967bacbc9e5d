import type OSS from 'ali-oss';
import type { FileEncoder } from '../runtime/format/index.ts';
import { decodeBatch, encodeBatch, PayloadSource, BATCH } from './payloads.ts';
import { benchJob, discardingEncoder, discardingOss, ensureBucket, exportOnce, fmt, MB, timed, WINDOW, type EmulatorProcess, type Format } from './common.ts';

// Export throughput per format next to the ceiling measured in the same run: decoding the same
// GetStreamRecord bodies with the project's codec and nothing else. The pipeline is the real
// exporter (runExport: shard reader, record mapper, encoder, sink, checkpoints in memory) over a
// source that decodes those bodies as the Stream client does; "no upload" gives the sink an OSS
// client that discards, "upload" sends the objects to the OSS emulator in another process.

export interface Rate {
  records: number;
  inputBytes: number;
  outputBytes: number;
  wallMs: number;
  cpuMs: number;
}

export interface ThroughputResult {
  format: Format | 'decode only';
  upload: boolean;
  rate: Rate;
  /**
   * Milliseconds per run (no-upload runs only): decoding (the ceiling), what mapping and the exporter
   * add (the pipeline with an encoder that writes nothing), and what encoding, md5 and the sink add.
   */
  stages?: { decode: number; mapAndExporter: number; encodeAndHash: number };
}

const perSecond = (n: number, ms: number) => (n * 1000) / ms;

export function describeRate(r: Rate): string {
  return `${fmt(perSecond(r.records, r.wallMs))} records/s, ${fmt(perSecond(r.inputBytes, r.wallMs) / MB, 1)} MB/s in` +
    (r.outputBytes ? `, ${fmt(perSecond(r.outputBytes, r.wallMs) / MB, 1)} MB/s out` : '') +
    ` (${fmt(perSecond(r.records, r.cpuMs))} records per CPU-second)`;
}

export async function throughputBench(options: { batches: number; reps: number; formats: Format[]; sequenceInfo: boolean; compress?: 'none' | 'gzip'; emulators: EmulatorProcess; log: (line: string) => void }): Promise<ThroughputResult[]> {
  const { batches, reps, log } = options;
  const total = batches * BATCH;
  const payloads = Array.from({ length: batches }, (_, i) => encodeBatch(i, { startMs: WINDOW.start, spanMs: 50_000, total }));
  const inputBytes = payloads.reduce((n, p) => n + p.length, 0);
  log(`  ${fmt(total)} records in ${batches} GetStreamRecord bodies, ${fmt(inputBytes / MB, 1)} MB; best of ${reps} runs after a warm-up`);

  const results: ThroughputResult[] = [];
  const measure = async (run: () => Promise<number>): Promise<Rate> => {
    await run();
    const samples: Array<{ wallMs: number; cpuMs: number; out: number }> = [];
    for (let i = 0; i < reps; i++) {
      const t = await timed(run);
      samples.push({ wallMs: t.wallMs, cpuMs: t.cpuMs, out: t.value });
    }
    // The fastest run: on a shared machine the slower ones measure the neighbours, not the code.
    const best = samples.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    return { records: total, inputBytes, outputBytes: best.out, wallMs: best.wallMs, cpuMs: best.cpuMs };
  };

  const ceiling = await measure(async () => {
    let n = 0;
    for (const p of payloads) n += decodeBatch(p).length;
    if (n !== total) throw new Error(`decoded ${n} records, expected ${total}`);
    return 0;
  });
  results.push({ format: 'decode only', upload: false, rate: ceiling });
  log(`  decode only (ceiling): ${describeRate(ceiling)}`);

  const oss = await ensureBucket(options.emulators);
  for (const format of options.formats) {
    const job = benchJob(format, { endpoint: options.emulators.info.oss, sequenceInfo: options.sequenceInfo, compress: options.compress });
    const run = (client: OSS, newEncoder?: () => FileEncoder) => async () => {
      const summary = await exportOnce(job, new PayloadSource(batches, (i) => payloads[i]!), client, newEncoder);
      if (summary.records !== total) throw new Error(`exported ${summary.records} records, expected ${total}`);
      return summary.bytes;
    };
    // The same pipeline with an encoder that writes nothing: what decoding, mapping and the exporter
    // cost in place; the difference to the whole run is encoding, hashing and handing bytes to the sink.
    const unencoded = await measure(run(discardingOss(), discardingEncoder));
    for (const upload of [false, true]) {
      const rate = await measure(run(upload ? oss : discardingOss()));
      const stages = upload ? undefined : {
        decode: ceiling.wallMs, mapAndExporter: unencoded.wallMs - ceiling.wallMs, encodeAndHash: rate.wallMs - unencoded.wallMs,
      };
      results.push({ format, upload, rate, stages });
      const ratio = perSecond(rate.records, rate.wallMs) / perSecond(ceiling.records, ceiling.wallMs);
      log(`  ${format.padEnd(7)} ${upload ? 'upload   ' : 'no upload'}: ${describeRate(rate)}; ${fmt(ratio * 100)}% of the ceiling`);
      if (stages) {
        const share = (ms: number) => `${fmt((100 * ms) / rate.wallMs)}%`;
        log(`          in place, as a share of the run: decode ${share(stages.decode)}, map and exporter ${share(stages.mapAndExporter)}, ` +
          `encode, md5 and sink ${share(stages.encodeAndHash)}`);
      }
    }
  }
  return results;
}
