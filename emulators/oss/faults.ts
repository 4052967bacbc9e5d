// Fault injection: per-operation error rates, added latency and firing counts, set from tests in-process
// or over HTTP (POST /_emulator/faults).
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ERROR_STATUS, isErrorCode, OssError } from './errors.ts';
import { OPERATIONS } from './operations.ts';

export const faultSchema = z
  .strictObject({
    /** An OSS operation name such as "PutObject", or "*" for every operation. */
    operation: z.union([z.literal('*'), z.enum(OPERATIONS)], {
      message: `must be "*" or an operation name: ${OPERATIONS.join(', ')}`,
    }),
    /** Probability (0..1) that a matching request is hit. */
    rate: z.number().min(0, 'must be a probability from 0 to 1').max(1, 'must be a probability from 0 to 1').default(1),
    /** OSS error code to answer with; leave unset for a latency-only fault. */
    code: z.string().min(1).optional(),
    /** HTTP status; defaults to the code's usual status (ServiceUnavailable -> 503). */
    status: z.int().min(400).max(599).optional(),
    message: z.string().optional(),
    /** Delay before answering (or before handling, for a latency-only fault). */
    latencyMs: z.int().min(0).max(600_000).optional(),
    /** Fire at most this many times, then disappear. */
    count: z.int().min(1).optional(),
    /** Only requests for this bucket. */
    bucket: z.string().optional(),
    /** Only requests for keys starting with this. */
    keyPrefix: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.code === undefined && f.latencyMs === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a fault needs a code (an error to return) or latencyMs (a delay), or both' });
    }
    if (f.code !== undefined && f.status === undefined && !isErrorCode(f.code)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: `"${f.code}" is not a code the emulator knows: give its HTTP status` });
    }
  });

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: string; fired: number };

export interface FaultTarget {
  operation: string;
  bucket?: string;
  key?: string;
}

export class Faults {
  private readonly active: Fault[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates a fault description; throws an error naming each bad field. */
  parse(input: FaultInput | unknown): z.output<typeof faultSchema> {
    const parsed = faultSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ');
      throw new Error(`invalid OSS emulator fault: ${issues}`);
    }
    return parsed.data;
  }

  /** Validates and installs a fault; returns it with its id. */
  add(input: FaultInput | unknown): Fault {
    const fault: Fault = { ...this.parse(input), id: String(this.nextId++), fired: 0 };
    this.active.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const index = this.active.findIndex((f) => f.id === id);
    if (index >= 0) this.active.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.active.length = 0;
  }

  list(): Fault[] {
    return this.active.map((f) => ({ ...f }));
  }

  /** Waits and/or throws as the first matching fault that fires says. */
  async apply(target: FaultTarget): Promise<void> {
    const fault = this.active.find((f) => this.matches(f, target) && this.random() < f.rate);
    if (!fault) return;
    fault.fired++;
    if (fault.count !== undefined && fault.fired >= fault.count) this.remove(fault.id);
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.code !== undefined) {
      const status = fault.status ?? (isErrorCode(fault.code) ? ERROR_STATUS[fault.code] : 500);
      throw new OssError(fault.code, fault.message ?? `Injected fault: ${fault.code}.`, {}, status);
    }
  }

  private matches(f: Fault, t: FaultTarget): boolean {
    if (f.operation !== '*' && f.operation !== t.operation) return false;
    if (f.bucket !== undefined && f.bucket !== t.bucket) return false;
    if (f.keyPrefix !== undefined && !(t.key ?? '').startsWith(f.keyPrefix)) return false;
    return true;
  }
}
