import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { bundleFunction } from '../../stacks/bundle.ts';
import { projectRoot } from './support/synth.ts';
import { readZip } from './support/zip.ts';

// The stand-ins stacks/bundle.ts puts in the function bundle for load-time dead weight: each gives what
// its users read from the real package, checked against the real package here.

const require = createRequire(import.meta.url);
const shim = (name: string): unknown => require(join(projectRoot, 'stacks', 'bundle-shims', name));
const work = mkdtempSync(join(tmpdir(), 'ots2oss-bundle-shims-'));
after(() => rmSync(work, { recursive: true, force: true }));
const onLinux = process.platform === 'linux' ? false : 'the stand-ins copy the real text on Linux, where FC runs';

/** Bundles a fixture entry (shims on, no code cache) and runs its handler in a fresh node (not blocking this one's servers). */
async function runBundled(fixture: string, arg: unknown): Promise<unknown> {
  const out = join(work, fixture);
  const bundle = await bundleFunction({ entry: join(projectRoot, 'test', 'stacks', 'fixtures', fixture), outDir: out, codeCache: false });
  const index = join(out, 'index.js');
  writeFileSync(index, readZip(readFileSync(bundle.zipPath)).get('index.js')!);
  const script = `require(process.argv[1]).handler(JSON.parse(process.argv[2])).then((r) => process.stdout.write(JSON.stringify(r)))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, index, JSON.stringify(arg)], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return JSON.parse(stdout);
}

describe('bundle stand-ins', () => {
  it('platform: the description ali-oss puts in its User-Agent, as platform.js gives it', { skip: onLinux }, () => {
    assert.equal((shim('platform.cjs') as { description: string }).description, (require('platform') as { description: string }).description);
  });

  it('bowser: no browser under Node, as bowser finds', () => {
    const real = require('bowser') as { name: string; version: string };
    assert.deepEqual(shim('bowser.cjs'), { name: real.name, version: real.version });
  });

  it("default-user-agent: urllib's default User-Agent, as the package gives it", { skip: onLinux }, () => {
    const real = require('default-user-agent') as (...a: string[]) => string;
    const ua = shim('default-user-agent.cjs') as (...a: string[]) => string;
    assert.equal(ua('node-urllib', '2.44.1'), real('node-urllib', '2.44.1'));
    assert.equal(ua(), real());
  });

  it('iconv-lite: decodes as iconv-lite does, and names a charset it cannot decode', () => {
    const iconv = require('iconv-lite') as { encode(s: string, c: string): Buffer; decode(b: Buffer, c: string): string };
    const { decode } = shim('iconv-lite.cjs') as { decode(b: Buffer, c: string): string };
    for (const [charset, text] of [['gbk', '导出 ots2oss 数据'], ['shift_jis', 'エクスポート'], ['windows-1252', 'café']] as const) {
      const bytes = iconv.encode(text, charset);
      assert.equal(decode(bytes, charset), iconv.decode(bytes, charset), charset);
    }
    assert.throws(() => decode(Buffer.from('x'), 'x-unknown'), /cannot decode a response in charset "x-unknown": the function bundle replaces iconv-lite with TextDecoder/);
  });

  it('xmlbuilder: says it is not there if xml2js.Builder is ever used', () => {
    assert.throws(() => (shim('xmlbuilder.cjs') as { create(): unknown }).create(), /xmlbuilder is not in the function bundle/);
  });

  describe('in the bundle', () => {
    let server: Server;
    let url = '';
    const gbk = (require('iconv-lite') as { encode(s: string, c: string): Buffer }).encode('导出 ots2oss 数据', 'gbk');
    before(async () => {
      server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=gbk' }).end(gbk));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('urllib decodes a GBK response through the iconv-lite stand-in', async () => {
      assert.deepEqual(await runBundled('urllib-text.ts', { url }), { status: 200, text: '导出 ots2oss 数据' });
    });

    it('zod keeps its English messages without its other locales', async () => {
      assert.deepEqual(await runBundled('zod-messages.ts', {}), { locales: ['en'], coreLocales: ['en'], message: 'Invalid input: expected number, received string' });
    });
  });
});
