// Fault injection with the same rule shape as the Tablestore emulator: per-operation error rates
// with real OSS codes, added latency, and a limit on how many requests a rule affects.
// Set programmatically or with POST /_emulator/faults {"rules":[...]} (validated here).
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ERROR_STATUS, isErrorCode, OssError } from './errors.ts';
import { OPERATIONS } from './operations.ts';

export const faultRuleSchema = z
  .strictObject({
    /** An OSS operation name such as "PutObject", or "*" for every operation. */
    operation: z
      .union([z.literal('*'), z.enum(OPERATIONS)], { message: `must be "*" or an operation name: ${OPERATIONS.join(', ')}` })
      .default('*'),
    /** Share of matching requests that fail, 0 to 1. */
    errorRate: z.number().min(0, 'must be a share from 0 to 1').max(1, 'must be a share from 0 to 1').default(0),
    code: z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be an OSS error code such as ServiceUnavailable').default('ServiceUnavailable'),
    /** HTTP status; defaults to the one OSS uses for the code (ServiceUnavailable -> 503). */
    status: z.int().min(400).max(599).optional(),
    message: z.string().optional(),
    /** Added to every matching request the rule affects (failed or not). */
    latencyMs: z.int().min(0).max(120_000).default(0),
    /** How many requests the rule affects (fails or delays) before it goes quiet. */
    count: z.int().min(1).optional(),
    /** Only requests for this bucket. */
    bucket: z.string().optional(),
    /** Only requests for keys starting with this. */
    keyPrefix: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.status === undefined && !isErrorCode(rule.code)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: `"${rule.code}" is not a code the emulator knows: give its HTTP status` });
    }
  });

export const faultsConfigSchema = z.strictObject({
  /** Replaces the current rules. */
  rules: z.array(faultRuleSchema).optional(),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultsConfigInput = z.input<typeof faultsConfigSchema>;

interface ActiveRule extends FaultRule {
  remaining?: number;
}

export interface FaultTarget {
  operation: string;
  bucket?: string;
  key?: string;
}

/** A readable error naming each bad field of a fault rule or configuration. */
export function describeFaultIssues(error: z.ZodError): string {
  return `invalid OSS emulator faults: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(describeFaultIssues(parsed.error));
  return parsed.data;
}

export class OssFaults {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRuleInput): void {
    const parsed = parse(faultRuleSchema, rule);
    this.rules.push({ ...parsed, remaining: parsed.count });
  }

  /** Applies a configuration as POST /_emulator/faults does; throws naming each bad field. */
  configure(config: unknown): void {
    const parsed = parse(faultsConfigSchema, config);
    if (parsed.rules) this.rules = parsed.rules.map((r) => ({ ...r, remaining: r.count }));
  }

  clear(): void {
    this.rules = [];
  }

  state(): { rules: Array<FaultRule & { remaining?: number }> } {
    return { rules: this.rules.map((r) => ({ ...r })) };
  }

  /** Delays and/or throws as the first matching rule that affects this request says. */
  async apply(target: FaultTarget): Promise<void> {
    for (const rule of this.rules) {
      if (!this.matches(rule, target) || rule.remaining === 0) continue;
      const fails = rule.errorRate > 0 && this.random() < rule.errorRate;
      if (!fails && rule.latencyMs === 0) continue;
      if (rule.remaining !== undefined) rule.remaining--;
      if (rule.latencyMs > 0) await sleep(rule.latencyMs);
      if (fails) {
        const status = rule.status ?? (isErrorCode(rule.code) ? ERROR_STATUS[rule.code] : 500);
        throw new OssError(rule.code, rule.message ?? `Injected fault: ${rule.code}.`, {}, status);
      }
      return;
    }
  }

  private matches(rule: FaultRule, t: FaultTarget): boolean {
    if (rule.operation !== '*' && rule.operation !== t.operation) return false;
    if (rule.bucket !== undefined && rule.bucket !== t.bucket) return false;
    return rule.keyPrefix === undefined || (t.key ?? '').startsWith(rule.keyPrefix);
  }
}
