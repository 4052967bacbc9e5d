import { execFileSync } from 'node:child_process';
import { zoneOf } from '../runtime/core/time-zone.ts';
import { compileDateFormat } from '../runtime/format/date-format.ts';
import { seededRandom } from '../runtime/util/random.ts';
import { fmt, root } from './common.ts';

// sink.dateFormat per value in each kind of sink.timeZone: UTC, a fixed offset, and an IANA zone (whose
// offset comes from Intl, kept per UTC hour). Values a second apart, as commit times run, and values
// spread over fifty years, as a date column may hold. Best of the rounds.

export interface DatesFigure {
  zone: string;
  values: string;
  ns: number;
}

/** A job's first parse with each zone, in a fresh process: an IANA zone makes Intl load its zone data. */
export function firstParseMs(zones: string[]): Record<string, number> {
  const script = `
    const { jobSchema } = await import('./runtime/config/job.ts');
    const out = {};
    for (const timeZone of ${JSON.stringify(zones)}) {
      const started = performance.now();
      jobSchema.parse({ name: 'bench', source: { instance: 'shop', table: 'orders' }, sink: { bucket: 'bench', object: 'e/{date}', timeZone } });
      out[timeZone] = performance.now() - started;
    }
    console.log(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as Record<string, number>;
}

export function datesBench(options: { values: number; rounds: number; log: (line: string) => void }): { perValue: DatesFigure[]; firstParseMs: Record<string, number> } {
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
  const parse = firstParseMs(['UTC', '+08:00', 'Europe/Berlin', 'America/New_York']);
  options.log(`  a job's first parse, in a fresh process, one zone after another: ${Object.entries(parse).map(([z, ms]) => `${z} ${fmt(ms, 1)} ms`).join(', ')}`);
  return { perValue: figures, firstParseMs: parse };
}
