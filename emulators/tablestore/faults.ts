// Fault injection: per-operation error rates with the real error codes, added latency, a limit
// on how many requests a rule affects, and a delay before committed records become readable.
// Set programmatically or with POST /_emulator/faults (validated here).

import { z } from 'zod';
import { otsError, OtsError, STATUS_BY_CODE } from './errors.ts';

export const faultRuleSchema = z.strictObject({
  /** Operation name such as GetStreamRecord, or "*" for all. */
  operation: z.string().min(1).default('*'),
  /** Share of matching requests that fail, 0 to 1. */
  errorRate: z.number().min(0).max(1).default(0),
  code: z.string().regex(/^OTS[A-Za-z0-9]+$/, 'must be a Tablestore error code such as OTSServerBusy').default('OTSServerBusy'),
  /** HTTP status; defaults to the one the service uses for the code. */
  status: z.int().min(400).max(599).optional(),
  message: z.string().optional(),
  latencyMs: z.int().min(0).max(120_000).default(0),
  /** How many requests the rule affects (fails or delays) before it goes quiet. */
  count: z.int().min(1).optional(),
});

export const faultsConfigSchema = z.strictObject({
  /** Replaces the current rules. */
  rules: z.array(faultRuleSchema).optional(),
  visibilityDelayMs: z.int().min(0).max(86_400_000).optional(),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultsConfigInput = z.input<typeof faultsConfigSchema>;

interface ActiveRule extends FaultRule {
  remaining?: number;
}

export interface FaultDecision {
  latencyMs: number;
  error?: OtsError;
}

export class TablestoreFaults {
  private rules: ActiveRule[] = [];
  /** Milliseconds between a commit and its stream records becoming readable. */
  visibilityDelayMs = 0;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRuleInput): void {
    const parsed = faultRuleSchema.parse(rule);
    this.rules.push({ ...parsed, remaining: parsed.count });
  }

  /** Applies a configuration as POST /_emulator/faults does; throws a ZodError on bad input. */
  configure(config: unknown): void {
    const parsed = faultsConfigSchema.parse(config);
    if (parsed.rules) this.rules = parsed.rules.map((r) => ({ ...r, remaining: r.count }));
    if (parsed.visibilityDelayMs !== undefined) this.visibilityDelayMs = parsed.visibilityDelayMs;
  }

  clear(): void {
    this.rules = [];
    this.visibilityDelayMs = 0;
  }

  state(): { rules: Array<FaultRule & { remaining?: number }>; visibilityDelayMs: number } {
    return { rules: this.rules.map((r) => ({ ...r })), visibilityDelayMs: this.visibilityDelayMs };
  }

  /** Decides the fate of one request: the first matching rule that fires wins. */
  decide(operation: string): FaultDecision {
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.remaining === 0) continue;
      const fails = rule.errorRate > 0 && this.random() < rule.errorRate;
      if (!fails && rule.latencyMs === 0) continue;
      if (rule.remaining !== undefined) rule.remaining--;
      const decision: FaultDecision = { latencyMs: rule.latencyMs };
      if (fails) {
        const base = otsError(rule.code, rule.message ?? `Injected fault: ${rule.code}.`);
        decision.error = new OtsError(rule.code, rule.status ?? STATUS_BY_CODE[rule.code] ?? base.status, base.message);
      }
      return decision;
    }
    return { latencyMs: 0 };
  }
}
