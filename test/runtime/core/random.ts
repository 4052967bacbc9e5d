// A seeded generator for property-style tests: a failure names its seed, and the same seed replays it.

export interface Random {
  readonly seed: number;
  /** [0, 1) */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  bool(p?: number): boolean;
}

/** mulberry32 */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    bool: (p = 0.5) => next() < p,
  };
}

/** Runs `check` for `runs` seeds; the assertion message of a failure says which seed to replay. */
export function forSeeds(runs: number, check: (r: Random) => void, first = 1): void {
  for (let seed = first; seed < first + runs; seed++) {
    try {
      check(seeded(seed));
    } catch (error) {
      if (error instanceof Error) error.message = `[seed ${seed}] ${error.message}`;
      throw error;
    }
  }
}
