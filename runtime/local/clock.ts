// A settable clock shared by the emulators and the exporter, so a local run can replay minutes of
// traffic and timer ticks in seconds.

export class SimClock {
  private real = false;

  constructor(private current: number) {}

  readonly now = (): number => (this.real ? Date.now() : this.current);

  /** From now on the clock is the wall clock (it must not be behind it). */
  followRealTime(): void {
    this.set(Date.now());
    this.real = true;
  }

  set(ms: number): void {
    if (this.real) throw new RangeError('the clock follows real time now');
    if (ms < this.current) throw new RangeError('the clock only moves forward');
    this.current = ms;
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }

  /** Waiting on this clock: simulated time moves on at once; real time is waited out. */
  readonly sleep = async (ms: number): Promise<void> => {
    if (this.real) await new Promise((resolve) => setTimeout(resolve, ms));
    else this.advance(ms);
  };
}
