// Plain-text tables for terminal output: columns padded to their widest cell, numbers right-aligned.

export type Cell = string | number | undefined;

export function formatTable(headers: string[], rows: Cell[][], indent = '  '): string {
  const text = rows.map((row) => headers.map((_, i) => (row[i] === undefined ? '-' : String(row[i]))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === undefined));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    indent + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...text.map(line)].join('\n');
}
