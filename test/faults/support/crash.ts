import assert from 'node:assert/strict';
import type { JobConfig } from '../../../runtime/config/job.ts';
import { credentialsEnv, runCli, startCli, writeJobFile, type CliResult } from './cli.ts';
import { startGate, type Gate, type GateRequest, type HoldRule } from './gate.ts';
import { count } from './tally.ts';
import type { World } from './world.ts';

// Crash a real `ots2oss run` process at one step, then let the next timer tick finish the job:
// the child blocks on the held request, is SIGKILLed there, its lease runs out, and a fresh
// child runs to completion.

export interface CrashOutcome {
  held: GateRequest;
  killed: CliResult;
  rerun: CliResult;
  /** Requests the completing run sent: a range for random crash points. */
  rerunRequests: number;
}

export async function withGate<T>(world: World, fn: (gate: Gate) => Promise<T>): Promise<T> {
  const gate = await startGate({ tablestore: world.pipeline.emulators.info.tablestore, oss: world.pipeline.emulators.info.oss });
  try {
    return await fn(gate);
  } finally {
    await gate.close();
  }
}

export function jobThrough(job: JobConfig, gate: Gate): JobConfig {
  return { ...job, source: { ...job.source, endpoint: gate.endpoints.tablestore }, sink: { ...job.sink, endpoint: gate.endpoints.oss } };
}

/** Runs the CLI until `rule` holds a request, kills it there, and reruns to completion. */
export async function crashAndRerun(world: World, rule: HoldRule, job: JobConfig = world.job): Promise<CrashOutcome> {
  return withGate(world, async (gate) => {
    const config = writeJobFile(world.dir, jobThrough(job, gate), `job-${rule.name.replace(/\W+/g, '-')}.json`);
    const env = credentialsEnv(world.pipeline.emulators.info);
    const held = gate.hold(rule);
    const run = await startCli(['run', '--config', config, '--json'], { env });
    const first = await Promise.race([held, run.done]);
    if (!('seq' in first)) {
      assert.fail(`crash point "${rule.name}" was never reached: the run ended first (exit ${first.code})\n${first.stderr.slice(-2000)}`);
    }
    const killed = await run.kill();
    count('crashPoints');
    assert.equal(killed.signal, 'SIGKILL', `the child was killed at "${rule.name}", not ended on its own`);
    gate.reset();
    await world.expireLease();
    const before = gate.log.length;
    const rerun = await runCli(config, { env });
    assert.equal(rerun.code, 0, `the run after the crash at "${rule.name}" failed:\n${rerun.stderr.slice(-3000)}\n${rerun.stdout.slice(-2000)}`);
    assert.equal(rerun.summary?.ok, true);
    return { held: first, killed, rerun, rerunRequests: gate.log.length - before };
  });
}
