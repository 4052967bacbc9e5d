// Primary keys: schema checks, ordering, map keys and the partition hash that picks a shard.

import type { PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import { isPkSentinel, type PkValue, type PlainBufferPrimaryKeyColumn } from '../../../runtime/tablestore/plainbuffer/index.ts';
import { invalid } from '../errors.ts';

export type PkType = 'INTEGER' | 'STRING' | 'BINARY';

export interface PkSchema {
  name: string;
  type: PkType;
  autoIncrement: boolean;
}

/** exact: GetRow/UpdateRow/DeleteRow; put: AUTO_INCREMENT placeholders allowed; range: INF_MIN/INF_MAX allowed. */
export type KeyMode = 'exact' | 'put' | 'range';

function wireTypeName(v: PkValue): string {
  if (typeof v === 'bigint') return 'VT_INTEGER';
  if (typeof v === 'string') return 'VT_STRING';
  if (v instanceof Uint8Array) return 'VT_BLOB';
  return `VT_${v.sentinel}`;
}

const SCHEMA_WIRE: Record<PkType, string> = { INTEGER: 'VT_INTEGER', STRING: 'VT_STRING', BINARY: 'VT_BLOB' };

export function checkPrimaryKey(schema: readonly PkSchema[], pk: readonly PlainBufferPrimaryKeyColumn[], mode: KeyMode): void {
  if (pk.length !== schema.length) throw invalid(`Validate PK size fail. Input: ${pk.length}, Meta: ${schema.length}.`);
  for (let i = 0; i < schema.length; i++) {
    const s = schema[i]!;
    const c = pk[i]!;
    if (c.name !== s.name) throw invalid(`Validate PK name fail. Input: ${c.name}, Meta: ${s.name}.`);
    const v = c.value;
    if (isPkSentinel(v)) {
      const ok = mode === 'range' ? v.sentinel !== 'AUTO_INCREMENT' : mode === 'put' && v.sentinel === 'AUTO_INCREMENT' && s.autoIncrement;
      if (!ok) throw invalid(`Validate PK type fail. Input: ${wireTypeName(v)}, Meta: ${SCHEMA_WIRE[s.type]}.`);
      continue;
    }
    if (wireTypeName(v) !== SCHEMA_WIRE[s.type]) {
      throw invalid(`Validate PK type fail. Input: ${wireTypeName(v)}, Meta: ${SCHEMA_WIRE[s.type]}.`);
    }
    if (typeof v === 'string' && Buffer.byteLength(v) > 1024) throw invalid(`The length of primary key column: '${s.name}' exceeds the MaxLength: 1024.`);
  }
}

function rank(v: PkValue): number {
  return isPkSentinel(v) ? (v.sentinel === 'INF_MIN' ? -1 : 1) : 0;
}

export function compareValues(a: PkValue, b: PkValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== 0 || rb !== 0) return ra - rb;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // Strings order by their UTF-8 bytes, as the service stores them.
  const ba = typeof a === 'string' ? Buffer.from(a, 'utf8') : (a as Uint8Array);
  const bb = typeof b === 'string' ? Buffer.from(b, 'utf8') : (b as Uint8Array);
  return Buffer.compare(ba, bb);
}

export function compareKeys(a: readonly { value: PkValue }[], b: readonly { value: PkValue }[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareValues(a[i]!.value, b[i]!.value);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** A Map key for an exact primary key. */
export function keyString(pk: readonly PrimaryKeyColumn[]): string {
  return pk
    .map((c) =>
      typeof c.value === 'bigint' ? `i${c.value}` : typeof c.value === 'string' ? `s${JSON.stringify(c.value)}` : `b${Buffer.from(c.value).toString('hex')}`,
    )
    .join('\u0000');
}

/** FNV-1a over the partition key (the first primary-key column): rows of one partition key share a shard. */
export function partitionHash(pk: readonly PrimaryKeyColumn[]): number {
  const v = pk[0]!.value;
  const bytes = typeof v === 'bigint' ? Buffer.from(`i${v}`) : typeof v === 'string' ? Buffer.from(`s${v}`, 'utf8') : Buffer.concat([Buffer.from('b'), v]);
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // FNV-1a leaves the high bits of short, similar keys alike; shards split on them, so mix (murmur3 fmix32).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The exact key, once checked to hold no sentinels. */
export function exactKey(pk: readonly PlainBufferPrimaryKeyColumn[]): PrimaryKeyColumn[] {
  return pk.map((c) => {
    if (isPkSentinel(c.value)) throw invalid(`Validate PK type fail. Input: VT_${c.value.sentinel}.`);
    return { name: c.name, value: c.value };
  });
}
