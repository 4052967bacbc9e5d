import { zoneOf } from '../runtime/core/time-zone.ts';
import { compileDateFormat } from '../runtime/format/date-format.ts';
import { seededRandom } from '../runtime/util/random.ts';
import { fmt } from './common.ts';

// sink.dateFormat per value in each kind of sink.timeZone: UTC, a fixed offset, and an IANA zone (whose
// offset comes from Intl, kept per UTC hour). Values a second apart, as commit times run, and values
// spread over fifty years, as a date column may hold. Best of the rounds.

export interface DatesFigure {
  zone: string;
  values: string;
  ns: number;
}

export function datesBench(options: { values: number; rounds: number; log: (line: string) => void }): DatesFigure[] {
  const random = seededRandom(5);
  const n = options.values;
  const seconds = Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * 1000 + 123);
  const spread = Array.from({ length: n }, () => Date.UTC(2000, 0, 1) + Math.floor(random() * 50 * 365.25 * 86_400_000));
  const figures: DatesFigure[] = [];
  for (const zone of ['UTC', '+08:00', 'Europe/Berlin']) {
    for (const [values, instants] of [['a second apart', seconds], ['over fifty years', spread]] as const) {
      const format = compileDateFormat('yyyy-MM-dd HH:mm:ssXXX', zoneOf(zone));
      let best = Infinity;
      for (let round = 0; round < options.rounds; round++) {
        const started = performance.now();
        let chars = 0;
        for (const ms of instants) chars += format.format(ms).length;
        if (chars === 0) throw new Error('nothing formatted');
        best = Math.min(best, ((performance.now() - started) * 1e6) / n);
      }
      figures.push({ zone, values, ns: best });
      options.log(`  ${zone.padEnd(14)} ${values.padEnd(17)} ${fmt(best, 0)} ns per value`);
    }
  }
  return figures;
}
