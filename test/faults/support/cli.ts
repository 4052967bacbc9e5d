import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { JobConfig } from '../../../runtime/config/job.ts';
import type { RunSummary } from '../../../runtime/export/exporter.ts';

// `ots2oss run` as a separate process, so a SIGKILL takes the exporter down mid-step while the
// emulators (and the ground truth they hold) live on in the test process. The CLI is bundled once
// per test process (the same sources as bin/ots2oss; a bundle starts in ~0.2 s instead of ~1.5 s).

const root = fileURLToPath(new URL('../../../', import.meta.url));
let bundled: Promise<{ main: string; dir: string }> | undefined;

export function bundleCli(): Promise<{ main: string; dir: string }> {
  bundled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ots2oss-faults-cli-'));
    mkdirSync(join(dir, 'cli'));
    // main.ts starts itself when its file is named cli/main.js.
    const main = join(dir, 'cli', 'main.js');
    await build({
      entryPoints: [join(root, 'runtime/cli/main.ts')],
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: main,
      external: ['proxy-agent'], logLevel: 'silent', minify: true,
      // Without this, tsconfig's strict mode puts "use strict" atop the bundle, which breaks the
      // tablestore SDK (it assigns an undeclared `key` in plian_buffer_builder.js).
      tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
    });
    return { main, dir };
  })();
  return bundled;
}

export async function removeCliBundle(): Promise<void> {
  if (!bundled) return;
  const { dir } = await bundled;
  rmSync(dir, { recursive: true, force: true });
  bundled = undefined;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The run summary, when the child got as far as printing it (--json). */
  summary?: RunSummary;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** SIGKILL: no handler, no finally, no lease release. */
  kill(): Promise<CliResult>;
  /** Resolves once the child's stderr matches `pattern`; rejects if the child ends first. */
  waitForStderr(pattern: RegExp): Promise<void>;
}

export interface CliOptions {
  env?: Record<string, string>;
  args?: string[];
}

export async function startCli(command: string[], options: CliOptions = {}): Promise<CliRun> {
  const { main } = await bundleCli();
  const child = spawn(process.execPath, [main, ...command, ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      let summary: RunSummary | undefined;
      try {
        summary = JSON.parse(stdout) as RunSummary;
      } catch {
        // not a JSON summary
      }
      resolve({ code, signal, stdout, stderr, summary });
    });
  });
  return {
    child,
    done,
    kill: () => {
      child.kill('SIGKILL');
      return done;
    },
    waitForStderr: (pattern) => new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stderr)) return;
        child.stderr!.off('data', check);
        resolve();
      };
      child.stderr!.on('data', check);
      check();
      void done.then((r) => reject(new Error(`the run ended (exit ${r.code}) before ${pattern}:\n${r.stderr.slice(-2000)}`)));
    }),
  };
}

/** Writes the job where `ots2oss run --config` reads it. */
export function writeJobFile(dir: string, job: JobConfig, name = 'job.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(job, null, 2));
  return path;
}

export function credentialsEnv(keys: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: keys.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.accessKeySecret };
}

/** `ots2oss run --config FILE --json` to completion. */
export async function runCli(configPath: string, options: CliOptions = {}): Promise<CliResult> {
  return (await startCli(['run', '--config', configPath, '--json'], options)).done;
}
