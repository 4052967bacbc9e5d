import type { OutputValue } from '../core/row.ts';
import type { FormatOptions } from './types.ts';
import { bufferOf } from '../util/bytes.ts';

// How single values turn into text. Doubles follow what DataWorks' OSS writer prints (DataX renders a
// double as `new BigDecimal(Double.toString(d)).toPlainString()`), so migrated readers see the same text.

/**
 * A double as DataX writes it: Java's Double.toString digits (shortest round-trip, Java 19+ rules),
 * expanded to plain notation without an exponent: 1.5 → "1.5", 100 → "100.0", 1e10 → "10000000000",
 * 1e-5 → "0.000010", 5e-324 → "0.000…49". DataX fails on NaN and ±Infinity and prints -0 as "0.0";
 * here they are "NaN", "Infinity", "-Infinity" (Java's spellings) and "-0.0".
 */
export function javaDouble(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = x < 0 ? -x : x;
  // Java prints this range in decimal form, with the same digits as JavaScript and at least one decimal.
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  return plainFromScientific(x);
}

function plainFromScientific(x: number): string {
  let sci = x.toExponential();
  let e = sci.indexOf('e');
  const negative = sci.charCodeAt(0) === 45;
  let mantissa = sci.slice(negative ? 1 : 0, e).replace('.', '');
  if (mantissa.length === 1) {
    // Java picks, among 2-digit decimals that round to x, the closest one (4.9E-324, not 5E-324).
    const two = x.toExponential(1);
    if (Number(two) === x) {
      sci = two;
      e = sci.indexOf('e');
      mantissa = sci.slice(negative ? 1 : 0, e).replace('.', '');
    } else {
      mantissa += '0';
    }
  }
  const exponent = Number(sci.slice(e + 1));
  // BigDecimal(d.ddd E n).toPlainString(): unscaled digits `mantissa`, scale (digits after the point) - n.
  const scale = mantissa.length - 1 - exponent;
  let plain: string;
  if (scale <= 0) plain = mantissa + '0'.repeat(-scale);
  else if (mantissa.length > scale) plain = `${mantissa.slice(0, mantissa.length - scale)}.${mantissa.slice(mantissa.length - scale)}`;
  else plain = `0.${'0'.repeat(scale - mantissa.length)}${mantissa}`;
  return negative ? '-' + plain : plain;
}

/** A finite double as a JSON number that still reads as a double (1 → "1.0", -0 → "-0.0"). */
export function jsonDouble(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const s = String(x);
  return Number.isInteger(x) && s.indexOf('e') < 0 ? s + '.0' : s;
}

/** Binary as text: base64, or UTF-8 with every invalid sequence replaced by U+FFFD (as Java's String does). */
export function binaryText(bytes: Uint8Array, encoding: FormatOptions['binaryEncoding']): string {
  return bufferOf(bytes).toString(encoding === 'base64' ? 'base64' : 'utf8');
}

/** Any non-null value as plain text, by its runtime type (used for `any` columns and type-free formats). */
export function valueText(value: Exclude<OutputValue, null>, encoding: FormatOptions['binaryEncoding']): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return javaDouble(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return binaryText(value, encoding);
  }
}

/** Epoch milliseconds from a timestamp value, or undefined when it is not a usable instant. */
export function epochMillis(value: OutputValue): number | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : NaN;
  return Number.isInteger(ms) && ms >= -8.64e15 && ms <= 8.64e15 ? ms : undefined;
}
