// Fault injection both emulators share: which requests a rule affects, how many it may affect,
// the draw that decides whether one fails, and the /_emulator/faults admin answers. Each service
// keeps its own rule schema and error shape (OSS XML, Tablestore protobuf) in its faults.ts.
import { z } from 'zod';

/** Rule fields both services validate alike; each spreads them into its rule schema. */
export const sharedRuleFields = {
  /** HTTP status; defaults to the one the service uses for the code. */
  status: z.int().min(400).max(599).optional(),
  message: z.string().optional(),
  /** Added to every matching request the rule affects (failed or not). */
  latencyMs: z.int().min(0).max(120_000).default(0),
  /** How many requests the rule affects (fails or delays) before it goes quiet. */
  count: z.int().min(1).optional(),
};

/** What the shared rule book reads of a parsed rule. */
export interface RuleCore {
  /** An operation name, or "*" for every operation. */
  operation: string;
  errorRate: number;
  latencyMs: number;
  count?: number | undefined;
}

/** A rule as listed: with how many more requests it may affect when it has a count. */
export type CountedRule<R> = R & { remaining?: number | undefined };

/** The rule that affects a request, and whether the request fails (else it is only delayed). */
export interface Firing<R> {
  rule: R;
  fails: boolean;
}

/** The active rules of one emulator, in order; the first that affects a request wins. */
export class FaultRules<R extends RuleCore, T extends { operation: string }> {
  private rules: Array<CountedRule<R>> = [];

  /** `matches` narrows a rule beyond its operation (bucket, key prefix). */
  constructor(
    private readonly random: () => number,
    private readonly matches: (rule: R, target: T) => boolean = () => true,
  ) {}

  add(rule: R): void {
    this.rules.push({ ...rule, remaining: rule.count });
  }

  replace(rules: readonly R[]): void {
    this.rules = rules.map((r) => ({ ...r, remaining: r.count }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<CountedRule<R>> {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule that affects this request, counted against its limit; undefined when none does. */
  fire(target: T): Firing<R> | undefined {
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== target.operation) continue;
      if (!this.matches(rule, target) || rule.remaining === 0) continue;
      const fails = rule.errorRate > 0 && this.random() < rule.errorRate;
      if (!fails && rule.latencyMs === 0) continue;
      if (rule.remaining !== undefined) rule.remaining--;
      return { rule, fails };
    }
    return undefined;
  }
}

/** What the admin API needs of an emulator's faults. */
export interface FaultsAdmin {
  state(): unknown;
  clear(): void;
  configure(config: unknown): void;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

export interface AdminStyle {
  /** A valid POST body, quoted when the body is not JSON. */
  example: string;
  /** The 400 body for a configuration `configure` refused; rethrows what is not a refusal. */
  refused(error: unknown): unknown;
}

/** GET lists the rules, DELETE clears them, POST replaces them from a JSON body. */
export async function answerFaultsAdmin(
  faults: FaultsAdmin,
  method: string | undefined,
  readBody: () => Promise<Buffer>,
  style: AdminStyle,
): Promise<AdminAnswer> {
  if (method === 'GET') return { status: 200, body: faults.state() };
  if (method === 'DELETE') {
    faults.clear();
    return { status: 200, body: faults.state() };
  }
  if (method !== 'POST') return { status: 405, body: { error: 'use GET, POST or DELETE' } };
  let input: unknown;
  try {
    input = JSON.parse((await readBody()).toString('utf8') || '{}');
  } catch {
    return { status: 400, body: { error: `the body must be JSON such as ${style.example}` } };
  }
  try {
    faults.configure(input);
  } catch (error) {
    return { status: 400, body: style.refused(error) };
  }
  return { status: 200, body: faults.state() };
}
