import { ByteWriter, copyBytes } from '../runtime/format/byte-writer.ts';
import { ChunkPool } from '../runtime/util/chunk-pool.ts';
import { fmt } from './common.ts';

// What a short copy costs by length and way, behind copyBytes's thresholds (runtime/format/byte-writer.ts):
// a loop against a native copy within one buffer (repeated keys and timestamps), and against a view plus a
// native copy from another array (strings copied out of a response), with copyBytes itself beside them.
// Each way runs in a function of its own, so none sees another's array shapes; best of the rounds.
// Then what an object's bytes cost in bulk: written into fresh chunks (as the encoders did), into one
// reused, or into chunks lent by a pool and given back part by part (as the encoders and the object writer
// do); and joined into multipart parts (as the object writer did until parts went up as their chunks).

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

export interface BulkFigure {
  mib: number;
  freshChunksMs: number;
  reusedChunkMs: number;
  pooledChunksMs: number;
  joinedPartsMs: number;
}

const SLICE = 43 * 1024; // about what a slice of 64 jsonl records renders
const PART = 8 * 1024 * 1024;

/** `mib` MiB written slice by slice into chunks, fresh or one reused; returns the slices' views. */
function fill(mib: number, fresh: boolean, src: Uint8Array): Uint8Array[] {
  const views: Uint8Array[] = [];
  let chunk = Buffer.allocUnsafe(CHUNK);
  let p = 0;
  for (let written = 0; written < mib * 1024 * 1024; written += SLICE) {
    if (p + SLICE > CHUNK) {
      if (fresh) chunk = Buffer.allocUnsafe(CHUNK);
      p = 0;
    }
    chunk.set(src, p);
    views.push(chunk.subarray(p, p + SLICE));
    p += SLICE;
  }
  return views;
}

/** The same through a ByteWriter on `pool`, each part's views given back once it has PART bytes, as once uploaded. */
function fillPooled(mib: number, pool: ChunkPool, src: Uint8Array): number {
  const out = new ByteWriter(pool);
  let part: Uint8Array[] = [];
  let partBytes = 0;
  for (let written = 0; written < mib * 1024 * 1024; written += SLICE) {
    out.copy(src);
    part.push(out.take());
    partBytes += SLICE;
    if (partBytes >= PART) {
      pool.release(part);
      part = [];
      partBytes = 0;
    }
  }
  pool.release(part);
  out.close();
  return pool.spareCount;
}

/** The views joined into parts of at least PART bytes, as ObjectWriter did; returns the bytes joined. */
function joinParts(views: Uint8Array[]): number {
  let joined = 0;
  for (let i = 0; i < views.length; ) {
    const part: Uint8Array[] = [];
    let bytes = 0;
    while (i < views.length && bytes < PART) {
      const view = views[i++]!;
      part.push(view);
      bytes += view.length;
    }
    joined += Buffer.concat(part, bytes).length;
  }
  return joined;
}

function bulk(mib: number, rounds: number): BulkFigure {
  const src = Buffer.alloc(SLICE, 0x61);
  const best = (run: () => unknown) => {
    let ms = Infinity;
    for (let k = 0; k < rounds; k++) {
      const t = performance.now();
      run();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const views = fill(mib, true, src);
  const pool = new ChunkPool(CHUNK, 64);
  return {
    mib,
    freshChunksMs: best(() => fill(mib, true, src)),
    reusedChunkMs: best(() => fill(mib, false, src)),
    pooledChunksMs: best(() => fillPooled(mib, pool, src)),
    joinedPartsMs: best(() => joinParts(views)),
  };
}

export function copiesBench(options: { times: number; rounds: number; log: (line: string) => void }): { short: CopyFigure[]; bulk: BulkFigure } {
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
  const b64 = bulk(64, options.rounds);
  options.log(`  ${b64.mib} MiB in 43 KiB slices: into fresh 256 KiB chunks ${fmt(b64.freshChunksMs, 1)} ms, into one reused ${fmt(b64.reusedChunkMs, 1)} ms, ` +
    `into pooled chunks given back per 8 MiB part ${fmt(b64.pooledChunksMs, 1)} ms; joined into 8 MiB parts ${fmt(b64.joinedPartsMs, 1)} ms more`);
  return { short: figures, bulk: b64 };
}
