import { createHash } from 'node:crypto';
import type OSS from 'ali-oss';
import type { JobConfig } from '../runtime/config/job.ts';
import { createEncoder, type FileEncoder } from '../runtime/format/index.ts';
import { createRecordMapper } from '../runtime/core/record.ts';
import type { MultiVersionMapper } from '../runtime/core/record-multi-version.ts';
import { cellReadingFor } from '../runtime/export/source.ts';
import type { CellReading } from '../runtime/tablestore/stream-records.ts';
import type { Row } from '../runtime/core/row.ts';
import { decodeBatch, encodeBatch, PayloadSource, BATCH, PRIMARY_KEY } from './payloads.ts';
import { benchJob, constantLineEncoder, discardingEncoder, discardingOss, ensureBucket, exportOnce, fmt, fullCollections, MB, median, timed, WINDOW, type EmulatorProcess, type Format } from './common.ts';

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
  /** The median over rounds of decode-only time over this run's time, each run right after a decode-only one. */
  share: number;
  /** The lowest and highest of those rounds' ratios: how far one round moves. */
  shareRange: [number, number];
  /** V8's full collections during a run (median over the rounds): what fresh memory costs shows here. */
  fullCollections?: number;
  /** Decoding only: the best of the runs paired with this result's. */
  ceiling: Rate;
  /**
   * Shares of the run (no-upload runs only): decoding (the ceiling), what mapping and the exporter add
   * (the pipeline with an encoder that writes nothing), and what encoding, md5 and the sink add. Line
   * formats split the last in two: `bytes`, what the same volume costs written as constant lines (md5,
   * sink, copying), and `rendering`, the rest: what turning values into text costs.
   */
  stages?: { decode: number; mapAndExporter: number; encodeAndHash: number; bytes?: number; rendering?: number };
  /** Line formats: the share of the ceiling with an encoder that renders nothing but writes as many bytes. */
  bound?: number;
  /** No-upload runs: the share of the same decode, mapping, encoding and md5 called in a plain loop, no exporter. */
  loop?: { share: number; shareRange: [number, number] };
  /** Jobs written from the wire: the same job through rows, as before, measured in the same rounds. */
  rowPath?: { share: number; shareRange: [number, number] };
  /** Jobs written from the wire: their read alone (cells left in the bytes), in units of the ceiling's time. */
  readCost?: number;
  /** Line formats: what rendering costs per output field, in nanoseconds at the best ceiling's speed. */
  nsPerField?: number;
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
  log(`  ${fmt(total)} records in ${batches} GetStreamRecord bodies, ${fmt(inputBytes / MB, 1)} MB; ${reps} rounds after a warm-up. Each run`);
  log('  follows a decode-only run; a share is the median over the rounds of the two times\' ratio, so a busy');
  log('  spell on the host slows both sides of it alike. Rates are each run\'s best.');

  const decodeOnly = async () => {
    let n = 0;
    for (const p of payloads) n += decodeBatch(p).length;
    if (n !== total) throw new Error(`decoded ${n} records, expected ${total}`);
    return 0;
  };
  const rate = (t: { wallMs: number; cpuMs: number; value: number }): Rate => ({ records: total, inputBytes, outputBytes: t.value, wallMs: t.wallMs, cpuMs: t.cpuMs });
  const fastest = (a: Rate | undefined, b: Rate) => (a && a.wallMs <= b.wallMs ? a : b);
  /** Per run: its best rate, its share of the ceiling and its full collections; the runs take turns, round after round. */
  const measure = async (runs: Array<() => Promise<number>>): Promise<{ ceiling: Rate; runs: Array<{ rate: Rate; share: number; shareRange: [number, number]; fullCollections: number }> }> => {
    let ceiling: Rate | undefined;
    const best: Array<Rate | undefined> = runs.map(() => undefined);
    const ratios: number[][] = runs.map(() => []);
    const collections: number[][] = runs.map(() => []);
    const gc = fullCollections();
    try {
      for (let round = 0; round <= reps; round++) {
        for (const [i, run] of runs.entries()) {
          const c = rate(await timed(decodeOnly));
          await gc.since(); // the decode's own
          const r = rate(await timed(run));
          const full = await gc.since();
          if (round === 0) continue; // warm-up
          ceiling = fastest(ceiling, c);
          best[i] = fastest(best[i], r);
          ratios[i]!.push(c.wallMs / r.wallMs);
          collections[i]!.push(full);
        }
      }
    } finally {
      gc.stop();
    }
    return {
      ceiling: ceiling!,
      runs: best.map((b, i) => ({ rate: b!, share: median(ratios[i]!), shareRange: [Math.min(...ratios[i]!), Math.max(...ratios[i]!)], fullCollections: median(collections[i]!) })),
    };
  };
  const percent = (x: number) => `${fmt(100 * x)}%`;
  const spread = (r: [number, number]) => `rounds ${fmt(100 * r[0])}-${percent(r[1])}`;

  const results: ThroughputResult[] = [];
  const oss = await ensureBucket(options.emulators);
  for (const format of options.formats) {
    const job = benchJob(format, { endpoint: options.emulators.info.oss, sequenceInfo: options.sequenceInfo, compress: options.compress, mode: options.mode });
    let rows = 0;
    const run = (client: OSS, newEncoder?: () => FileEncoder, reading: CellReading = cells) => async () => {
      const summary = await exportOnce(job, new PayloadSource(batches, (i) => payloads[i]!, WINDOW.start, reading), client, newEncoder);
      if (summary.records !== total) throw new Error(`exported ${summary.records} records, expected ${total}`);
      rows = summary.rows;
      return summary.bytes;
    };
    // The pipeline as it is; with an encoder that writes nothing (what decoding, mapping and the exporter
    // cost in place); and, for line formats, with one that writes the same bytes as constant lines (what
    // the volume costs: md5, sink, copying). Parquet is columnar, and gzip shrinks what it is given:
    // constant lines say nothing of either's cost.
    // The same stages in a plain loop, with nothing of the exporter around them (lease, shard reader,
    // sink, multipart hand-off, checkpoints): what the exporter itself costs is the difference.
    const mapper = createRecordMapper(job.reader, PRIMARY_KEY);
    // As the exporter does: the job's source reads wire cells and its encoder writes from them, or rows.
    const cells: CellReading = cellReadingFor(job);
    const wire = cells === 'wire' ? (mapper as MultiVersionMapper) : undefined;
    const plainLoop = async () => {
      const encoder = createEncoder(job.sink.fileFormat, mapper.schema, job.sink);
      const md5 = createHash('md5');
      let bytes = 0;
      const take = (b: Uint8Array) => {
        md5.update(b);
        bytes += b.length;
      };
      for (const p of payloads) {
        if (wire) {
          const records = decodeBatch(p, undefined, cells);
          for (const r of records) wire.checkKey(r);
          for (let i = 0; i < records.length; i += 64) take(encoder.writeWire!(records, i, Math.min(i + 64, records.length), wire));
          continue;
        }
        const batch: Row[] = [];
        for (const r of decodeBatch(p)) mapper.map(r, batch);
        for (let i = 0; i < batch.length; i += 256) take(encoder.write(batch, i, Math.min(i + 256, batch.length)));
      }
      take(encoder.finish());
      md5.digest();
      return bytes;
    };
    const pipelineBytes = await run(discardingOss())();
    const loopBytes = await plainLoop();
    if (loopBytes !== pipelineBytes) throw new Error(`the plain loop wrote ${loopBytes} bytes, the pipeline ${pipelineBytes}: not the same work`);
    const lineBytes = pipelineBytes / rows;
    const fields = rows * mapper.schema.length;
    const withBound = format !== 'parquet' && options.compress !== 'gzip';
    // A job written from the wire reads less than the ceiling decodes: its read alone, and the same job
    // through rows (every cell decoded, a row per line: the path it replaces), measured beside it.
    const wireRead = async () => {
      for (const p of payloads) decodeBatch(p, undefined, 'wire');
      return 0;
    };
    const runs = [run(discardingOss()), run(discardingOss(), discardingEncoder), plainLoop];
    const at = (extra: () => Promise<number>) => runs.push(extra) - 1;
    const boundAt = withBound ? at(run(discardingOss(), constantLineEncoder(lineBytes))) : -1;
    const readAt = wire ? at(wireRead) : -1;
    const rowPathAt = wire ? at(run(discardingOss(), undefined, 'decoded')) : -1;
    const measured = await measure(runs);
    const [whole, unencoded, loop] = measured.runs;
    const bound = measured.runs[boundAt];
    const rowPath = measured.runs[rowPathAt];
    // Each stage in units of decoding time (1 / share), then as a share of the whole run.
    const cost = (x: { share: number }) => 1 / x.share;
    const readCost = readAt >= 0 ? cost(measured.runs[readAt]!) : 1;
    const stages: NonNullable<ThroughputResult['stages']> = {
      decode: readCost * whole!.share, mapAndExporter: (cost(unencoded!) - readCost) * whole!.share, encodeAndHash: (cost(whole!) - cost(unencoded!)) * whole!.share,
    };
    if (bound) {
      stages.bytes = (cost(bound) - cost(unencoded!)) * whole!.share;
      stages.rendering = (cost(whole!) - cost(bound)) * whole!.share;
    }
    const nsPerField = bound && ((cost(whole!) - cost(bound)) * measured.ceiling.wallMs * 1e6) / fields;
    log(`  ${format.padEnd(7)} no upload: ${describeRate(whole!.rate)}; ${percent(whole!.share)} of the ceiling (${spread(whole!.shareRange)}; best ${describeRate(measured.ceiling)}); ` +
      `${fmt(whole!.fullCollections, 1)} full collections a run (median)`);
    log(`          in place, as a share of the run: ${wire ? `reading (keys and checksums; cells left in the bytes: ${fmt(readCost, 2)} of the ceiling's time)` : 'decode'} ${percent(stages.decode)}, map and exporter ${percent(stages.mapAndExporter)}, ` +
      (bound ? `md5, sink and copying the bytes ${percent(stages.bytes!)}, rendering values ${percent(stages.rendering!)} ` +
        `(${fmt(nsPerField!, 1)} ns per field at the best ceiling, ${fmt(fields / total, 1)} fields per record)`
        : `encode, md5 and sink ${percent(stages.encodeAndHash)}`));
    if (bound) log(`          bound: the same bytes as constant lines, rendering nothing: ${percent(bound.share)} of the ceiling`);
    log(`          without the exporter: the same decode, map, encode and md5 in a plain loop: ${percent(loop!.share)} of the ceiling (${spread(loop!.shareRange)})`);
    if (rowPath) log(`          the same job through rows (every cell decoded, a row per line): ${percent(rowPath.share)} of the ceiling (${spread(rowPath.shareRange)})`);
    results.push({
      format, upload: false, rate: whole!.rate, share: whole!.share, shareRange: whole!.shareRange, fullCollections: whole!.fullCollections, ceiling: measured.ceiling, stages, bound: bound?.share, nsPerField,
      loop: { share: loop!.share, shareRange: loop!.shareRange },
      ...(rowPath ? { rowPath: { share: rowPath.share, shareRange: rowPath.shareRange }, readCost } : {}),
    });

    const up = await measure([run(oss)]);
    log(`  ${format.padEnd(7)} upload   : ${describeRate(up.runs[0]!.rate)}; ${percent(up.runs[0]!.share)} of the ceiling (${spread(up.runs[0]!.shareRange)})`);
    results.push({ format, upload: true, rate: up.runs[0]!.rate, share: up.runs[0]!.share, shareRange: up.runs[0]!.shareRange, ceiling: up.ceiling });
  }
  return results;
}
