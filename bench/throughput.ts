import type OSS from 'ali-oss';
import type { JobConfig } from '../runtime/config/job.ts';
import type { FileEncoder } from '../runtime/format/index.ts';
import { createRecordMapper } from '../runtime/core/record.ts';
import { decodeBatch, encodeBatch, PayloadSource, BATCH, PRIMARY_KEY } from './payloads.ts';
import { benchJob, constantLineEncoder, discardingEncoder, discardingOss, ensureBucket, exportOnce, fmt, MB, timed, WINDOW, type EmulatorProcess, type Format } from './common.ts';

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
  format: Format;
  upload: boolean;
  rate: Rate;
  /** Decoding only, measured in turns with this result's runs. */
  ceiling: Rate;
  /**
   * Milliseconds per run (no-upload runs only): decoding (the ceiling), what mapping and the exporter
   * add (the pipeline with an encoder that writes nothing), and what encoding, md5 and the sink add.
   * Line formats split the last in two: `bytes`, what the same volume costs written as constant lines
   * (md5, sink, copying), and `rendering`, the rest: what turning values into text costs.
   */
  stages?: { decode: number; mapAndExporter: number; encodeAndHash: number; bytes?: number; rendering?: number };
  /** Line formats: the share of the ceiling with an encoder that renders nothing but writes as many bytes. */
  bound?: number;
}

const perSecond = (n: number, ms: number) => (n * 1000) / ms;

export function describeRate(r: Rate): string {
  return `${fmt(perSecond(r.records, r.wallMs))} records/s, ${fmt(perSecond(r.inputBytes, r.wallMs) / MB, 1)} MB/s in` +
    (r.outputBytes ? `, ${fmt(perSecond(r.outputBytes, r.wallMs) / MB, 1)} MB/s out` : '') +
    ` (${fmt(perSecond(r.records, r.cpuMs))} records per CPU-second)`;
}

export async function throughputBench(options: { batches: number; reps: number; formats: Format[]; sequenceInfo: boolean; compress?: 'none' | 'gzip'; mode?: JobConfig['reader']['mode']; emulators: EmulatorProcess; log: (line: string) => void }): Promise<ThroughputResult[]> {
  const { batches, reps, log } = options;
  const total = batches * BATCH;
  const payloads = Array.from({ length: batches }, (_, i) => encodeBatch(i, { startMs: WINDOW.start, spanMs: 50_000, total }));
  const inputBytes = payloads.reduce((n, p) => n + p.length, 0);
  log(`  ${fmt(total)} records in ${batches} GetStreamRecord bodies, ${fmt(inputBytes / MB, 1)} MB; best of ${reps} runs after a warm-up,`);
  log('  the ceiling and every variant of a format taking turns, so a busy spell on the host slows them alike');

  const decodeOnly = async () => {
    let n = 0;
    for (const p of payloads) n += decodeBatch(p).length;
    if (n !== total) throw new Error(`decoded ${n} records, expected ${total}`);
    return 0;
  };
  /** Each run's fastest time, the runs taking turns rep after rep (the first round warms up). */
  const measure = async (runs: Array<() => Promise<number>>): Promise<Rate[]> => {
    const best = runs.map(() => ({ wallMs: Infinity, cpuMs: 0, out: 0 }));
    for (let rep = 0; rep <= reps; rep++) {
      for (const [i, run] of runs.entries()) {
        const t = await timed(run);
        // The fastest run: on a shared machine the slower ones measure the neighbours, not the code.
        if (rep > 0 && t.wallMs < best[i]!.wallMs) best[i] = { wallMs: t.wallMs, cpuMs: t.cpuMs, out: t.value };
      }
    }
    return best.map((b) => ({ records: total, inputBytes, outputBytes: b.out, wallMs: b.wallMs, cpuMs: b.cpuMs }));
  };
  const share = (r: Rate, ceiling: Rate) => perSecond(r.records, r.wallMs) / perSecond(ceiling.records, ceiling.wallMs);
  const part = (ms: number, whole: Rate) => `${fmt((100 * ms) / whole.wallMs)}%`;

  const results: ThroughputResult[] = [];
  const oss = await ensureBucket(options.emulators);
  for (const format of options.formats) {
    const job = benchJob(format, { endpoint: options.emulators.info.oss, sequenceInfo: options.sequenceInfo, compress: options.compress, mode: options.mode });
    let rows = 0;
    const run = (client: OSS, newEncoder?: () => FileEncoder) => async () => {
      const summary = await exportOnce(job, new PayloadSource(batches, (i) => payloads[i]!), client, newEncoder);
      if (summary.records !== total) throw new Error(`exported ${summary.records} records, expected ${total}`);
      rows = summary.rows;
      return summary.bytes;
    };
    // The pipeline as it is; with an encoder that writes nothing (what decoding, mapping and the exporter
    // cost in place); and, for line formats, with one that writes the same bytes as constant lines (what
    // the volume costs: md5, sink, copying). Parquet is columnar, and gzip shrinks what it is given:
    // constant lines say nothing of either's cost.
    const lineBytes = (await run(discardingOss())()) / rows;
    const withBound = format !== 'parquet' && options.compress !== 'gzip';
    const [ceiling, whole, unencoded, bound] = await measure([
      decodeOnly, run(discardingOss()), run(discardingOss(), discardingEncoder),
      ...(withBound ? [run(discardingOss(), constantLineEncoder(lineBytes))] : []),
    ]);
    const stages: NonNullable<ThroughputResult['stages']> = {
      decode: ceiling!.wallMs, mapAndExporter: unencoded!.wallMs - ceiling!.wallMs, encodeAndHash: whole!.wallMs - unencoded!.wallMs,
    };
    const fields = rows * createRecordMapper(job.reader, PRIMARY_KEY).schema.length;
    if (bound) {
      stages.bytes = bound.wallMs - unencoded!.wallMs;
      stages.rendering = whole!.wallMs - bound.wallMs;
    }
    log(`  ${format.padEnd(7)} no upload: ${describeRate(whole!)}; ${fmt(share(whole!, ceiling!) * 100)}% of the ceiling (${describeRate(ceiling!)})`);
    log(`          in place, as a share of the run: decode ${part(stages.decode, whole!)}, map and exporter ${part(stages.mapAndExporter, whole!)}, ` +
      (bound ? `md5, sink and copying the bytes ${part(stages.bytes!, whole!)}, rendering values ${part(stages.rendering!, whole!)} ` +
        `(${fmt((stages.rendering! * 1e6) / fields, 1)} ns per field, ${fmt(fields / total, 1)} fields per record)`
        : `encode, md5 and sink ${part(stages.encodeAndHash, whole!)}`));
    if (bound) log(`          bound: the same bytes as constant lines, rendering nothing: ${fmt(share(bound, ceiling!) * 100)}% of the ceiling`);
    results.push({ format, upload: false, rate: whole!, ceiling: ceiling!, stages, bound: bound && share(bound, ceiling!) });

    const [c, uploaded] = await measure([decodeOnly, run(oss)]);
    log(`  ${format.padEnd(7)} upload   : ${describeRate(uploaded!)}; ${fmt(share(uploaded!, c!) * 100)}% of the ceiling (${describeRate(c!)})`);
    results.push({ format, upload: true, rate: uploaded!, ceiling: c! });
  }
  return results;
}
