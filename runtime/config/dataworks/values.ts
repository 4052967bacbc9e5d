// Value schemas: DataWorks writes numbers and booleans as strings as often as not.
import { z } from 'zod';

export const text = z.string({ error: 'must be a string' });
export const nonEmpty = text.trim().min(1, 'must not be empty');
export const intLike = z.union([z.int(), z.string().trim().regex(/^-?\d+$/).transform(Number)], { error: 'must be a whole number (or a string of digits)' });
export const numberLike = z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)], { error: 'must be a number (or a string of one)' });
export const boolLike = z.union(
  [z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(['true', 'false'])).transform((v) => v === 'true')],
  { error: 'must be true or false' },
);
export const objectLike = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/** `${startTime}`, `$[yyyymmdd]`, `$bizdate`: filled in by the DataWorks scheduler. */
export function isSchedulingParameter(value: unknown): value is string {
  return typeof value === 'string' && /\$(\{[^}]*\}|\[[^\]]*\]|[A-Za-z_]\w*)/.test(value);
}
