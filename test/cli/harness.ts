import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_ACCESS_KEY_ID, LOCAL_ACCESS_KEY_SECRET, startEmulators, type Emulators } from '../../emulators/index.ts';
import type { JobConfig } from '../../runtime/config/job.ts';
import { windowOf, type TimeWindow } from '../../runtime/core/window.ts';
import { connectJob, type JobAdapters } from '../../runtime/export/connect.ts';
import { runExport, type RunSummary } from '../../runtime/export/exporter.ts';
import { createRetrier } from '../../runtime/export/retrier.ts';
import { createOssClient } from '../../runtime/oss/client.ts';
import { provisionLocal, type LocalJob } from '../../runtime/local/provision.ts';
import { writeWorkload } from '../../runtime/local/workload.ts';
import { silentLogger } from '../../runtime/util/logger.ts';
import { parseEnvironment } from '../../stacks/config.ts';

// A job provisioned in in-process emulators, with changes committed over past windows, and a native
// job file pointing at the emulators: what the CLI child processes run against.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface FixtureOptions {
  /** Windows (of `sizeMinutes`) that receive changes; they end at least 5 minutes before now. */
  windows?: number;
  rows?: number;
  sizeMinutes?: number;
  /** Overrides of the environment job (sink format, names...). */
  job?: Record<string, unknown>;
  /** The table and its stream: created this long before the first window (default a minute), keeping records this long. */
  stream?: { ageMs?: number; expirationHours?: number };
}

export interface Fixture {
  dir: string;
  jobPath: string;
  job: JobConfig;
  local: LocalJob;
  emulators: Emulators;
  /** The windows the workload wrote into, oldest first. */
  windows: TimeWindow[];
  adapters(): JobAdapters;
  oss(): ReturnType<typeof createOssClient>;
  /** Runs `write` with the emulators' clock at `ms`: its changes are committed then. */
  writeAt(ms: number, write: () => Promise<void>): Promise<void>;
  /** Exports windows in-process (setup for commands that read exports). */
  exportWindows(windows: TimeWindow[]): Promise<RunSummary>;
  close(): Promise<void>;
}

function environment(job: Record<string, unknown>, streamExpirationHours?: number) {
  return parseEnvironment({
    region: 'cn-hangzhou',
    jobs: [{
      name: 'orders',
      source: {
        instance: 'shop',
        createInstance: {},
        table: 'orders',
        createTable: { primaryKey: [{ name: 'shop_id', type: 'STRING' }, { name: 'order_id', type: 'INTEGER' }] },
        statusTable: 'ots2oss_status',
        ...(streamExpirationHours ? { streamExpirationHours } : {}),
      },
      window: { sizeMinutes: 1, safetyLagSeconds: 30, startFrom: 'earliest' },
      sink: { bucket: 'ots2oss-cli', createBucket: {}, object: 'exports/{table}/dt={date}/hour={hour}', fileFormat: 'csv', header: true },
      ...job,
    }],
  }, 'clitest');
}

export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const windowCount = options.windows ?? 4;
  const rows = options.rows ?? 60;
  const sizeMinutes = options.sizeMinutes ?? 1;
  const env = environment({ window: { sizeMinutes, safetyLagSeconds: 30, startFrom: 'earliest' }, ...options.job }, options.stream?.expirationHours);
  // The emulators' clock runs in the past while the workload is written, then follows real time.
  let frozen: number | undefined;
  const emulators = await startEmulators({ now: () => frozen ?? Date.now() });
  const dir = mkdtempSync(join(tmpdir(), 'ots2oss-cli-'));
  try {
    const size = sizeMinutes * 60_000;
    const first = windowOf(Date.now() - windowCount * size - 5 * 60_000, sizeMinutes).start;
    // The table and its stream exist before the workload's first commit, as they would.
    frozen = first - (options.stream?.ageMs ?? 60_000);
    const [local] = await provisionLocal(env, emulators);
    const windows = Array.from({ length: windowCount }, (_, i) => ({ start: first + i * size, end: first + (i + 1) * size }));
    await writeWorkload(local!.tables, {
      table: local!.job.source.table,
      primaryKey: [{ name: 'shop_id', type: 'string' }, { name: 'order_id', type: 'int64' }],
      rows,
      onStep: (i) => {
        frozen = first + Math.floor((i * windowCount * size) / rows) + 1_000;
      },
    });
    frozen = undefined;
    const jobPath = join(dir, 'job.json');
    writeFileSync(jobPath, JSON.stringify(local!.job, null, 2));
    const job = local!.job;
    const credentials = { accessKeyId: emulators.info.accessKeyId, accessKeySecret: emulators.info.accessKeySecret };
    const adapters = () => connectJob(job, { tablestore: emulators.info.tablestore, oss: emulators.info.oss }, credentials, createRetrier({ maxRetries: 3, logger: silentLogger }));
    return {
      dir, jobPath, job, local: local!, emulators, windows, adapters,
      oss: () => createOssClient({ endpoint: emulators.info.oss, bucket: job.sink.bucket, credentials }),
      async writeAt(ms, write) {
        frozen = ms;
        try {
          await write();
        } finally {
          frozen = undefined;
        }
      },
      exportWindows: (list) => runExport({ job, ...adapters(), windows: list, deadline: Date.now() + 60_000 }),
      async close() {
        await emulators.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await emulators.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * An environment file (environments/clitest.json under the fixture's folder) holding the fixture's job pointed
 * at the emulators, with `changes` (`source` is merged): for what only an environment file says (stream
 * expiration, alarm threshold, createStatusTable).
 */
export function writeEnvironment(fx: Fixture, changes: { source?: Record<string, unknown> } & Record<string, unknown> = {}): string {
  const { source, sink, window } = fx.job;
  const dir = join(fx.dir, 'environments');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'clitest.json');
  writeFileSync(path, JSON.stringify({
    region: 'cn-hangzhou',
    jobs: [{
      name: fx.job.name,
      window,
      sink: { bucket: sink.bucket, endpoint: sink.endpoint, object: sink.object, fileFormat: sink.fileFormat, header: sink.header },
      ...changes,
      source: { instance: source.instance, table: source.table, statusTable: source.statusTable, endpoint: source.endpoint, ...changes.source },
    }],
  }));
  return path;
}

/** The child's environment: the emulators' keys as the standard variables, nothing else of ours. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('ALIBABA_CLOUD_') || key.startsWith('ALICLOUD_')) delete env[key];
  return {
    ...env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: LOCAL_ACCESS_KEY_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: LOCAL_ACCESS_KEY_SECRET,
    ALIBABA_CLOUD_CONFIG_FILE: join(tmpdir(), 'ots2oss-no-such-aliyun-config.json'),
    ...extra,
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the first stderr line matching, or rejects when the process ends first. */
  waitForStderr(pattern: RegExp): Promise<string>;
  done: Promise<CliResult>;
}

/** Starts `ots2oss <args>` as a real child process: node + tsx on runtime/cli/main.ts. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'runtime/cli/main.ts'), ...args], {
    cwd: ROOT, env: options.env ?? cliEnv(), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<{ pattern: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...watchers]) {
      const line = stderr.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const w of watchers.splice(0)) w.reject(new Error(`the process ended before printing ${w.pattern}; stderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitForStderr: (pattern) => new Promise((resolve, reject) => {
      const seen = stderr.split('\n').find((l) => pattern.test(l));
      if (seen !== undefined) resolve(seen);
      else watchers.push({ pattern, resolve, reject });
    }),
  };
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
