import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A V8 code cache for the function bundle, made at build time. Compiling the bundle is most of a cold
// start; with the cache V8 deserializes the compiled functions instead. V8 takes a cache only
// from the same V8 version and flags, so the cache is named after the exact Node that made it and the
// loader reads it only under that Node; any other Node, or a cache V8 rejects, compiles from source.

/** The bundled runtime beside the loader (index.js) in the zip. */
export const BUNDLE_ENTRY = 'ots2oss.js';

/** FC's runtime is nodejs20 (constructs/exporter-function.ts): a cache from another major never loads there. */
const FC_NODE_MAJOR = 20;

/** The cache entry for one Node release and CPU architecture. */
export function cacheEntry(nodeVersion: string, arch: string): string {
  return `ots2oss.${nodeVersion}-${arch}.cache`;
}

// The loader and the cache maker name the cache alike, and compile the very same source text (V8
// checks its length).
const CACHE_FILE = 'join(__dirname, `ots2oss.${process.version}-${process.arch}.cache`)';
const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/** index.js: compiles and runs ots2oss.js as Node runs a CommonJS module, with the cache when this Node made it. */
export const LOADER = `'use strict';
// FC loads this file. It runs ${BUNDLE_ENTRY} (the bundled runtime) as CommonJS, compiled with the V8
// code cache made at build time when this Node made it; otherwise V8 compiles it from source.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const file = join(__dirname, ${JSON.stringify(BUNDLE_ENTRY)});
let cachedData;
try {
  cachedData = readFileSync(${CACHE_FILE});
} catch {}
// Stack traces say ${BUNDLE_ENTRY}, path-free: a cached script keeps the name it was made with.
const script = new Script(${JSON.stringify(HEAD)} + readFileSync(file, 'utf8') + ${JSON.stringify(TAIL)}, { filename: ${JSON.stringify(BUNDLE_ENTRY)}, cachedData });
script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
// Whether V8 took the cache, for the benchmark and tests; FC reads only handler.
Object.defineProperty(module.exports, 'codeCache', { value: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted' });
`;

// Run in a fresh \`node --predictable\`: compile the bundle as the loader does, run its top level (so the
// functions it calls at load are compiled too), and write the cache. --predictable makes the bytes the
// same on every build (the zip must be reproducible) and does not enter V8's flag hash.
const MAKE = `{
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');
const __dirname = process.argv[1];
const file = join(__dirname, ${JSON.stringify(BUNDLE_ENTRY)});
// The script's name goes into the cache (a path would change the bytes with the directory): the loader's.
const script = new Script(${JSON.stringify(HEAD)} + readFileSync(file, 'utf8') + ${JSON.stringify(TAIL)}, { filename: ${JSON.stringify(BUNDLE_ENTRY)} });
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, __dirname);
const cacheFile = ${CACHE_FILE};
writeFileSync(cacheFile, script.createCachedData());
process.stdout.write(cacheFile.slice(__dirname.length + 1));
}`;

// Then load it through the loader in a plain \`node\`, as FC would, and ask whether V8 took the cache.
const CHECK = `process.stdout.write(String(require(require('node:path').join(process.argv[1], 'index.js')).codeCache))`;

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type CodeCache = { entry: string; data: Buffer } | { skipped: string };

/** The cache for `js` made by this Node, or why there is none. Throws if the bundle fails to load. */
export async function makeCodeCache(js: Uint8Array): Promise<CodeCache> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== FC_NODE_MAJOR) {
    return { skipped: `built with Node ${process.version}; FC runs Node ${FC_NODE_MAJOR}, where a cache from another Node is never used` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-code-cache-'));
  try {
    writeFileSync(join(dir, BUNDLE_ENTRY), js);
    writeFileSync(join(dir, 'index.js'), LOADER);
    const made = await runNode(['--predictable', '-e', MAKE, dir]);
    if (made.code !== 0) throw new Error(`the bundle fails to load (making its code cache): ${made.stderr.trim().slice(-2000)}`);
    const entry = made.stdout;
    const check = await runNode(['-e', CHECK, dir]);
    if (check.code !== 0) throw new Error(`the bundle fails to load through its loader: ${check.stderr.trim().slice(-2000)}`);
    if (check.stdout !== 'accepted') return { skipped: `Node ${process.version} does not take a cache made with --predictable (${check.stdout})` };
    return { entry, data: readFileSync(join(dir, entry)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
