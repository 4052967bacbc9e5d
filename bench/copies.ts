import { copyBytes } from '../runtime/format/byte-writer.ts';
import { fmt } from './common.ts';

// What a short copy costs by length and way, behind copyBytes's thresholds (runtime/format/byte-writer.ts):
// a loop against a native copy within one buffer (repeated keys and timestamps), and against a view plus a
// native copy from another array (strings copied out of a response), with copyBytes itself beside them.
// Each way runs in a function of its own, so none sees another's array shapes; best of the rounds.

export interface CopyFigure {
  bytes: number;
  loopNs: number;
  nativeNs: number;
  viewNs: number;
  copyBytesWithinNs: number;
  copyBytesOtherNs: number;
}

const CHUNK = 256 * 1024;

function loopWithin(b: Uint8Array, n: number, times: number): void {
  let p = 1024;
  for (let r = 0; r < times; r++) {
    if (p + n > CHUNK) p = 1024;
    for (let i = 0; i < n; i++) b[p + i] = b[64 + i]!;
    p += n;
  }
}

function nativeWithin(b: Uint8Array, n: number, times: number): void {
  let p = 1024;
  for (let r = 0; r < times; r++) {
    if (p + n > CHUNK) p = 1024;
    b.copyWithin(p, 64, 64 + n);
    p += n;
  }
}

function viewFromOther(b: Uint8Array, src: Uint8Array, n: number, times: number): void {
  let p = 1024;
  for (let r = 0; r < times; r++) {
    if (p + n > CHUNK) p = 1024;
    b.set(src.subarray(8, 8 + n), p);
    p += n;
  }
}

function chosenWithin(b: Uint8Array, n: number, times: number): void {
  let p = 1024;
  for (let r = 0; r < times; r++) {
    if (p + n > CHUNK) p = 1024;
    copyBytes(b, 64, n, b, p);
    p += n;
  }
}

function chosenFromOther(b: Uint8Array, src: Uint8Array, n: number, times: number): void {
  let p = 1024;
  for (let r = 0; r < times; r++) {
    if (p + n > CHUNK) p = 1024;
    copyBytes(src, 8, n, b, p);
    p += n;
  }
}

export function copiesBench(options: { times: number; rounds: number; log: (line: string) => void }): CopyFigure[] {
  const b = Buffer.allocUnsafe(CHUNK);
  const src = Buffer.alloc(128, 0x61);
  const best = (run: () => void) => {
    let ns = Infinity;
    for (let k = 0; k < options.rounds; k++) {
      const t = performance.now();
      run();
      ns = Math.min(ns, ((performance.now() - t) * 1e6) / options.times);
    }
    return ns;
  };
  const figures: CopyFigure[] = [];
  options.log('  bytes   loop  native (within)  view + native (other array)  copyBytes within  copyBytes other   ns per copy');
  for (const n of [4, 8, 12, 16, 24, 32, 48, 64]) {
    const f: CopyFigure = {
      bytes: n,
      loopNs: best(() => loopWithin(b, n, options.times)),
      nativeNs: best(() => nativeWithin(b, n, options.times)),
      viewNs: best(() => viewFromOther(b, src, n, options.times)),
      copyBytesWithinNs: best(() => chosenWithin(b, n, options.times)),
      copyBytesOtherNs: best(() => chosenFromOther(b, src, n, options.times)),
    };
    figures.push(f);
    const cell = (x: number, w: number) => fmt(x, 0).padStart(w);
    options.log(`  ${String(n).padStart(5)} ${cell(f.loopNs, 6)} ${cell(f.nativeNs, 16)} ${cell(f.viewNs, 28)} ${cell(f.copyBytesWithinNs, 17)} ${cell(f.copyBytesOtherNs, 16)}`);
  }
  return figures;
}
