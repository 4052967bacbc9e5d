// Fault injection (rule book shared with the OSS emulator, see ../faults.ts): per-operation error
// rates with the real error codes, added latency, a limit on how many requests a rule affects, a
// delay before committed records become readable, and the paged answers the real service may give
// (a timestamp seek over several GetShardIterator calls, short or empty GetStreamRecord pages).
// Set programmatically or with POST /_emulator/faults (validated here).

import { z } from 'zod';
import { FaultRules, sharedRuleFields, type CountedRule } from '../faults.ts';
import { otsError, OtsError, STATUS_BY_CODE } from './errors.ts';

export const faultRuleSchema = z.strictObject({
  /** Operation name such as GetStreamRecord, or "*" for all. */
  operation: z.string().min(1).default('*'),
  /** Share of matching requests that fail, 0 to 1. */
  errorRate: z.number().min(0).max(1).default(0),
  code: z.string().regex(/^OTS[A-Za-z0-9]+$/, 'must be a Tablestore error code such as OTSServerBusy').default('OTSServerBusy'),
  /** status, message, latencyMs, count. */
  ...sharedRuleFields,
});

export const faultsConfigSchema = z.strictObject({
  /** Replaces the current rules. */
  rules: z.array(faultRuleSchema).optional(),
  visibilityDelayMs: z.int().min(0).max(86_400_000).optional(),
  /** Calls a GetShardIterator with a timestamp takes (1: answered at once). */
  seekSteps: z.int().min(1).max(10_000).optional(),
  /** Most records one GetStreamRecord returns, whatever its limit (0: no cap). */
  maxRecordsPerRead: z.int().min(0).max(1000).optional(),
  /** Share of GetStreamRecord calls that return no records though some are readable. */
  emptyReadRate: z.number().min(0).lt(1, 'must be below 1, or no read would ever return a record').optional(),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultsConfigInput = z.input<typeof faultsConfigSchema>;

export interface FaultDecision {
  latencyMs: number;
  error?: OtsError;
}

export class TablestoreFaults {
  private readonly rules: FaultRules<FaultRule, { operation: string }>;
  /** Milliseconds between a commit and its stream records becoming readable. */
  visibilityDelayMs = 0;
  /**
   * Calls a timestamp seek takes: the first answers an empty iterator and a next_token, the ones
   * between an iterator short of the target (the shard's oldest kept record), the last the iterator.
   */
  seekSteps = 1;
  /** Caps every GetStreamRecord page (may_more_record true when records remain); 0: no cap. */
  maxRecordsPerRead = 0;
  /** Share of GetStreamRecord calls answered with no records, the same position and may_more_record true. */
  emptyReadRate = 0;

  /** The draw behind errorRate; replace it with a seeded one to replay a run. */
  random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
    // Read at each draw, so a generator set after construction takes effect.
    this.rules = new FaultRules(() => this.random());
  }

  add(rule: FaultRuleInput): void {
    this.rules.add(faultRuleSchema.parse(rule));
  }

  /** Applies a configuration as POST /_emulator/faults does; throws a ZodError on bad input. */
  configure(config: unknown): void {
    const parsed = faultsConfigSchema.parse(config);
    if (parsed.rules) this.rules.replace(parsed.rules);
    if (parsed.visibilityDelayMs !== undefined) this.visibilityDelayMs = parsed.visibilityDelayMs;
    if (parsed.seekSteps !== undefined) this.seekSteps = parsed.seekSteps;
    if (parsed.maxRecordsPerRead !== undefined) this.maxRecordsPerRead = parsed.maxRecordsPerRead;
    if (parsed.emptyReadRate !== undefined) this.emptyReadRate = parsed.emptyReadRate;
  }

  clear(): void {
    this.rules.clear();
    this.visibilityDelayMs = 0;
    this.seekSteps = 1;
    this.maxRecordsPerRead = 0;
    this.emptyReadRate = 0;
  }

  state(): { rules: Array<CountedRule<FaultRule>>; visibilityDelayMs: number; seekSteps: number; maxRecordsPerRead: number; emptyReadRate: number } {
    const { visibilityDelayMs, seekSteps, maxRecordsPerRead, emptyReadRate } = this;
    return { rules: this.rules.list(), visibilityDelayMs, seekSteps, maxRecordsPerRead, emptyReadRate };
  }

  /** Whether this GetStreamRecord comes back empty (emptyReadRate), drawn like errorRate. */
  emptyRead(): boolean {
    return this.emptyReadRate > 0 && this.random() < this.emptyReadRate;
  }

  /** Decides the fate of one request: the first matching rule that fires wins. */
  decide(operation: string): FaultDecision {
    const firing = this.rules.fire({ operation });
    if (!firing) return { latencyMs: 0 };
    const { rule } = firing;
    const decision: FaultDecision = { latencyMs: rule.latencyMs };
    if (firing.fails) {
      const base = otsError(rule.code, rule.message ?? `Injected fault: ${rule.code}.`);
      decision.error = new OtsError(rule.code, rule.status ?? STATUS_BY_CODE[rule.code] ?? base.status, base.message);
    }
    return decision;
  }
}
