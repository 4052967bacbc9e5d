import type { RunSummary } from '../export/exporter.ts';

// Human-readable lines for terminal output; `--json` prints the same data for scripts.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatSummary(s: RunSummary): string {
  const lines = [
    `job ${s.job}: ${s.ok ? 'ok' : 'FAILED'}, stopped because ${s.stoppedBecause}, ${s.windows.length} window(s) in ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const w of s.windows) {
    lines.push(`  ${w.id}  ${w.records} records -> ${w.rows} rows in ${w.objects} object(s), ${formatBytes(w.bytes)}${w.rejected ? `, ${w.rejected} rejected` : ''}`);
  }
  lines.push(`  total ${s.records} records, ${s.rows} rows, ${s.objects} objects, ${formatBytes(s.bytes)}, ${s.retries} retries`);
  if (s.lastCompleteWindow) lines.push(`  last complete window ${s.lastCompleteWindow}, lag ${s.lagSeconds} s`);
  if (s.error) lines.push(`  error: ${s.error.name}: ${s.error.message}`);
  return lines.join('\n');
}
