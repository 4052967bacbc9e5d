// Fault injection with the same rule shape as the Tablestore emulator (see ../faults.ts): per-operation
// error rates with real OSS codes, added latency, and a limit on how many requests a rule affects.
// Set programmatically or with POST /_emulator/faults {"rules":[...]} (validated here).
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { FaultRules, sharedRuleFields, type CountedRule } from '../faults.ts';
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
    /** status (ServiceUnavailable -> 503 by default), message, latencyMs, count. */
    ...sharedRuleFields,
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

function inScope(rule: FaultRule, t: FaultTarget): boolean {
  if (rule.bucket !== undefined && rule.bucket !== t.bucket) return false;
  return rule.keyPrefix === undefined || (t.key ?? '').startsWith(rule.keyPrefix);
}

export class OssFaults {
  private readonly rules: FaultRules<FaultRule, FaultTarget>;

  /** The draw behind errorRate; replace it with a seeded one to replay a run. */
  random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
    // Read at each draw, so a generator set after construction takes effect.
    this.rules = new FaultRules(() => this.random(), inScope);
  }

  add(rule: FaultRuleInput): void {
    this.rules.add(parse(faultRuleSchema, rule));
  }

  /** Applies a configuration as POST /_emulator/faults does; throws naming each bad field. */
  configure(config: unknown): void {
    const parsed = parse(faultsConfigSchema, config);
    if (parsed.rules) this.rules.replace(parsed.rules);
  }

  clear(): void {
    this.rules.clear();
  }

  state(): { rules: Array<CountedRule<FaultRule>> } {
    return { rules: this.rules.list() };
  }

  /** Delays and/or throws as the first matching rule that affects this request says. */
  async apply(target: FaultTarget): Promise<void> {
    const firing = this.rules.fire(target);
    if (!firing) return;
    const { rule } = firing;
    if (rule.latencyMs > 0) await sleep(rule.latencyMs);
    if (firing.fails) {
      const status = rule.status ?? (isErrorCode(rule.code) ? ERROR_STATUS[rule.code] : 500);
      throw new OssError(rule.code, rule.message ?? `Injected fault: ${rule.code}.`, {}, status);
    }
  }
}
