import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bundleFunction } from '../../stacks/bundle.ts';
import { fixtureEntry, projectRoot } from './support/synth.ts';
import { readZip } from './support/zip.ts';

const work = mkdtempSync(join(tmpdir(), 'ots2oss-bundle-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const outDir = () => join(work, String(n++));

/** Writes the zip's index.js out and loads it as FC would: CommonJS, `handler` export. */
function loadIndex(zipPath: string): Record<string, unknown> {
  const entries = readZip(readFileSync(zipPath));
  assert.deepEqual([...entries.keys()], ['index.js']);
  const file = join(work, `index-${n++}.cjs`);
  writeFileSync(file, entries.get('index.js') as Buffer);
  return createRequire(import.meta.url)(file) as Record<string, unknown>;
}

describe('function bundle', () => {
  it('bundles the entry and its imports into one CommonJS index.js exporting handler', async () => {
    const bundle = await bundleFunction({ entry: fixtureEntry, outDir: outDir() });
    assert.ok(existsSync(bundle.zipPath));
    assert.equal(readFileSync(bundle.zipPath).length, bundle.bytes);
    const mod = loadIndex(bundle.zipPath);
    assert.equal(typeof mod.handler, 'function');
    const result = await (mod.handler as (e: unknown, c: unknown) => Promise<unknown>)({ a: 1 }, { requestId: 'r-1' });
    assert.deepEqual(result, { ok: true, label: 'window:{"a":1}', requestId: 'r-1' });
  });

  it('is byte-for-byte reproducible, so the asset only changes with the code', async () => {
    const a = await bundleFunction({ entry: fixtureEntry, outDir: outDir() });
    const b = await bundleFunction({ entry: fixtureEntry, outDir: outDir() });
    assert.equal(a.sha256, b.sha256);
    assert.deepEqual(readFileSync(a.zipPath), readFileSync(b.zipPath));
    const unminified = await bundleFunction({ entry: fixtureEntry, outDir: outDir(), minify: false });
    assert.notEqual(unminified.sha256, a.sha256);
  });

  it('says what is wrong with an entry that is missing, exports no handler, or does not compile', async () => {
    const noHandler = join(work, 'no-handler.ts');
    writeFileSync(noHandler, 'export const run = () => 1;\n');
    const broken = join(work, 'broken.ts');
    writeFileSync(broken, 'export const handler = () => {;\nimport x from "./nowhere.ts";\n');
    await assert.rejects(bundleFunction({ entry: join(work, 'absent.ts'), outDir: outDir() }), /absent\.ts does not exist \(it must export handler\(event, context\)\)/);
    await assert.rejects(bundleFunction({ entry: noHandler, outDir: outDir() }), /no-handler\.ts must export handler\(event, context\); it exports run/);
    await assert.rejects(bundleFunction({ entry: broken, outDir: outDir() }), /broken\.ts:\d+:\d+: /);
  });

  const runtimeEntry = join(projectRoot, 'runtime', 'handler.ts');
  it('bundles the real runtime handler into a loadable package under 1 MB', { skip: existsSync(runtimeEntry) ? false : 'runtime/handler.ts does not exist yet' }, async () => {
    const bundle = await bundleFunction({ entry: runtimeEntry, outDir: outDir() });
    assert.ok(bundle.bytes < 1024 * 1024, `zip is ${bundle.bytes} bytes; zip_file is sent base64 in the API call`);
    const index = join(work, 'runtime-index.cjs');
    writeFileSync(index, readZip(readFileSync(bundle.zipPath)).get('index.js') as Buffer);
    // A separate process: loading the runtime must not touch this one.
    const run = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(index)}); process.stdout.write(typeof m.handler)`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'function');
  });
});
