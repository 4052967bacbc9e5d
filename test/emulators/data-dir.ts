// A fresh data directory for a suite's emulators, removed after its tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/** Makes the directory before the suite's tests; the returned function reads its path inside tests. */
export function useDataDir(prefix: string): () => string {
  let dir: string | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  return () => {
    if (!dir) throw new Error('the data directory is made in before(): read it inside tests');
    return dir;
  };
}
