import { gzipSync } from 'node:zlib';
import type { Row } from '../runtime/core/row.ts';
import { createRecordMapper } from '../runtime/core/record.ts';
import { createEncoder } from '../runtime/format/index.ts';
import { benchJob, fmt, MB, WINDOW, type Format } from './common.ts';
import { BATCH, decodeBatch, encodeBatch, PRIMARY_KEY } from './payloads.ts';

// Why sink.compress gzips at level 1: zlib's speed and output size per level on the text the
// benchmark's csv and jsonl jobs write, compressed in 1 MiB members as the encoder does.

export interface GzipLevel {
  format: Format;
  level: number;
  mbPerSecond: number;
  /** Compressed bytes over text bytes. */
  ratio: number;
}

export function gzipLevelsBench(options: { batches: number; log: (line: string) => void }): GzipLevel[] {
  const out: GzipLevel[] = [];
  for (const format of ['csv', 'jsonl'] as const) {
    const job = benchJob(format);
    const mapper = createRecordMapper(job.reader, PRIMARY_KEY);
    const encoder = createEncoder(format, mapper.schema, job.sink);
    const chunks: Buffer[] = [];
    for (let i = 0; i < options.batches; i++) {
      const rows: Row[] = [];
      for (const r of decodeBatch(encodeBatch(i, { startMs: WINDOW.start, spanMs: 50_000, total: options.batches * BATCH }))) mapper.map(r, rows);
      chunks.push(Buffer.from(encoder.write(rows)));
    }
    const text = Buffer.concat(chunks);
    for (const level of [1, 6]) {
      let best = Infinity;
      let size = 0;
      for (let k = 0; k < 3; k++) {
        const started = performance.now();
        size = 0;
        for (let at = 0; at < text.length; at += MB) size += gzipSync(text.subarray(at, at + MB), { level }).length;
        best = Math.min(best, performance.now() - started);
      }
      const result = { format, level, mbPerSecond: text.length / MB / (best / 1000), ratio: size / text.length };
      out.push(result);
      options.log(`  ${format.padEnd(5)} gzip level ${level}: ${fmt(result.mbPerSecond)} MB/s of text, output ${fmt(100 * result.ratio, 1)}% of ${fmt(text.length / MB, 1)} MB`);
    }
  }
  return out;
}
