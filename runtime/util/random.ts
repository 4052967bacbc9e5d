// A small seeded generator (xorshift32): workloads, benchmark payloads and randomized tests replay
// exactly from their seed.

/** Numbers in [0, 1) from `seed`; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}
