import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type OSS from 'ali-oss';
import { jobSchema, type JobConfig } from '../runtime/config/job.ts';
import { windowOf } from '../runtime/core/window.ts';
import { runExport, type RunSummary } from '../runtime/export/exporter.ts';
import { MemoryStatusStore } from '../runtime/export/memory-status-store.ts';
import { createRetrier } from '../runtime/export/retrier.ts';
import type { StreamSource } from '../runtime/export/source.ts';
import { createOssClient } from '../runtime/oss/client.ts';
import { OssSink } from '../runtime/oss/sink.ts';
import type { FileEncoder } from '../runtime/format/index.ts';
import type { ChangeRecord } from '../runtime/core/change.ts';
import type { WireLayout, WireLines } from '../runtime/core/record-multi-version.ts';
import { ByteWriter } from '../runtime/format/byte-writer.ts';
import { PAYLOAD_COLUMNS } from './payloads.ts';
import { silentLogger } from '../runtime/util/logger.ts';

// What the benchmarks share: the emulators in a process of their own (so their CPU is not the
// exporter's), an OSS client that discards (to time our code without the upload), and one export
// run of a job over a stream source.

// In the bundled memory child import.meta.url is empty; it never needs the root.
export const root = import.meta.url ? fileURLToPath(new URL('../', import.meta.url)) : process.cwd();
export type Format = 'csv' | 'text' | 'jsonl' | 'parquet';
export const MB = 1024 * 1024;

export interface EmulatorProcess {
  info: { tablestore: string; oss: string; accessKeyId: string; accessKeySecret: string; region: string; instance: string };
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `ots2oss emulators --data-dir <tmp>` in a child process; objects go to disk, not to its heap. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ots2oss-bench-emulators-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'runtime/cli/main.ts'), 'emulators', '--data-dir', dataDir], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulators exited (${code}) before printing their endpoints`)));
  });
  return {
    info: JSON.parse(line) as EmulatorProcess['info'],
    child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An ali-oss stand-in that accepts every write and keeps nothing: the pipeline without the upload. */
export function discardingOss(): OSS {
  let upload = 0;
  const client = {
    listV2: async () => ({ objects: [], isTruncated: false }),
    deleteMulti: async () => ({}),
    put: async () => ({}),
    initMultipartUpload: async () => ({ uploadId: String(++upload) }),
    uploadPart: async (_key: string, _id: string, n: number) => ({ etag: `"${n}"` }),
    completeMultipartUpload: async () => ({}),
    abortMultipartUpload: async () => ({}),
    get: async () => ({ content: Buffer.alloc(0) }),
  };
  return client as unknown as OSS;
}

export function benchJob(format: Format, over: { bucket?: string; endpoint?: string; sequenceInfo?: boolean; mode?: JobConfig['reader']['mode']; compactedMaxKeys?: number; compress?: 'none' | 'gzip' } = {}): JobConfig {
  return jobSchema.parse({
    name: `bench-${format}`,
    source: { endpoint: 'http://127.0.0.1:1', instance: 'bench', table: 'orders' },
    window: { sizeMinutes: 1, safetyLagSeconds: 0, startFrom: 'earliest' },
    reader: {
      mode: over.mode ?? 'multi_version', isExportSequenceInfo: over.sequenceInfo ?? false,
      ...(over.mode === 'single_version_and_update_only' ? { column: [...PAYLOAD_COLUMNS] } : {}),
      ...(over.compactedMaxKeys ? { compactedMaxKeys: over.compactedMaxKeys } : {}),
    },
    sink: { endpoint: over.endpoint ?? 'http://127.0.0.1:1', bucket: over.bucket ?? 'bench', fileFormat: format, header: true, object: `bench/${format}/{date}`, compress: over.compress ?? 'none' },
  });
}

/** A one-minute window, well in the past: every record of a run falls in it. */
export const WINDOW = windowOf(Date.UTC(2026, 0, 1, 12, 0, 0), 1);

/** Walks records' wire cells into lines as an encoder's writeWire does, rendering nothing; returns the lines. */
function wireLineCount(records: readonly ChangeRecord[], from: number, to: number, layout: WireLayout): number {
  let n = 0;
  for (let i = from; i < to; i++) n += layout.mapWire(records[i]!, records[i]!.wireCells!(), UNRENDERED);
  return n;
}
const UNRENDERED: WireLines = { key() {}, line() {} };

/** An encoder that takes rows and writes nothing: the pipeline's cost without encoding (and hashing) them. */
export function discardingEncoder(): FileEncoder {
  const empty = new Uint8Array(0);
  let rows = 0;
  return {
    extension: 'none', contentType: 'application/octet-stream', bytesWritten: 0,
    get rowsWritten() {
      return rows;
    },
    write(batch, from = 0, to = batch.length) {
      rows += to - from;
      return empty;
    },
    writeWire(records, from, to, layout) {
      rows += wireLineCount(records, from, to, layout);
      return empty;
    },
    finish: () => empty,
  };
}

/**
 * An encoder that renders nothing yet writes as many bytes as the real one: each row becomes `lineBytes`
 * constant bytes. The pipeline with it costs what producing, hashing and handing over that volume costs,
 * which no encoder of the format can undercut: the bound of the format's throughput.
 */
export function constantLineEncoder(lineBytes: number): () => FileEncoder {
  return () => {
    const out = new ByteWriter();
    const line = Buffer.alloc(Math.max(1, Math.round(lineBytes)), 0x61);
    line[line.length - 1] = 10;
    let rows = 0;
    let bytes = 0;
    const lines = (n: number) => {
      for (let i = 0; i < n; i++) out.copy(line);
      rows += n;
      const written = out.take();
      bytes += written.length;
      return written;
    };
    return {
      extension: 'txt', contentType: 'text/plain', get rowsWritten() {
        return rows;
      },
      get bytesWritten() {
        return bytes;
      },
      write(batch, from = 0, to = batch.length) {
        return lines(to - from);
      },
      writeWire(records, from, to, layout) {
        return lines(wireLineCount(records, from, to, layout));
      },
      finish: () => new Uint8Array(0),
    };
  };
}

/** One export run of the job over the source into the client's bucket, on a clock past the window. */
export async function exportOnce(job: JobConfig, source: StreamSource, client: OSS, newEncoder?: () => FileEncoder): Promise<RunSummary> {
  const retry = createRetrier({ maxRetries: 3, logger: silentLogger });
  const sink = new OssSink(client, { config: job.sink, retry, newEncoder });
  const now = () => WINDOW.end + 120_000;
  const summary = await runExport({ job, source, sink, store: new MemoryStatusStore(), retry, now, deadline: now() + 3_600_000, logger: silentLogger });
  if (!summary.ok) throw new Error(`the export failed: ${summary.error?.message}`);
  return summary;
}

export function ossClientFor(info: EmulatorProcess['info'], bucket: string): OSS {
  return createOssClient({ endpoint: info.oss, bucket, credentials: info });
}

/** The benchmarks' bucket in the emulators, created once. */
export async function ensureBucket(emulators: EmulatorProcess, bucket = 'bench'): Promise<OSS> {
  const client = ossClientFor(emulators.info, bucket);
  await client.putBucket(bucket).catch((e: { code?: string }) => {
    if (e.code !== 'BucketAlreadyExists') throw e;
  });
  return client;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * V8's full (mark-compact) collections in this process, counted from their performance entries. `since()`
 * gives how many were reported since its last call; the entries arrive two event-loop turns after a
 * collection, so it waits that long first.
 */
export function fullCollections(): { since(): Promise<number>; stop(): void } {
  let count = 0;
  let taken = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) count++;
  });
  observer.observe({ entryTypes: ['gc'] });
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return {
    async since() {
      await turn();
      await turn();
      const n = count - taken;
      taken = count;
      return n;
    },
    stop: () => observer.disconnect(),
  };
}

/** Wall and CPU milliseconds of `fn` in this process. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
