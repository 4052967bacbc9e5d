// Chunks of output bytes lent to the encoders and taken back once every view handed out of them has been
// read for the last time (its part uploaded). A fresh chunk counts as external memory, and V8 answers that
// memory's growth with full collections (`npm run bench -- throughput` prints them per run; BENCHMARKS.md).

interface Loan {
  readonly chunk: Buffer;
  /** Bytes of views handed out and not yet released. */
  handedOut: number;
  /** The borrower writes no more into it. */
  retired: boolean;
}

export class ChunkPool {
  private readonly spare: Buffer[] = [];
  private readonly loans = new WeakMap<ArrayBufferLike, Loan>();

  /** `maxSpare` bounds what the pool keeps between loans; chunks beyond it are left to the collector. */
  constructor(readonly chunkBytes: number, private readonly maxSpare: number) {}

  /** A chunk to write into, spare or new; it is the caller's until retire(). */
  lend(): Buffer {
    // Never from Node's shared slab: a chunk is known by its own memory.
    const chunk = this.spare.pop() ?? Buffer.allocUnsafeSlow(this.chunkBytes);
    this.loans.set(chunk.buffer, { chunk, handedOut: 0, retired: false });
    return chunk;
  }

  /** `view`, of a lent chunk, goes to a reader, who releases it once, when done. Views of other memory are ignored. */
  handOut(view: Uint8Array): void {
    const loan = this.loans.get(view.buffer);
    if (loan) loan.handedOut += view.byteLength;
  }

  /** The borrower of `chunk` writes no more into it: it is spare once its views are released. */
  retire(chunk: Uint8Array): void {
    const loan = this.loans.get(chunk.buffer);
    if (!loan) return;
    loan.retired = true;
    this.settle(loan);
  }

  /**
   * Their reader will never read these views again. A view whose bytes are still read elsewhere must not
   * be released: its chunk is written over by its next borrower. Views of other memory are ignored.
   */
  release(views: readonly Uint8Array[]): void {
    for (const view of views) {
      const loan = this.loans.get(view.buffer);
      if (!loan) continue;
      loan.handedOut -= view.byteLength;
      // More released than handed out: a view released twice, whose chunk may still be read through another.
      if (loan.handedOut < 0) throw new Error('a chunk\'s views were released more than once: its bytes may still be read elsewhere');
      this.settle(loan);
    }
  }

  /** How many chunks wait to be lent again. */
  get spareCount(): number {
    return this.spare.length;
  }

  private settle(loan: Loan): void {
    if (!loan.retired || loan.handedOut > 0) return;
    this.loans.delete(loan.chunk.buffer);
    if (this.spare.length < this.maxSpare) this.spare.push(loan.chunk);
  }
}

/** The encoders' chunks of 256 KiB; up to two 8 MiB parts' worth kept spare. */
export const outputChunks = new ChunkPool(256 * 1024, 64);
