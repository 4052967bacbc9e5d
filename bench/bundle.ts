import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction, type FunctionBundle } from '../stacks/bundle.ts';
import { invokeBundledHandler, runNode as node, unpackBundle } from '../test/faults/support/bundle.ts';
import { fmt, median, root } from './common.ts';

// The function package as the stack deploys it (stacks/bundle.ts over runtime/handler.ts): its size
// zipped, and cold start in fresh `node` processes: from process start, and from require() of index.js,
// to `handler` ready; then from process start to the result of a first timer invocation against the
// emulators, so the figure is for a package that works and load-time savings are not just moved there.
// Measured side by side, runs interleaved: the package as it was before the load-time work (the whole
// SDKs in one index.js), the package `cdktf deploy` ships by default, and the one it ships with
// OTS2OSS_CODE_CACHE=1 (its V8 code cache taken, as on the Node release that built it).

export interface VariantResult {
  name: string;
  zipBytes: number;
  /** The bundled runtime (index.js, or ots2oss.js beside the loader). */
  jsBytes: number;
  cacheBytes: number;
  /** Median ms from process start to handler ready, of the require() alone, of spawn to exit. */
  readyMs: number;
  requireMs: number;
  spawnToExitMs: number;
  /** How many load runs V8 took the code cache in. */
  cacheAccepted: number;
  /** Median ms from process start to handler ready and to the first invocation's result. */
  invocation: { runs: number; readyMs: number; doneMs: number; ok: boolean; detail: string };
}

export interface BundleResult {
  runs: number;
  before: VariantResult;
  /** What `cdktf deploy` ships by default. */
  deployed: VariantResult;
  /** With OTS2OSS_CODE_CACHE=1. */
  withCache: VariantResult;
}

const LOAD = `
const t0 = performance.now();
const m = require(process.argv[1]);
if (typeof m.handler !== 'function') process.exit(2);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, readyMs: t1, codeCache: m.codeCache ?? 'none' }));
`;

interface Variant {
  name: string;
  bundle: FunctionBundle;
  index: string;
  jsBytes: number;
  cacheBytes: number;
}

function unpack(name: string, bundle: FunctionBundle, dir: string): Variant {
  const index = unpackBundle(bundle.zipPath, dir);
  const cache = 'entry' in bundle.codeCache ? bundle.codeCache : undefined;
  const js = cache ? join(dir, 'ots2oss.js') : index;
  return { name, bundle, index, jsBytes: statSync(js).size, cacheBytes: cache ? cache.bytes : 0 };
}

export async function bundleBench(options: { runs: number; log: (line: string) => void }): Promise<BundleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-bench-bundle-'));
  try {
    const entry = join(root, 'runtime/handler.ts');
    const old = await bundleFunction({ entry, outDir: join(dir, 'before'), shims: false, codeCache: false });
    const deployed = await bundleFunction({ entry, outDir: join(dir, 'deployed') });
    const cached = await bundleFunction({ entry, outDir: join(dir, 'cached'), codeCache: true });
    const variants = [
      unpack('before: whole SDKs, one index.js', old, join(dir, 'before', 'code')),
      unpack('deployed (the default)', deployed, join(dir, 'deployed', 'code')),
      unpack('OTS2OSS_CODE_CACHE=1, cache taken', cached, join(dir, 'cached', 'code')),
    ];

    const loads = variants.map(() => [] as Array<{ requireMs: number; readyMs: number; ms: number; codeCache: string }>);
    for (const v of variants) await node(['-e', LOAD, v.index]); // warm the file cache: FC's first start also reads from a warm disk
    for (let i = 0; i < options.runs; i++) {
      for (const [k, v] of variants.entries()) {
        const run = await node(['-e', LOAD, v.index]);
        if (run.code !== 0) throw new Error(`loading the bundle (${v.name}) failed: ${run.stderr}`);
        loads[k]!.push({ ...(JSON.parse(run.stdout) as { requireMs: number; readyMs: number; codeCache: string }), ms: run.ms });
      }
    }
    // Each invocation sets up emulators and a workload of its own, so fewer of them.
    const invocationRuns = Math.max(3, Math.ceil(options.runs / 2));
    const invocations = variants.map(() => [] as Array<Awaited<ReturnType<typeof invokeBundledHandler>>>);
    for (let i = 0; i < invocationRuns; i++) {
      for (const [k, v] of variants.entries()) invocations[k]!.push(await invokeBundledHandler(v.index));
    }

    const results = variants.map((v, k): VariantResult => {
      const runs = loads[k]!;
      const invoked = invocations[k]!;
      const failed = invoked.find((r) => !r.ok);
      return {
        name: v.name, zipBytes: v.bundle.bytes, jsBytes: v.jsBytes, cacheBytes: v.cacheBytes,
        readyMs: median(runs.map((s) => s.readyMs)), requireMs: median(runs.map((s) => s.requireMs)), spawnToExitMs: median(runs.map((s) => s.ms)),
        cacheAccepted: runs.filter((s) => s.codeCache === 'accepted').length,
        invocation: {
          runs: invoked.length,
          readyMs: median(invoked.map((r) => r.readyMs ?? NaN)),
          doneMs: median(invoked.map((r) => r.doneMs ?? NaN)),
          ok: !failed,
          detail: failed ? failed.error ?? 'no result' : `${invoked[0]!.records} records in ${invoked[0]!.windows} windows`,
        },
      };
    });
    const [before, shipped, withCache] = results as [VariantResult, VariantResult, VariantResult];
    const kib = (n: number) => `${fmt(n / 1024)} KiB`;
    const cache = 'entry' in cached.codeCache ? cached.codeCache.entry : `none: ${cached.codeCache.skipped}`;
    options.log(`  function.zip ${kib(shipped.zipBytes)} (index.js ${kib(shipped.jsBytes)}); with OTS2OSS_CODE_CACHE=1 ${kib(withCache.zipBytes)} ` +
      `(code cache ${kib(withCache.cacheBytes)}, ${cache}); before ${kib(before.zipBytes)} (index.js ${kib(before.jsBytes)})`);
    options.log(`  cold start, median of ${options.runs} fresh node processes each (interleaved): handler ready after process start, require() of index.js, spawn to exit`);
    for (const r of results) {
      const accepted = r.cacheBytes ? `, cache taken in ${r.cacheAccepted}/${options.runs}` : '';
      options.log(`    ${r.name.padEnd(36)} ready ${fmt(r.readyMs).padStart(4)} ms, require ${fmt(r.requireMs).padStart(4)} ms, exit ${fmt(r.spawnToExitMs).padStart(4)} ms${accepted}`);
    }
    options.log(`  first timer invocation against the emulators, median of ${before.invocation.runs} fresh processes each: handler ready / result, ms after process start`);
    for (const r of results) {
      options.log(`    ${r.name.padEnd(36)} ready ${fmt(r.invocation.readyMs).padStart(4)} ms, result ${fmt(r.invocation.doneMs).padStart(4)} ms: ${r.invocation.ok ? 'ok' : 'FAILED'}: ${r.invocation.detail}`);
    }
    return { runs: options.runs, before, deployed: shipped, withCache };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
