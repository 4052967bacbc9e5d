import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction } from '../stacks/bundle.ts';
import { invokeBundledHandler, runNode as node } from '../test/faults/support/bundle.ts';
import { readZip } from '../test/stacks/support/zip.ts';
import { fmt, median, root } from './common.ts';

// The function package as the stack deploys it (stacks/bundle.ts over runtime/handler.ts): its size
// zipped, and cold start in fresh `node` processes: from process start, and from require() of the
// bundle, to `handler` ready. Then one invocation of the bundled handler against the emulators, so
// the figure is for a package that works.

export interface BundleResult {
  zipBytes: number;
  jsBytes: number;
  runs: number;
  readyMs: number;
  requireMs: number;
  spawnToExitMs: number;
  smoke: { ok: boolean; detail: string };
}

const LOAD = `
const t0 = performance.now();
const m = require(process.argv[1]);
if (typeof m.handler !== 'function') process.exit(2);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, readyMs: t1 }));
`;

async function smoke(index: string): Promise<BundleResult['smoke']> {
  const r = await invokeBundledHandler(index);
  return r.ok ? { ok: true, detail: `${r.records} records in ${r.windows} windows` } : { ok: false, detail: r.error ?? 'no result' };
}

export async function bundleBench(options: { runs: number; log: (line: string) => void }): Promise<BundleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-bench-bundle-'));
  try {
    const bundle = await bundleFunction({ entry: join(root, 'runtime/handler.ts'), outDir: dir });
    const index = join(dir, 'index.cjs');
    writeFileSync(index, readZip(readFileSync(bundle.zipPath)).get('index.js')!);
    const samples: Array<{ requireMs: number; readyMs: number; ms: number }> = [];
    await node(['-e', LOAD, index]); // warm the file cache: FC's first start also reads from a warm disk
    for (let i = 0; i < options.runs; i++) {
      const run = await node(['-e', LOAD, index]);
      if (run.code !== 0) throw new Error(`loading the bundle failed: ${run.stderr}`);
      samples.push({ ...(JSON.parse(run.stdout) as { requireMs: number; readyMs: number }), ms: run.ms });
    }
    const result: BundleResult = {
      zipBytes: bundle.bytes, jsBytes: statSync(index).size, runs: options.runs,
      readyMs: median(samples.map((s) => s.readyMs)), requireMs: median(samples.map((s) => s.requireMs)), spawnToExitMs: median(samples.map((s) => s.ms)),
      smoke: await smoke(index),
    };
    options.log(`  function.zip ${fmt(result.zipBytes / 1024)} KiB (index.js ${fmt(result.jsBytes / 1024)} KiB)`);
    options.log(`  cold start, median of ${result.runs} fresh node processes: handler ready ${fmt(result.readyMs)} ms after process start, ` +
      `require() of the bundle ${fmt(result.requireMs)} ms (spawn to exit ${fmt(result.spawnToExitMs)} ms)`);
    options.log(`  one timer invocation of the bundled handler against the emulators: ${result.smoke.ok ? 'ok' : 'FAILED'}: ${result.smoke.detail}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
