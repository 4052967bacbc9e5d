import { randomUUID } from 'node:crypto';
import { EXIT, UsageError, type Command } from '../command.ts';
import { jobOptions, jobOptionsUsage, openJobSession } from '../session.ts';

export const resetCommand: Command = {
  name: 'reset',
  summary: 'forget where a job is, so its next run starts again from window.startFrom',
  usage: [
    'Usage: ots2oss reset --config FILE [--job NAME] --yes',
    '',
    'Deletes the job\'s state and shard checkpoints from the status table (window history and the',
    'objects in OSS stay). Use it after a stream was re-enabled or trimmed past the checkpoints, once',
    'you have decided how to cover the gap; set window.startFrom first. Takes the job\'s lease, so it',
    'never races a running export.',
    '',
    jobOptionsUsage,
    '      --yes           required: this cannot be undone',
  ].join('\n'),
  options: { ...jobOptions, yes: { type: 'boolean' } },
  async run(values) {
    if (!values.yes) throw new UsageError('reset deletes the job\'s checkpoints; add --yes to confirm');
    const session = openJobSession(values);
    const name = session.loaded.job.name;
    const owner = `reset-${randomUUID()}`;
    // Called once each, not retried: a lease taken by an attempt whose answer was lost would read as another's.
    const call = <T>(fn: () => Promise<T>) => fn().catch((error: unknown) => {
      throw session.explain(error);
    });
    const taken = await call(() => session.store.acquireLease(name, owner, 60_000, Date.now()));
    if (!taken.acquired) {
      console.error(`job ${name}: an export holds the lease until ${new Date(taken.heldBy.expiresAt).toISOString()}; try again after it`);
      return EXIT.failed;
    }
    try {
      const state = await call(() => session.store.getJob(name));
      const shards = await call(() => session.store.getShards(name));
      await call(() => session.store.clearProgress(name));
      console.log(JSON.stringify({
        job: name, reset: true, lastCompleteWindow: state?.lastCompleteWindowId ?? null,
        shardsForgotten: shards.length, nextStart: session.loaded.job.window.startFrom,
      }));
    } finally {
      await call(() => session.store.releaseLease(name, taken.lease));
    }
    return EXIT.ok;
  },
};
