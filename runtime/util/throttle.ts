// A token bucket on bytes: caps upload bandwidth at the configured megabits per second.

export class ByteThrottle {
  private available: number;
  private last: number;
  private readonly bytesPerMs: number;

  constructor(
    mbps: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.bytesPerMs = (mbps * 1_000_000) / 8 / 1000;
    // One second's worth of burst keeps small objects from waiting at all.
    this.available = this.bytesPerMs * 1000;
    this.last = now();
  }

  /** Resolves once `bytes` may be sent. */
  async take(bytes: number): Promise<void> {
    const t = this.now();
    this.available = Math.min(this.bytesPerMs * 1000, this.available + (t - this.last) * this.bytesPerMs);
    this.last = t;
    this.available -= bytes;
    if (this.available < 0) await this.sleep(Math.ceil(-this.available / this.bytesPerMs));
  }
}
