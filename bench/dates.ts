import { execFileSync } from 'node:child_process';
import { zoneOf } from '../runtime/core/time-zone.ts';
import { compileDateFormat, putIsoMillis } from '../runtime/format/date-format.ts';
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

/** Best ns per value over the rounds of `run`, which formats every instant and returns how many bytes or chars. */
function bestNs(instants: readonly number[], rounds: number, run: (instants: readonly number[]) => number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    if (run(instants) === 0) throw new Error('nothing formatted');
    best = Math.min(best, ((performance.now() - started) * 1e6) / instants.length);
  }
  return best;
}

export function datesBench(options: { values: number; rounds: number; log: (line: string) => void }): { perValue: DatesFigure[]; iso: DatesFigure[]; firstParseMs: Record<string, number> } {
  const random = seededRandom(5);
  const n = options.values;
  const seconds = Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * 1000 + 123);
  const spread = Array.from({ length: n }, () => Date.UTC(2000, 0, 1) + Math.floor(random() * 50 * 365.25 * 86_400_000));
  const figures: DatesFigure[] = [];
  for (const zone of ['UTC', '+08:00', 'Europe/Berlin']) {
    for (const [values, instants] of [['a second apart', seconds], ['over fifty years', spread]] as const) {
      const format = compileDateFormat('yyyy-MM-dd HH:mm:ssXXX', zoneOf(zone));
      const best = bestNs(instants, options.rounds, (xs) => {
        let chars = 0;
        for (const ms of xs) chars += format.format(ms).length;
        return chars;
      });
      figures.push({ zone, values, ns: best });
      options.log(`  ${zone.padEnd(14)} ${values.padEnd(17)} ${fmt(best, 0)} ns per value`);
    }
  }
  // jsonl's timestamps without a dateFormat: ISO-8601 UTC written as bytes, beside Date#toISOString.
  options.log('  ISO-8601 UTC with milliseconds (jsonl timestamps), into bytes, against Date#toISOString:');
  const iso: DatesFigure[] = [];
  const out = new Uint8Array(32);
  for (const [values, instants] of [['a second apart', seconds], ['over fifty years', spread]] as const) {
    const bytes = bestNs(instants, options.rounds, (xs) => {
      let n = 0;
      for (const ms of xs) n += putIsoMillis(out, 0, ms);
      return n;
    });
    const native = bestNs(instants, options.rounds, (xs) => {
      let n = 0;
      for (const ms of xs) n += new Date(ms).toISOString().length;
      return n;
    });
    iso.push({ zone: 'UTC (putIsoMillis)', values, ns: bytes }, { zone: 'UTC (Date#toISOString)', values, ns: native });
    options.log(`  ${values.padEnd(17)} putIsoMillis ${fmt(bytes, 0)} ns, toISOString ${fmt(native, 0)} ns per value`);
  }
  const parse = firstParseMs(['UTC', '+08:00', 'Europe/Berlin', 'America/New_York']);
  options.log(`  a job's first parse, in a fresh process, one zone after another: ${Object.entries(parse).map(([z, ms]) => `${z} ${fmt(ms, 1)} ms`).join(', ')}`);
  return { perValue: figures, iso, firstParseMs: parse };
}
