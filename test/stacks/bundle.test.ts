import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bundleFunction, type FunctionBundle } from '../../stacks/bundle.ts';
import { BUNDLE_ENTRY, cacheEntry } from '../../stacks/code-cache.ts';
import { fixtureEntry, projectRoot } from './support/synth.ts';
import { readZip } from './support/zip.ts';

const work = mkdtempSync(join(tmpdir(), 'ots2oss-bundle-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const outDir = () => join(work, String(n++));

/** The zip's files laid out in a directory of their own, as FC lays out /code. */
function unpack(zipPath: string, edit?: (name: string, data: Buffer) => Buffer | undefined): string {
  const dir = join(work, `code-${n++}`);
  mkdirSync(dir);
  for (const [name, data] of readZip(readFileSync(zipPath))) {
    const kept = edit ? edit(name, data) : data;
    if (kept) writeFileSync(join(dir, name), kept);
  }
  return dir;
}

interface Loaded {
  handler: string;
  codeCache?: string;
  result?: unknown;
}

/** Loads index.js in a fresh `node` as FC would (CommonJS, `handler` export) and invokes the fixture handler once. */
function load(dir: string, nodeArgs: string[] = []): Loaded {
  const script = `const m = require(process.argv[1]);
    Promise.resolve(typeof m.handler === 'function' ? m.handler({ a: 1 }, { requestId: 'r-1' }) : undefined)
      .then((result) => process.stdout.write(JSON.stringify({ handler: typeof m.handler, codeCache: m.codeCache, result })));`;
  const run = spawnSync(process.execPath, [...nodeArgs, '-e', script, join(dir, 'index.js')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Loaded;
}

const fixtureResult = { ok: true, label: 'window:{"a":1}', requestId: 'r-1' };
const onNode20 = process.versions.node.startsWith('20.');
const withCache = (b: FunctionBundle) => ('entry' in b.codeCache ? b.codeCache.entry : undefined);

describe('function bundle', () => {
  it('bundles the entry and its imports into one CommonJS index.js exporting handler', async () => {
    const bundle = await bundleFunction({ entry: fixtureEntry, outDir: outDir() }); // no code cache unless asked
    assert.ok(existsSync(bundle.zipPath));
    assert.equal(readFileSync(bundle.zipPath).length, bundle.bytes);
    assert.deepEqual(bundle.codeCache, { skipped: 'not asked for' });
    assert.deepEqual([...readZip(readFileSync(bundle.zipPath)).keys()], ['index.js']);
    assert.deepEqual(load(unpack(bundle.zipPath)), { handler: 'function', result: fixtureResult });
  });

  it('ships a V8 code cache made by this Node with a loader that uses it, named for this Node', { skip: onNode20 ? false : 'FC runs Node 20; other Nodes make no cache' }, async () => {
    const bundle = await bundleFunction({ entry: fixtureEntry, outDir: outDir(), codeCache: true });
    const entry = cacheEntry(process.version, process.arch);
    assert.equal(withCache(bundle), entry);
    const files = readZip(readFileSync(bundle.zipPath));
    assert.deepEqual([...files.keys()], ['index.js', BUNDLE_ENTRY, entry]);
    assert.equal((bundle.codeCache as { bytes: number }).bytes, files.get(entry)!.length);
    assert.deepEqual(load(unpack(bundle.zipPath)), { handler: 'function', codeCache: 'accepted', result: fixtureResult });
  });

  it('falls back to compiling from source when the cache is for another Node, V8 or V8 flag set', { skip: onNode20 ? false : 'no cache off Node 20' }, async () => {
    const bundle = await bundleFunction({ entry: fixtureEntry, outDir: outDir(), codeCache: true });
    const entry = withCache(bundle)!;
    // Another Node release: its cache has another name, so the loader finds none.
    const otherNode = unpack(bundle.zipPath, (name, data) => (name === entry ? undefined : data));
    writeFileSync(join(otherNode, cacheEntry('v20.0.0', process.arch)), readZip(readFileSync(bundle.zipPath)).get(entry)!);
    assert.deepEqual(load(otherNode), { handler: 'function', codeCache: 'absent', result: fixtureResult });
    // A V8 flag changes V8's flag hash (FC could start node with one): V8 rejects the cache.
    assert.deepEqual(load(unpack(bundle.zipPath), ['--max-old-space-size=300']), { handler: 'function', codeCache: 'rejected', result: fixtureResult });
    // Another V8 under the same name: V8 checks its version hash (bytes 4-7 of the header). It does not
    // checksum the rest, which is why the loader reads only the cache named for its own Node release.
    const otherV8 = unpack(bundle.zipPath, (name, data) => (name === entry ? Buffer.concat([data.subarray(0, 4), Buffer.from([1, 2, 3, 4]), data.subarray(8)]) : data));
    assert.deepEqual(load(otherV8), { handler: 'function', codeCache: 'rejected', result: fixtureResult });
  });

  it('is byte-for-byte reproducible, code cache included, so the asset only changes with the code', async () => {
    const a = await bundleFunction({ entry: fixtureEntry, outDir: outDir(), codeCache: true });
    const b = await bundleFunction({ entry: fixtureEntry, outDir: outDir(), codeCache: true });
    assert.equal(withCache(a), onNode20 ? cacheEntry(process.version, process.arch) : undefined);
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
  it('bundles the real runtime handler, code cache included, into a loadable package under 1 MB', { skip: existsSync(runtimeEntry) ? false : 'runtime/handler.ts does not exist yet' }, async () => {
    const bundle = await bundleFunction({ entry: runtimeEntry, outDir: outDir(), codeCache: true });
    assert.ok(bundle.bytes < 1024 * 1024, `zip is ${bundle.bytes} bytes; zip_file is sent base64 in the API call`);
    // A separate process: loading the runtime must not touch this one. (Invoking it is the fault suite's.)
    const dir = unpack(bundle.zipPath);
    const script = `const m = require(process.argv[1]); process.stdout.write(JSON.stringify({ handler: typeof m.handler, codeCache: m.codeCache }))`;
    const run = spawnSync(process.execPath, ['-e', script, join(dir, 'index.js')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { handler: 'function', codeCache: onNode20 ? 'accepted' : undefined });
  });

  it('leaves out the dependencies the stand-ins in stacks/bundle-shims replace', { skip: existsSync(runtimeEntry) ? false : 'runtime/handler.ts does not exist yet' }, async () => {
    const shimmed = await bundleFunction({ entry: runtimeEntry, outDir: outDir(), codeCache: false });
    const whole = await bundleFunction({ entry: runtimeEntry, outDir: outDir(), codeCache: false, shims: false });
    const text = (b: FunctionBundle) => readZip(readFileSync(b.zipPath)).get('index.js')!.toString('latin1');
    // A string of each replaced package: iconv-lite, platform, bowser, address, semver (under
    // default-user-agent), xmlbuilder, zod's German messages; and of the tablestore SDK's protobuf code for
    // search (routing values) and for aggregations, which the function never calls.
    const markers = ['gb18030', 'Adobe AIR', 'Opera Coast', 'ifconfig', 'Invalid Version', 'Missing element name', 'Zeichen', 'routingValues: array expected', 'aggs: buffer expected'];
    for (const marker of markers) {
      assert.ok(text(whole).includes(marker), `the whole bundle has ${marker}`);
      assert.ok(!text(shimmed).includes(marker), `the shimmed bundle has no ${marker}`);
    }
    assert.ok(shimmed.bytes < whole.bytes * 0.7, `${shimmed.bytes} vs ${whole.bytes} bytes zipped`);
  });
});
