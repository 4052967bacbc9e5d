// Optional durability: the whole state as one JSON snapshot, written atomically (temp file +
// rename) after every change and read back on start.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { TableSnapshot } from './model/table.ts';

export interface StateSnapshot {
  version: 1;
  instances: Array<{ name: string; tables: TableSnapshot[] }>;
}

const FILE = 'tablestore-state.json';

const envelope = z.object({
  version: z.literal(1),
  instances: z.array(z.object({ name: z.string(), tables: z.array(z.object({ name: z.string() }).passthrough()) })),
});

// bigint and bytes have no JSON form: tag them.
function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (typeof raw === 'bigint') return { $bigint: raw.toString() };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o['$bytes'] === 'string') return Buffer.from(o['$bytes'], 'base64');
    if (keys.length === 1 && typeof o['$bigint'] === 'string') return BigInt(o['$bigint']);
  }
  return value;
}

export class Persistence {
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(private readonly dir: string) {}

  async load(): Promise<StateSnapshot | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir, FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const parsed: unknown = JSON.parse(text, reviver);
    const check = envelope.safeParse(parsed);
    if (!check.success) throw new Error(`${join(this.dir, FILE)} is not a Tablestore emulator snapshot: ${check.error.message}`);
    // The envelope is checked; the tables inside are written only by this module.
    return parsed as StateSnapshot;
  }

  /** Queues a write of the snapshot taken now; resolves once it is on disk. */
  save(snapshot: StateSnapshot): Promise<void> {
    const text = JSON.stringify(snapshot, replacer);
    const tmp = join(this.dir, `${FILE}.${process.pid}.${++this.seq}.tmp`);
    const write = async (): Promise<void> => {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, text);
      await rename(tmp, join(this.dir, FILE));
    };
    // Writes run in order; a failed one rejects its caller without blocking the next.
    const run = this.chain.then(write, write);
    this.chain = run.catch(() => undefined);
    return run;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
