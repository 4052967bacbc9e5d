import type { StatusStore } from '../export/status-store.ts';
import { EXIT } from './command.ts';
import { formatDuration } from './progress.ts';

// Ctrl-C (SIGINT) and SIGTERM while a command holds a job's lease: the command says what it finishes,
// and a command that stops at once frees the lease on the way out, so scheduled runs need not wait for
// it to expire (the command's timeout plus a minute).

/** Counts interrupts while listening: the first and any later one each get a handler. */
export class Interrupts {
  count = 0;
  private wake?: () => void;
  constructor(private readonly onFirst: () => void, private readonly onLater: () => void = onFirst) {}
  readonly handle = (): void => {
    this.count++;
    this.wake?.();
    if (this.count === 1) this.onFirst();
    else this.onLater();
  };
  get requested(): boolean {
    return this.count > 0;
  }
  listen(): this {
    process.on('SIGINT', this.handle);
    process.on('SIGTERM', this.handle);
    return this;
  }
  close(): void {
    process.off('SIGINT', this.handle);
    process.off('SIGTERM', this.handle);
  }
  /** Sleeps, waking early on an interrupt. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export interface HeldLease {
  store: StatusStore;
  job: string;
  owner: string;
  /** How long the lease lasts when it is not released. */
  ttlMs: number;
}

export interface ExitSteps {
  /** Done before the lease is released (a backfill marks its range free). */
  first?: () => Promise<void>;
  /** Done beside the release (aborting open uploads), within the same two seconds. */
  alongside?: () => Promise<void>;
}

/**
 * Releases the job's lease if `owner` holds it, after `steps.first`, with `steps.alongside` beside it;
 * false when the release cannot be done within two seconds.
 */
async function releaseLeaseIfHeld(lease: HeldLease, steps: ExitSteps): Promise<boolean> {
  let released = false;
  const release = (async () => {
    await steps.first?.();
    const current = await lease.store.readLease(lease.job);
    if (current?.owner === lease.owner) await lease.store.releaseLease(lease.job, current);
    released = true;
  })().catch(() => undefined);
  const beside = steps.alongside?.().catch(() => undefined);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
  await Promise.race([Promise.all([release, beside]), timeout]);
  return released;
}

/**
 * Stops the process now: the work in hand is abandoned (its window stays in progress and is exported
 * again), its open uploads are aborted where `steps.alongside` says so, the lease is released, `tell`
 * says what happened with a note on the lease, and it exits 130.
 */
export function exitReleasingLease(lease: HeldLease, tell: (leaseNote: string) => void, steps: ExitSteps = {}): void {
  void releaseLeaseIfHeld(lease, steps).then((freed) => {
    tell(freed ? 'the job\'s lease is released' : `the job's lease frees itself within ${formatDuration(lease.ttlMs)}`);
    process.exit(EXIT.interrupted);
  });
}
