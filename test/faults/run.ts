// `npm run test:faults`: the fault suite's long form (FAULTS_LONG=1: every crash step in every
// format, more random crash points, more rates), then the suite's counts summed over its files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNT_LABELS, type Counts } from './support/tally.ts';

const dir = mkdtempSync(join(tmpdir(), 'ots2oss-fault-tally-'));
const tally = join(dir, 'tally.jsonl');
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, ['scripts/test.mjs', ...(args.length ? args : ['test/faults'])], {
  stdio: 'inherit',
  env: { ...process.env, FAULTS_LONG: process.env.FAULTS_LONG ?? '1', OTS2OSS_FAULT_TALLY: tally },
});
const totals: Counts = { crashPoints: 0, faults: 0, records: 0, lost: 0, duplicated: 0 };
const lines = existsSync(tally) ? readFileSync(tally, 'utf8').split('\n').filter(Boolean) : [];
for (const line of lines) {
  const counts = JSON.parse(line) as Counts;
  for (const k of Object.keys(totals) as Array<keyof Counts>) totals[k] += counts[k];
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nfault suite (${lines.length} files):`);
for (const k of Object.keys(COUNT_LABELS) as Array<keyof Counts>) console.log(`  ${COUNT_LABELS[k]}: ${totals[k]}`);
process.exit(run.status ?? 1);
