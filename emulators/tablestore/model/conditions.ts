// Column conditions and filters (filter.proto): compiled once per request into a predicate over
// a row's visible column versions.

import type { CellValue } from '../../../runtime/core/change.ts';
import { decodeVariant, isPkSentinel } from '../../../runtime/tablestore/plainbuffer/index.ts';
import { decodeMessage } from '../../../runtime/tablestore/protocol/protobuf.ts';
import { invalid } from '../errors.ts';
import { ColumnPaginationFilter, CompositeColumnValueFilter, Filter, SingleColumnValueFilter } from '../messages.ts';

/** Versions of a column, newest first; empty when the row lacks it. */
export type ColumnLookup = (name: string) => readonly CellValue[];
export type RowPredicate = (columns: ColumnLookup) => boolean;

export interface CompiledFilter {
  predicate?: RowPredicate;
  pagination?: { offset: number; limit: number };
}

const FT_SINGLE = 1;
const FT_COMPOSITE = 2;
const FT_PAGINATION = 3;
const LO_NOT = 1;
const LO_AND = 2;
const LO_OR = 3;

function orderOf(a: CellValue, b: CellValue): number | undefined {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

function compares(comparator: number, actual: CellValue, expected: CellValue): boolean {
  const o = orderOf(actual, expected);
  if (o === undefined) return comparator === 2;
  switch (comparator) {
    case 1:
      return o === 0;
    case 2:
      return o !== 0;
    case 3:
      return o > 0;
    case 4:
      return o >= 0;
    case 5:
      return o < 0;
    case 6:
      return o <= 0;
    default:
      throw invalid(`Invalid comparator type: ${comparator}.`);
  }
}

function compileSingle(bytes: Uint8Array): RowPredicate {
  const f = decodeMessage(SingleColumnValueFilter, bytes, 'SingleColumnValueFilter');
  const expected = decodeVariant(f.columnValue);
  if (expected === null || isPkSentinel(expected)) throw invalid('The column value of a column condition must be a plain value.');
  if (f.comparator < 1 || f.comparator > 6) throw invalid(`Invalid comparator type: ${f.comparator}.`);
  return (columns) => {
    const versions = columns(f.columnName);
    if (versions.length === 0) return !f.filterIfMissing;
    if (f.latestVersionOnly) return compares(f.comparator, versions[0]!, expected);
    return versions.some((v) => compares(f.comparator, v, expected));
  };
}

function compilePredicate(type: number, bytes: Uint8Array): RowPredicate {
  if (type === FT_SINGLE) return compileSingle(bytes);
  if (type !== FT_COMPOSITE) throw invalid(`Invalid filter type in a composite condition: ${type}.`);
  const c = decodeMessage(CompositeColumnValueFilter, bytes, 'CompositeColumnValueFilter');
  const subs = c.subFilters.map((s) => compilePredicate(s.type, s.filter));
  if (c.combinator === LO_NOT) {
    if (subs.length !== 1) throw invalid('The NOT combinator takes exactly one sub condition.');
    const only = subs[0]!;
    return (columns) => !only(columns);
  }
  if (subs.length < 2) throw invalid('The AND and OR combinators take at least two sub conditions.');
  if (c.combinator === LO_AND) return (columns) => subs.every((s) => s(columns));
  if (c.combinator === LO_OR) return (columns) => subs.some((s) => s(columns));
  throw invalid(`Invalid logical operator: ${c.combinator}.`);
}

/** A serialized Filter; pagination is accepted only where reads allow it. */
export function compileFilter(bytes: Uint8Array, allowPagination: boolean): CompiledFilter {
  const filter = decodeMessage(Filter, bytes, 'Filter');
  if (filter.type === FT_PAGINATION) {
    if (!allowPagination) throw invalid('ColumnPaginationFilter is not allowed in a condition.');
    const p = decodeMessage(ColumnPaginationFilter, filter.filter, 'ColumnPaginationFilter');
    if (p.offset < 0 || p.limit < 0) throw invalid('ColumnPaginationFilter offset and limit must not be negative.');
    return { pagination: { offset: p.offset, limit: p.limit } };
  }
  return { predicate: compilePredicate(filter.type, filter.filter) };
}
