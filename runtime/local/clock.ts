// A settable clock shared by the emulators and the exporter, so a local run can replay minutes of
// traffic and timer ticks in seconds.

export class SimClock {
  constructor(private current: number) {}

  readonly now = (): number => this.current;

  set(ms: number): void {
    if (ms < this.current) throw new RangeError('the clock only moves forward');
    this.current = ms;
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
