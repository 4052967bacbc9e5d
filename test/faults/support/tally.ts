import { appendFileSync } from 'node:fs';

// The suite's counts: crash points tried, faults injected, records checked, lost, duplicated.
// Each test file prints its own line when it ends; under `npm run test:faults` the files also
// append to OTS2OSS_FAULT_TALLY so test/faults/run.ts can print the totals once.

export interface Counts {
  crashPoints: number;
  faults: number;
  records: number;
  lost: number;
  duplicated: number;
}

export const COUNT_LABELS: Record<keyof Counts, string> = {
  crashPoints: 'crash points tried',
  faults: 'faults injected',
  records: 'records checked',
  // Jobs without sequence info count lines: nothing in them names the change a line came from.
  lost: 'records lost',
  duplicated: 'records duplicated',
};

const counts: Counts = { crashPoints: 0, faults: 0, records: 0, lost: 0, duplicated: 0 };

export function count(what: keyof Counts, n = 1): void {
  counts[what] += n;
}

export function formatCounts(c: Counts, label: string): string[] {
  return (Object.keys(COUNT_LABELS) as Array<keyof Counts>).map((k) => `${label}: ${COUNT_LABELS[k]}: ${c[k]}`);
}

/** Call from the file's `after`: prints the file's counts and hands them to the runner, if any. */
export function reportCounts(file: string): void {
  for (const line of formatCounts(counts, file)) console.log(line);
  const target = process.env.OTS2OSS_FAULT_TALLY;
  if (target) appendFileSync(target, JSON.stringify({ file, ...counts }) + '\n');
}

/** FAULTS_LONG=1 (npm run test:faults) runs the long form: more crash points, rates and formats. */
export const LONG = process.env.FAULTS_LONG === '1';
