// What a suite's tests share: made before them, released after them, read inside tests and hooks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/** Makes `name` before the suite's tests (then runs `prepare` on it) and releases it after. */
export function useForSuite<T>(name: string, make: () => Promise<T>, release: (value: T) => unknown, prepare?: (value: T) => Promise<void>): () => T {
  let made: { value: T } | undefined;
  before(async () => {
    made = { value: await make() };
    await prepare?.(made.value);
  });
  after(() => (made ? release(made.value) : undefined));
  return () => {
    if (!made) throw new Error(`${name} is made in before(): read it inside tests and hooks`);
    return made.value;
  };
}

/** A fresh data directory for the suite's emulators; the returned function reads its path. */
export function useDataDir(prefix: string): () => string {
  return useForSuite('the data directory', () => mkdtemp(join(tmpdir(), prefix)), (dir) => rm(dir, { recursive: true, force: true }));
}
