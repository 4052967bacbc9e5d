import { parseArgs, type ParseArgsConfig } from 'node:util';

// The shape every `ots2oss` command shares: its flags, its help text, and what it does.

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** Returns the process exit code. */
  run(values: Values, positionals: string[]): Promise<number>;
}

/** Exit codes, documented in README: scripts and alarms rely on them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3, verifyMismatch: 4, interrupted: 130 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseCommandArgs(command: Command, argv: string[]): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${command.usage}`);
  }
}

export function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredOption(values: Values, name: string, hint: string): string {
  const v = stringOption(values, name);
  if (!v) throw new UsageError(`--${name} is required: ${hint}`);
  return v;
}

export function intOption(values: Values, name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${v}"`);
  return n;
}

/** A whole number above zero (--max-windows, --timeout, ...): a count or a duration of none makes no sense. */
export function positiveIntOption(values: Values, name: string): number | undefined {
  const n = intOption(values, name);
  if (n !== undefined && n < 1) throw new UsageError(`--${name} must be a whole number above 0, got ${n}`);
  return n;
}
