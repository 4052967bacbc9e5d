import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { windowOf } from '../../../runtime/core/window.ts';
import { startLocalPipeline } from '../../../runtime/local/pipeline.ts';
import { writeWorkload } from '../../../runtime/local/workload.ts';
import { loadEnvironment } from '../../../stacks/config.ts';
import { readZip } from '../../stacks/support/zip.ts';

// One timer invocation of a bundled FC handler (index.js of function.zip), in a fresh process, against
// emulators holding a few changes: what FC does with the package the stack deploys.

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node <args>` with only PATH and `env` in its environment. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<NodeRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}

/** Unpacks function.zip into `dir` (as FC lays out /code) and returns the path of its index.js. */
export function unpackBundle(zipPath: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of readZip(readFileSync(zipPath))) writeFileSync(join(dir, name), data);
  return join(dir, 'index.js');
}

export interface SmokeResult {
  ok: boolean;
  records?: number;
  windows?: number;
  error?: string;
  /** ms from the process's start to `handler` loaded, and to its result. */
  readyMs?: number;
  doneMs?: number;
  /** The loader's word on the V8 code cache (accepted, rejected, absent), if the package has a loader. */
  codeCache?: string;
}

export async function invokeBundledHandler(indexJs: string): Promise<SmokeResult> {
  const env = loadEnvironment(join(root, 'environments/dev.json'));
  const t0 = windowOf(Date.now() - 5 * 60_000, 1).start;
  const pipeline = await startLocalPipeline(env, { startMs: t0 });
  try {
    const local = pipeline.jobs[0]!;
    const primaryKey = [{ name: 'shop_id', type: 'string' as const }, { name: 'order_id', type: 'int64' as const }];
    await writeWorkload(local.tables, { table: local.job.source.table, primaryKey, rows: 20, onStep: (i) => pipeline.clock.set(t0 + i * 1000) });
    const { accessKeyId, accessKeySecret } = pipeline.emulators.info;
    const context = { requestId: 'smoke', credentials: { accessKeyId, accessKeySecret }, function: { timeout: 60 } };
    const script = `const m = require(process.argv[1]); const readyMs = performance.now(); m.handler('{}', ${JSON.stringify(context)}).then(
      (s) => process.stdout.write(JSON.stringify({ ok: s.ok, records: s.records, windows: s.windows.length, readyMs, doneMs: performance.now(), codeCache: m.codeCache })),
      (e) => process.stdout.write(JSON.stringify({ ok: false, error: String((e && e.message) || e) })))`;
    const run = await runNode(['-e', script, indexJs], { OTS2OSS_JOB: JSON.stringify(local.job), OTS2OSS_LOG_LEVEL: 'error' });
    try {
      // The handler logs JSON lines to stdout (as FC collects them); the result is written last.
      return JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n') + 1)) as SmokeResult;
    } catch {
      return { ok: false, error: `exit ${run.code}: ${run.stderr.slice(-500)}` };
    }
  } finally {
    await pipeline.close();
  }
}
