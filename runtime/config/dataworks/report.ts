// What a translation collects: the problems that stop it and the report of every field found.
import type { z } from 'zod';
import { issuePath } from '../validation.ts';

export type FieldStatus = 'mapped' | 'ignored' | 'unsupported';

export interface ReportEntry {
  field: string;
  status: FieldStatus;
  note: string;
}

export class Translation {
  readonly problems: string[] = [];
  readonly report: ReportEntry[] = [];
  /** What a user of the converted job must know beyond the field-by-field report. */
  readonly notes: string[] = [];
  /** The fields that held AccessKeys (values, not scheduling parameters): dropped from the job. */
  readonly keyFields: string[] = [];
  /** Native job path -> the DataWorks field it came from, to name that field when jobSchema objects. */
  readonly origin = new Map<string, string>();

  note(field: string, status: FieldStatus, note: string): void {
    this.report.push({ field, status, note });
  }

  problem(field: string, message: string): void {
    this.problems.push(`${field}: ${message}`);
  }

  check<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const sub = issue.path.length ? issuePath(issue.path) : '';
      this.problem(sub ? `${field}${sub.startsWith('[') ? '' : '.'}${sub}` : field, issue.message);
    }
    return undefined;
  }
}

/** One parameter object; remembers which keys were read so the rest can be reported. */
export class Params {
  private readonly used = new Set<string>();
  constructor(private readonly t: Translation, readonly path: string, private readonly raw: Record<string, unknown>) {}

  field(key: string): string {
    return `${this.path}.${key}`;
  }

  isSet(key: string): boolean {
    return Object.hasOwn(this.raw, key);
  }

  /** Present, not null, and not an empty string. */
  has(key: string): boolean {
    const v = this.raw[key];
    return Object.hasOwn(this.raw, key) && v !== undefined && v !== null && v !== '';
  }

  read(key: string): unknown {
    this.used.add(key);
    return this.raw[key];
  }

  /** The key's value checked by the schema; undefined when absent, empty (reported as ignored) or invalid. */
  take<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    this.used.add(key);
    if (this.has(key)) return this.t.check(schema, this.raw[key], this.field(key));
    if (Object.hasOwn(this.raw, key)) this.t.note(this.field(key), 'ignored', 'empty');
    return undefined;
  }

  /** Reports each key present with the given status and note. */
  mark(keys: string[], status: FieldStatus, note: string): void {
    for (const key of keys) {
      if (!Object.hasOwn(this.raw, key)) continue;
      this.used.add(key);
      this.t.note(this.field(key), status, note);
    }
  }

  /** Reports every key not read as unsupported. */
  rest(what: string): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.used.has(key)) this.t.note(this.field(key), 'unsupported', `not a ${what} field ots2oss knows; it has no effect`);
    }
  }
}
