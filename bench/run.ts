// `npm run bench`: the figures behind BENCHMARKS.md, printed (no assertions on times).
//   npm run bench                       everything
//   npm run bench -- throughput memory  only these (throughput, gzip, memory, digits, copies, dates, freshness, bundle)
//   npm run bench -- --quick            smaller runs, for a quick look
//   npm run bench -- --json FILE        also write the figures as JSON
//   npm run bench -- throughput --formats jsonl   throughput of these formats only (comma-separated)
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { bundleBench } from './bundle.ts';
import { copiesBench } from './copies.ts';
import { datesBench } from './dates.ts';
import { digitsBench } from './digits.ts';
import { startEmulatorProcess, type Format } from './common.ts';
import { freshnessBench } from './freshness.ts';
import { gzipLevelsBench } from './gzip-levels.ts';
import { memoryBench } from './memory.ts';
import { throughputBench } from './throughput.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const formatsAt = args.indexOf('--formats');
const onlyFormats = formatsAt >= 0 ? (args[formatsAt + 1] ?? '').split(',') : undefined;
const chosen = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1) && (formatsAt < 0 || i !== formatsAt + 1));
const FORMATS: readonly string[] = ['csv', 'jsonl', 'parquet', 'text'];
const unknown = onlyFormats?.filter((f) => !FORMATS.includes(f));
if (unknown?.length) throw new Error(`--formats: ${unknown.map((f) => JSON.stringify(f)).join(', ')} is not a format; give some of ${FORMATS.join(', ')}, comma-separated`);
const these = (formats: Format[]): Format[] => (onlyFormats ? formats.filter((f) => onlyFormats.includes(f)) : formats);
const wanted = (name: string) => chosen.length === 0 || chosen.includes(name);
const log = (line: string) => console.log(line);

const figures: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${availableParallelism()} x ${cpus()[0]?.model ?? 'unknown'}`,
};
log(`ots2oss benchmarks, ${figures.date}: Node ${process.version}, ${figures.cpus}${quick ? ' (quick)' : ''}`);

const emulators = wanted('throughput') || wanted('gzip') || wanted('memory') ? await startEmulatorProcess() : undefined;
try {
  if (wanted('throughput') && emulators) {
    for (const sequenceInfo of [false, true]) {
      log(`\nthroughput, multi_version${sequenceInfo ? ' with sequence info' : ' (the default: no sequence info)'}, one process:`);
      figures[`throughput${sequenceInfo ? 'WithSequenceInfo' : ''}`] = await throughputBench({
        batches: quick ? 30 : 100, reps: quick ? 3 : 5, formats: these(['csv', 'jsonl', 'parquet', 'text']), sequenceInfo, emulators, log,
      });
    }
    log('\nthroughput, single_version_and_update_only (one row per record, every column), one process:');
    figures.throughputSingleVersion = await throughputBench({
      batches: quick ? 30 : 100, reps: quick ? 3 : 5, formats: these(['csv', 'jsonl', 'parquet']), sequenceInfo: false, mode: 'single_version_and_update_only', emulators, log,
    });
  }
  if (wanted('gzip') && emulators) {
    log('\nthroughput with sink.compress gzip (default job otherwise), one process:');
    figures.throughputGzip = await throughputBench({
      batches: quick ? 30 : 100, reps: quick ? 3 : 4, formats: these(['csv', 'jsonl', 'parquet']), sequenceInfo: false, compress: 'gzip', emulators, log,
    });
    log('  zlib levels on the same text (sink.compress uses 1):');
    figures.gzipLevels = gzipLevelsBench({ batches: quick ? 10 : 30, log });
  }
  if (wanted('memory') && emulators) {
    const records = quick ? 200_000 : 1_000_000;
    log(`\npeak memory, one window of ${records.toLocaleString('en-US')} records uploaded to the OSS emulator, each format in a fresh process:`);
    const cases = [{ format: 'csv' }, { format: 'jsonl' }, { format: 'parquet' },
      // compacted holds the window's keys: once with the payload's 50,000 keys, once with every record its own key.
      { format: 'csv', keys: 50_000 }, { format: 'csv', keys: records }] as const;
    figures.memory = await memoryBench({ records, cases: [...cases], emulators, log });
  }
} finally {
  await emulators?.stop();
}
if (wanted('digits')) {
  log('\nnumbers to text, per value (runtime/format/digits.ts against String, BigInt#toString, javaDouble):');
  figures.digits = digitsBench({ values: quick ? 20_000 : 100_000, rounds: quick ? 5 : 15, log });
}
if (wanted('copies')) {
  log('\nshort copies by length and way (the thresholds of copyBytes in runtime/format/byte-writer.ts), then bytes in bulk:');
  figures.copies = copiesBench({ times: quick ? 100_000 : 400_000, rounds: quick ? 3 : 6, log });
}
if (wanted('dates')) {
  log('\ndateFormat text per value, by sink.timeZone (yyyy-MM-dd HH:mm:ssXXX):');
  figures.dates = datesBench({ values: quick ? 20_000 : 100_000, rounds: quick ? 3 : 7, log });
}
if (wanted('freshness')) {
  log('\nfreshness, commit to readable in OSS, simulated time:');
  figures.freshness = await freshnessBench({ minutes: quick ? 6 : 12, perSecond: 5, phases: quick ? [0, 30] : [0, 10, 20, 30, 40, 50], log });
}
if (wanted('bundle')) {
  log('\nfunction bundle:');
  figures.bundle = await bundleBench({ runs: quick ? 5 : 21, log });
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2) + '\n');
