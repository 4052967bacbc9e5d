import { formatBytes } from './report.ts';

// Progress of a long command on stderr: a bar redrawn in place on a terminal, one line per step
// otherwise (logs and CI keep every line). The estimate is this run's pace times what is left.

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Time left at this run's pace; unknown until one step has finished. */
export function estimateRemainingMs(doneThisRun: number, elapsedMs: number, remaining: number): number | undefined {
  if (doneThisRun <= 0) return undefined;
  return (elapsedMs / doneThisRun) * remaining;
}

export interface ProgressSnapshot {
  total: number;
  done: number;
  doneThisRun: number;
  elapsedMs: number;
  current?: string;
}

function etaText(s: ProgressSnapshot): string {
  const eta = estimateRemainingMs(s.doneThisRun, s.elapsedMs, s.total - s.done);
  return eta === undefined ? 'ETA --' : `ETA ${formatDuration(eta)}`;
}

/** `[#######.............]  12/48  25%  20261126T1100Z  ETA 3m20s` */
export function renderBar(s: ProgressSnapshot, width = 24): string {
  const ratio = s.total === 0 ? 1 : s.done / s.total;
  const filled = Math.round(ratio * width);
  const count = `${String(s.done).padStart(String(s.total).length)}/${s.total}`;
  const parts = [`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`, count, `${String(Math.floor(ratio * 100)).padStart(3)}%`];
  if (s.current) parts.push(s.current);
  parts.push(s.done === s.total ? `done in ${formatDuration(s.elapsedMs)}` : etaText(s));
  return parts.join('  ');
}

export interface StepFigures {
  id: string;
  records: number;
  rows: number;
  objects: number;
  bytes: number;
  durationMs: number;
}

/** One line per finished window, for logs. */
export function renderStepLine(s: ProgressSnapshot, step: StepFigures): string {
  const count = `${String(s.done).padStart(String(s.total).length)}/${s.total}`;
  return `[${count}] ${step.id}  ${step.records} records -> ${step.rows} rows, ${step.objects} object(s), ${formatBytes(step.bytes)}` +
    `  in ${(step.durationMs / 1000).toFixed(1)}s  ${s.done === s.total ? 'done' : etaText(s)}`;
}

export interface ProgressViewOptions {
  total: number;
  /** Steps already done before this run (a resumed backfill). */
  done: number;
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  width?: number;
}

export class ProgressView {
  private done: number;
  private doneThisRun = 0;
  private current?: string;
  private readonly startedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: ProgressViewOptions) {
    this.done = options.done;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  snapshot(): ProgressSnapshot {
    return { total: this.options.total, done: this.done, doneThisRun: this.doneThisRun, elapsedMs: this.now() - this.startedAt, current: this.current };
  }

  started(id: string): void {
    this.current = id;
    this.redraw();
  }

  finished(step: StepFigures): void {
    this.done++;
    this.doneThisRun++;
    this.current = undefined;
    if (this.options.tty) this.redraw();
    else this.options.write(renderStepLine(this.snapshot(), step) + '\n');
  }

  /** A message on its own line; the bar is drawn again below it. */
  note(message: string): void {
    if (this.options.tty) this.options.write('\r\x1b[K');
    this.options.write(message + '\n');
    this.redraw();
  }

  end(): void {
    if (this.options.tty) this.options.write('\n');
  }

  private redraw(): void {
    if (this.options.tty) this.options.write(`\r\x1b[K${renderBar(this.snapshot(), this.options.width)}`);
  }
}
