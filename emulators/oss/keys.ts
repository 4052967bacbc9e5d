// Object key order and validation. OSS lists keys in UTF-8 byte order, which is code point order.

export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

/** Index of the first element >= key (or > key when `after`). */
export function lowerBound(sorted: readonly string[], key: string, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(sorted[mid]!, key);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private readonly keys: string[] = [];

  add(key: string): void {
    const i = lowerBound(this.keys, key);
    if (this.keys[i] !== key) this.keys.splice(i, 0, key);
  }

  delete(key: string): void {
    const i = lowerBound(this.keys, key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
  }

  /** Keys after `marker` (all when empty) that start with `prefix`, in order. */
  *listing(prefix: string, marker: string): Generator<string> {
    const start = compareKeys(prefix, marker) > 0 ? lowerBound(this.keys, prefix) : lowerBound(this.keys, marker, true);
    for (let i = start; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      if (!key.startsWith(prefix)) return;
      yield key;
    }
  }

  get size(): number {
    return this.keys.length;
  }
}
