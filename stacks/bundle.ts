import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { build, type Message } from 'esbuild';
import yazl from 'yazl';

// The FC code package: the runtime bundled by esbuild into one CommonJS index.js (FC's
// nodejs20 loads `index.handler`), zipped byte-for-byte reproducibly so the asset hash, and
// with it the deployed code, changes only when the code does.

export interface FunctionBundle {
  /** The zip holding index.js. */
  zipPath: string;
  /** sha256 of the zip, hex. */
  sha256: string;
  bytes: number;
}

export interface BundleOptions {
  /** TypeScript/JavaScript entry exporting `handler(event, context)`. */
  entry: string;
  /** Directory the zip is written to (created if missing). */
  outDir: string;
  minify?: boolean;
}

/** Fixed timestamp for zip entries: the same code gives the same bytes. */
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

/** esbuild's errors as `file:line:col: text` lines. */
function esbuildMessages(e: unknown): string {
  const errors = e && typeof e === 'object' && 'errors' in e && Array.isArray(e.errors) ? (e.errors as Message[]) : [];
  if (!errors.length) return e instanceof Error ? e.message : String(e);
  return errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`).join('\n');
}

/** The entry's own exports, read by esbuild without bundling or running it. */
async function assertExportsHandler(entry: string): Promise<void> {
  const scan = await build({ entryPoints: [entry], bundle: false, format: 'esm', write: false, metafile: true, logLevel: 'silent', outdir: 'scan' });
  const exported = Object.values(scan.metafile.outputs).flatMap((o) => o.exports);
  if (!exported.includes('handler')) {
    throw new Error(`${entry} must export handler(event, context); it exports ${exported.length ? exported.join(', ') : 'nothing'}`);
  }
}

async function bundleJs(options: BundleOptions): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: options.minify ?? true,
    // An optional require inside ali-oss; FC never needs a proxy.
    external: ['proxy-agent'],
    // tsconfig's strict would put "use strict" atop the bundle, and the tablestore SDK assigns
    // undeclared variables (e.g. `key` in its PlainBuffer builder): in strict mode every row call fails.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
    outfile: 'index.js',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).catch((e: unknown) => {
    throw new Error(`cannot bundle ${options.entry}:\n${esbuildMessages(e)}`);
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('index.js'));
  if (!js) throw new Error(`cannot bundle ${options.entry}: esbuild produced no index.js`);
  return js.contents;
}

async function writeZip(js: Uint8Array, zipPath: string): Promise<FunctionBundle> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(js), 'index.js', { mtime: ZIP_TIME, mode: 0o100644 });
  zip.end();
  const hash = createHash('sha256');
  let bytes = 0;
  zip.outputStream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await finished(zip.outputStream.pipe(createWriteStream(zipPath)));
  return { zipPath, sha256: hash.digest('hex'), bytes };
}

export async function bundleFunction(options: BundleOptions): Promise<FunctionBundle> {
  if (!existsSync(options.entry)) {
    throw new Error(`cannot bundle the function: ${options.entry} does not exist (it must export handler(event, context))`);
  }
  await assertExportsHandler(options.entry);
  const js = await bundleJs(options);
  mkdirSync(options.outDir, { recursive: true });
  return writeZip(js, join(options.outDir, 'function.zip'));
}
