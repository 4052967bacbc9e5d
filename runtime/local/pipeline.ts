import { startEmulators, type Emulators } from '../../emulators/index.ts';
import { connectJob } from '../export/connect.ts';
import { runExport, type RunSummary } from '../export/exporter.ts';
import { createRetrier } from '../export/retrier.ts';
import type { Environment } from '../../stacks/config.ts';
import { silentLogger, type Logger } from '../util/logger.ts';
import { SimClock } from './clock.ts';
import { provisionLocal, type LocalJob } from './provision.ts';

// The whole pipeline on one machine: emulators on a simulated clock, an environment's resources
// provisioned in them, and timer ticks that run the same exporter the function runs.

export interface LocalPipeline {
  emulators: Emulators;
  clock: SimClock;
  jobs: LocalJob[];
  /** One timer tick for a job at the clock's current time; waiting moves the clock on (or `sleep`). */
  tick(job: LocalJob, options?: { logger?: Logger; owner?: string; sleep?: (ms: number) => Promise<void> }): Promise<RunSummary>;
  close(): Promise<void>;
}

export async function startLocalPipeline(env: Environment, options: { startMs: number; dataDir?: string }): Promise<LocalPipeline> {
  const clock = new SimClock(options.startMs);
  const emulators = await startEmulators({ now: clock.now, dataDir: options.dataDir });
  try {
    const jobs = await provisionLocal(env, emulators);
    return {
      emulators,
      clock,
      jobs,
      async tick(local, tickOptions = {}) {
        const logger = tickOptions.logger ?? silentLogger;
        const deadline = clock.now() + 120_000;
        const retry = createRetrier({ maxRetries: local.job.reader.maxRetries, logger });
        const adapters = connectJob(local.job, { tablestore: emulators.info.tablestore, oss: emulators.info.oss }, emulators.info, retry, logger);
        return runExport({ job: local.job, ...adapters, logger, retry, deadline, now: clock.now, sleep: tickOptions.sleep ?? clock.sleep, owner: tickOptions.owner });
      },
      close: () => emulators.close(),
    };
  } catch (error) {
    await emulators.close();
    throw error;
  }
}
