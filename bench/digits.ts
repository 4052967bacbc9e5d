import { ByteWriter } from '../runtime/format/byte-writer.ts';
import { putInt64, putSafeInteger, putShortDecimal } from '../runtime/format/digits.ts';
import { javaDouble } from '../runtime/format/values.ts';
import { seededRandom } from '../runtime/util/random.ts';
import { fmt } from './common.ts';

// What the digit writers (runtime/format/digits.ts) save per value against the general path they
// stand in for, on the value shapes of the throughput payloads: amounts with two decimals, int64
// quantities and keys, epoch milliseconds; and on doubles it declines, to show what trying costs them.
// Both sides take turns, best of the rounds.

export interface DigitsFigure {
  value: string;
  generalNs: number;
  digitsNs: number;
}

export function digitsBench(options: { values: number; rounds: number; log: (line: string) => void }): DigitsFigure[] {
  const random = seededRandom(11);
  const n = options.values;
  const amounts = Array.from({ length: n }, () => Math.round(random() * 100_000) / 100);
  // Doubles the digit writer declines after trying every scale: what the attempt costs them.
  const ratios = Array.from({ length: n }, () => random() * 1000);
  const quantities = Array.from({ length: n }, () => BigInt(Math.floor(random() * 1_000_000)));
  const millis = Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * 7);
  const out = new ByteWriter(32 * n);
  const cases: Array<{ value: string; general: () => void; digits: () => void }> = [
    {
      value: 'double, two decimals',
      general: () => amounts.forEach((x) => out.ascii(javaDouble(x))),
      digits: () => amounts.forEach((x) => putShortDecimal(out, x) || out.ascii(javaDouble(x))),
    },
    {
      value: 'double, long fraction',
      general: () => ratios.forEach((x) => out.ascii(javaDouble(x))),
      digits: () => ratios.forEach((x) => putShortDecimal(out, x) || out.ascii(javaDouble(x))),
    },
    {
      value: 'int64 below 10^6',
      general: () => quantities.forEach((v) => out.ascii(v.toString())),
      digits: () => quantities.forEach((v) => putInt64(out, v) || out.ascii(v.toString())),
    },
    {
      value: 'epoch milliseconds',
      general: () => millis.forEach((ms) => out.ascii(String(ms))),
      digits: () => millis.forEach((ms) => putSafeInteger(out, ms)),
    },
  ];
  const time = (fn: () => void) => {
    out.take();
    const started = performance.now();
    fn();
    return ((performance.now() - started) * 1e6) / n;
  };
  const figures: DigitsFigure[] = [];
  for (const c of cases) {
    let general = Infinity;
    let digits = Infinity;
    for (let round = 0; round < options.rounds; round++) {
      general = Math.min(general, time(c.general));
      digits = Math.min(digits, time(c.digits));
    }
    figures.push({ value: c.value, generalNs: general, digitsNs: digits });
    options.log(`  ${c.value.padEnd(22)} general path ${fmt(general, 1)} ns, digit writer ${fmt(digits, 1)} ns per value`);
  }
  return figures;
}
