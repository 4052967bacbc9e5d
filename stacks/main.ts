// The cdktf app (cdktf.json: `npx tsx stacks/main.ts`): one stack per environments/<name>.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnvironments } from './config.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  // Validate first: a bad file is reported before the (slower) bindings and bundler load.
  const envs = loadEnvironments(process.env.OTS2OSS_ENVIRONMENTS ?? join(root, 'environments'));
  const [{ App }, { addEnvironmentStacks }, { bundleFunction }] = await Promise.all([import('cdktf'), import('./app.ts'), import('./bundle.ts')]);
  const work = mkdtempSync(join(tmpdir(), 'ots2oss-bundle-'));
  try {
    // OTS2OSS_CODE_CACHE=1: build on FC's exact Node release to halve cold start (README, Deploy).
    const bundle = await bundleFunction({ entry: join(root, 'runtime', 'handler.ts'), outDir: work, codeCache: process.env.OTS2OSS_CODE_CACHE === '1' });
    const app = new App();
    addEnvironmentStacks(app, envs, bundle, root);
    app.synth();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  // A bad environment file or a build error is the user's to fix: say what is wrong, not where in the tooling.
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
