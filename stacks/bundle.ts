import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import yazl from 'yazl';
import { BUNDLE_ENTRY, LOADER, makeCodeCache } from './code-cache.ts';
import { trimCompiledProtos } from './tablestore-protos.ts';

// The FC code package: the runtime bundled by esbuild into one CommonJS file, zipped byte-for-byte
// reproducibly so the asset hash, and with it the deployed code, changes only when the code does.
// FC's nodejs20 loads `index.handler`: index.js is either the bundle itself or, with a code cache
// (code-cache.ts), a loader that runs ots2oss.js with the cache.

export interface FunctionBundle {
  /** The zip holding index.js. */
  zipPath: string;
  /** sha256 of the zip, hex. */
  sha256: string;
  bytes: number;
  /** The zip's V8 code cache entry, or why it has none. */
  codeCache: { entry: string; bytes: number } | { skipped: string };
}

export interface BundleOptions {
  /** TypeScript/JavaScript entry exporting `handler(event, context)`. */
  entry: string;
  /** Directory the zip is written to (created if missing). */
  outDir: string;
  minify?: boolean;
  /**
   * Cut load-time dead weight (default true): the SDKs' dependencies replaced by the stand-ins in bundle-shims/,
   * and the tablestore SDK's protobuf code cut to the calls the function makes (tablestore-protos.ts).
   */
  shims?: boolean;
  /**
   * Ship a V8 code cache made by this Node, and a loader for it (default false: the zip would then
   * differ with the building machine's Node release, and FC uses the cache only on that very release).
   */
  codeCache?: boolean;
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

const shim = (file: string) => fileURLToPath(new URL(`./bundle-shims/${file}`, import.meta.url));

// Dependencies of ali-oss and urllib that cost load time (or bundle size) and that the runtime's
// calls never use; each stand-in says why it is safe and fails clearly if that ever changes.
const SHIMS: Record<string, string> = {
  'iconv-lite': shim('iconv-lite.cjs'), // urllib: non-UTF-8 response charsets only; a fifth of the bundle
  platform: shim('platform.cjs'), // ali-oss: User-Agent text; parses a browser UA at load
  bowser: shim('bowser.cjs'), // ali-oss: "is this IE 10?"; sniffs a browser at load
  address: shim('address.cjs'), // ali-oss ClusterClient (never built): reads the host's IP at load
  'default-user-agent': shim('default-user-agent.cjs'), // urllib's default User-Agent, which ali-oss always overrides
  xmlbuilder: shim('xmlbuilder.cjs'), // xml2js.Builder; ali-oss only parses XML
};

/** The tablestore SDK's generated protobuf code, cut to the types of the calls the function makes. */
const tablestoreProtos: Plugin = {
  name: 'tablestore-protos',
  setup(b) {
    b.onLoad({ filter: /[\\/]tablestore[\\/]lib[\\/]protocol[\\/]tablestore_compiled_proto\.js$/ }, async (args) =>
      ({ contents: trimCompiledProtos(await readFile(args.path, 'utf8')).source, loader: 'js' }));
  },
};

/** zod's 60-odd locales (z.locales, z.core.locales): the runtime uses the English zod sets up itself. */
const zodLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: shim('zod-locales.js') } : undefined);
  },
};

async function bundleJs(options: BundleOptions): Promise<Uint8Array> {
  const shims = options.shims ?? true;
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: options.minify ?? true,
    // An optional require inside ali-oss; FC never needs a proxy.
    external: ['proxy-agent'],
    alias: shims ? SHIMS : {},
    plugins: shims ? [zodLocales, tablestoreProtos] : [],
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

async function writeZip(files: Array<[name: string, data: Uint8Array | string]>, zipPath: string): Promise<{ sha256: string; bytes: number }> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(Buffer.from(data), name, { mtime: ZIP_TIME, mode: 0o100644 });
  zip.end();
  const hash = createHash('sha256');
  let bytes = 0;
  zip.outputStream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await finished(zip.outputStream.pipe(createWriteStream(zipPath)));
  return { sha256: hash.digest('hex'), bytes };
}

export async function bundleFunction(options: BundleOptions): Promise<FunctionBundle> {
  if (!existsSync(options.entry)) {
    throw new Error(`cannot bundle the function: ${options.entry} does not exist (it must export handler(event, context))`);
  }
  await assertExportsHandler(options.entry);
  const js = await bundleJs(options);
  const cache = options.codeCache ?? false ? await makeCodeCache(js) : { skipped: 'not asked for' };
  const files: Array<[string, Uint8Array | string]> = 'entry' in cache
    ? [['index.js', LOADER], [BUNDLE_ENTRY, js], [cache.entry, cache.data]]
    : [['index.js', js]];
  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, 'function.zip');
  const zip = await writeZip(files, zipPath);
  return { zipPath, ...zip, codeCache: 'entry' in cache ? { entry: cache.entry, bytes: cache.data.length } : cache };
}
