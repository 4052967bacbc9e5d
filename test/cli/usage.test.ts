import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../runtime/cli/main.ts';
import { runCli } from './harness.ts';

const COMMANDS = ['status', 'backfill', 'verify', 'import-dataworks'];

/** Runs the CLI's entry in this process, collecting what it prints (help and errors print before any I/O). */
async function inProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await main(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

describe('operator commands: help, usage errors, configuration errors', () => {
  let dir: string;
  let badJob: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ots2oss-usage-'));
    badJob = join(dir, 'job.json');
    writeFileSync(badJob, JSON.stringify({ name: 'Orders', source: { instance: 'shop', table: 'orders' }, sink: { bucket: 'b' } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints --help with exit 0, and lists the commands in the overview', async () => {
    const overview = await inProcess(['--help']);
    assert.equal(overview.code, 0);
    for (const c of COMMANDS) assert.match(overview.stdout, new RegExp(`^  ${c} +\\S`, 'm'));
    for (const c of COMMANDS) {
      const help = await inProcess([c, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: ots2oss ${c} `));
      assert.match(help.stdout, /Exit codes/);
    }
  });

  it('exits 2 on an unknown flag or a missing required flag', async () => {
    const unknown = await inProcess(['status', '--config', badJob, '--colour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--colour'/);
    const cases = [['status'], ['backfill', '--from', '20261126T1050Z', '--to', '20261126T1100Z'], ['verify', '--window', '20261126T1050Z']];
    for (const argv of cases) {
      const missing = await inProcess(argv);
      assert.equal(missing.code, 2, `${argv[0]}: ${missing.stderr}`);
      assert.match(missing.stderr, new RegExp(`^ots2oss ${argv[0]}: --config is required`));
    }
  });

  it('exits 3 naming each bad field of a job file, and the file it cannot read', async () => {
    const invalid = await inProcess(['verify', '--config', badJob, '--window', '20261126T1050Z']);
    assert.equal(invalid.code, 3);
    assert.match(invalid.stderr, /name: job names are 2-40 lowercase letters/);
    assert.match(invalid.stderr, /sink\.bucket: OSS bucket names are 3-63 lowercase letters/);
    const absent = await inProcess(['backfill', '--config', join(dir, 'nope.json'), '--from', '20261126T1050Z', '--to', '20261126T1100Z']);
    assert.equal(absent.code, 3);
    assert.match(absent.stderr, /nope\.json is invalid:\n {2}- cannot read the file/);
  });

  it('sets the process exit code: a real child exits 3 on a bad job file', async () => {
    const child = await runCli(['status', '--config', badJob]);
    assert.equal(child.code, 3);
    assert.match(child.stderr, /^ots2oss status: .*job\.json is invalid:/);
  });

  it('exits 2 on a day that does not exist, in any command that reads days', async () => {
    const job = join(dir, 'good.json');
    writeFileSync(job, JSON.stringify({ name: 'orders', source: { endpoint: 'http://127.0.0.1:9', instance: 'shop', table: 'orders' }, sink: { endpoint: 'http://127.0.0.1:9', bucket: 'shop-export' } }));
    const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' };
    const cases: Array<[string[], RegExp]> = [
      [['verify', '--config', job, '--window', '2026-02-30'], /--window 2026-02-30: 2026-02-30 is not a calendar day/],
      [['backfill', '--config', job, '--from', '2026-11-31', '--to', '2026-12-02'], /--from 2026-11-31: 2026-11-31 is not a calendar day/],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(argv, { env });
      assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });

  it('enable-stream exits 3 on an --endpoint that is not an http(s) URL, before calling it', async () => {
    const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' };
    for (const endpoint of ['not-a-url', 'ftp://shop.cn-hangzhou.ots.aliyuncs.com']) {
      const result = await runCli(['enable-stream', '--instance', 'shop', '--table', 'orders', '--endpoint', endpoint, '--check'], { env });
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, new RegExp(`--endpoint ${endpoint}: must be an http:// or https:// URL such as https://my-instance\\.cn-hangzhou\\.ots\\.aliyuncs\\.com`));
    }
  });

  it('lists each flag once in --help, with the default that applies to the command', async () => {
    for (const c of COMMANDS) {
      const help = await inProcess([c, '--help']);
      const flags = [...help.stdout.matchAll(/^ {2}(?:-\w, )?\s*(--[a-z-]+)/gm)].map((m) => m[1]);
      assert.deepEqual(flags.filter((f, i) => flags.indexOf(f) !== i), [], `${c}: flags listed twice`);
    }
    const backfill = await inProcess(['backfill', '--help']);
    assert.match(backfill.stdout, /--timeout SEC +time allowed per chunk \(default 300\)/);
    assert.doesNotMatch(backfill.stdout, /default 600/);
  });
});

