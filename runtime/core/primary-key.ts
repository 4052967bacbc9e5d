// Primary keys in the core: the table's key schema, checks of a record's key against it, a compact
// map key, and Tablestore's key order (integers numerically, strings and binaries bytewise in UTF-8).
import type { PrimaryKeyColumn } from './change.ts';
import type { ColumnDef } from './row.ts';

export type KeyType = 'int64' | 'string' | 'binary';

/** Checks the key schema a mapper is built with (from DescribeTable): 1-4 columns of key types. */
export function checkKeySchema(pkSchema: readonly ColumnDef[]): void {
  if (pkSchema.length < 1 || pkSchema.length > 4) throw new RangeError(`a Tablestore primary key has 1 to 4 columns, got ${pkSchema.length}`);
  const seen = new Set<string>();
  for (const col of pkSchema) {
    if (col.type !== 'int64' && col.type !== 'string' && col.type !== 'binary') {
      throw new RangeError(`primary-key column ${col.name} has type ${col.type}; key columns are int64, string or binary`);
    }
    if (seen.has(col.name)) throw new RangeError(`primary-key column ${col.name} appears twice`);
    seen.add(col.name);
  }
}

function typeOfKeyValue(v: PrimaryKeyColumn['value']): KeyType {
  return typeof v === 'bigint' ? 'int64' : typeof v === 'string' ? 'string' : 'binary';
}

/** Null when the record's key fits the schema, else what is wrong. */
export function keyMismatch(pk: readonly PrimaryKeyColumn[], pkSchema: readonly ColumnDef[]): string | null {
  if (pk.length !== pkSchema.length) return `has ${pk.length} primary-key columns, the table has ${pkSchema.length}`;
  for (let i = 0; i < pk.length; i++) {
    const col = pk[i] as PrimaryKeyColumn;
    const def = pkSchema[i] as ColumnDef;
    if (col.name !== def.name) return `primary-key column ${i + 1} is ${col.name}, the table's is ${def.name}`;
    if (typeOfKeyValue(col.value) !== def.type) return `primary-key column ${col.name} holds ${typeOfKeyValue(col.value)}, the table's type is ${def.type}`;
  }
  return null;
}

/** A string identifying the key, for Maps. Length prefixes keep it unambiguous whatever the values hold. */
export function keyString(pk: readonly PrimaryKeyColumn[]): string {
  let out = '';
  for (let i = 0; i < pk.length; i++) {
    const v = (pk[i] as PrimaryKeyColumn).value;
    if (typeof v === 'bigint') out += `i${v};`;
    else if (typeof v === 'string') out += `s${v.length}:${v}`;
    else out += `b${v.length}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1')}`;
  }
  return out;
}

/** Code-point order, which is UTF-8 byte order (plain `<` compares UTF-16 units and differs above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP unit at or above U+E000.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

export function compareKeys(a: readonly PrimaryKeyColumn[], b: readonly PrimaryKeyColumn[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = (a[i] as PrimaryKeyColumn).value;
    const y = (b[i] as PrimaryKeyColumn).value;
    let c: number;
    if (typeof x === 'bigint' && typeof y === 'bigint') c = x < y ? -1 : x > y ? 1 : 0;
    else if (typeof x === 'string' && typeof y === 'string') c = compareStrings(x, y);
    else if (x instanceof Uint8Array && y instanceof Uint8Array) c = compareBytes(x, y);
    else throw new TypeError(`primary-key column ${(a[i] as PrimaryKeyColumn).name} mixes value types`);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
