import TableStore from 'tablestore';
import type { ColumnDef } from '../core/row.ts';
import { conditions, sdkCall, type TablestoreTables } from '../tablestore/client.ts';
import { seededRandom } from '../util/random.ts';

// A realistic change workload written through the real SDK: puts, partial updates with deleted
// cells, deletes, and values that break naive exporters (delimiters, quotes, newlines, unicode,
// binary, big numbers, NaN). Deterministic for a given seed, so reruns compare byte for byte.

export interface WorkloadStep {
  kind: 'put' | 'update' | 'delete';
  key: number;
}

export interface WorkloadOptions {
  table: string;
  primaryKey: readonly ColumnDef[];
  rows: number;
  /** Called between writes; the demo advances its clock here and splits a shard halfway. */
  onStep?: (index: number, step: WorkloadStep) => Promise<void> | void;
  seed?: number;
}

const TRICKY_NOTES = [
  'plain',
  'comma, inside',
  'quote " inside',
  'line\nbreak',
  'tab\tand\r\nCRLF',
  '中文 ünïcödé 🚀',
  '',
  'x'.repeat(5000),
];

function keyValue(column: ColumnDef, key: number): unknown {
  if (column.type === 'int64') return TableStore.Long.fromNumber(key);
  if (column.type === 'binary') return Buffer.from([key & 0xff, (key >> 8) & 0xff, 0xfe]);
  return `k${String(key % 7).padStart(2, '0')}`;
}

function primaryKey(schema: readonly ColumnDef[], key: number): Array<Record<string, unknown>> {
  return schema.map((c, i) => ({ [c.name]: i === schema.length - 1 ? keyValue(c, key) : keyValue(c, key % 7) }));
}

/** Writes the workload; returns the steps taken, in order. */
export async function writeWorkload(tables: TablestoreTables, options: WorkloadOptions): Promise<WorkloadStep[]> {
  const random = seededRandom(options.seed ?? 42);
  const steps: WorkloadStep[] = [];
  const live = new Set<number>();
  for (let i = 0; i < options.rows; i++) {
    const existing = [...live];
    const roll = random();
    const step: WorkloadStep =
      existing.length > 3 && roll < 0.15 ? { kind: 'delete', key: existing[Math.floor(random() * existing.length)]! }
      : existing.length > 0 && roll < 0.45 ? { kind: 'update', key: existing[Math.floor(random() * existing.length)]! }
      : { kind: 'put', key: i + 1 };
    await options.onStep?.(i, step);
    const pk = primaryKey(options.primaryKey, step.key);
    if (step.kind === 'put') {
      live.add(step.key);
      await sdkCall('PutRow', () => tables.putRow({
        tableName: options.table, condition: conditions.ignore(), primaryKey: pk,
        attributeColumns: [
          { status: 'new' },
          { amount: step.key % 5 === 0 ? Number.NaN : (step.key * 13.37) % 1000 - 250 },
          { qty: TableStore.Long.fromString(step.key % 4 === 0 ? '9007199254740993' : String(-step.key)) },
          { note: TRICKY_NOTES[step.key % TRICKY_NOTES.length]! },
          { paid: step.key % 2 === 0 },
          { blob: Buffer.from([0xff, 0x00, 0xc3, 0x28, step.key & 0xff]) },
        ],
      }));
    } else if (step.kind === 'update') {
      await sdkCall('UpdateRow', () => tables.updateRow({
        tableName: options.table, condition: conditions.ignore(), primaryKey: pk,
        updateOfAttributeColumns: [
          { PUT: [{ status: random() < 0.5 ? 'paid' : 'shipped' }, { note: TRICKY_NOTES[Math.floor(random() * TRICKY_NOTES.length)]! }] },
          { DELETE_ALL: ['blob'] },
        ],
      }));
    } else {
      live.delete(step.key);
      await sdkCall('DeleteRow', () => tables.deleteRow({ tableName: options.table, condition: conditions.ignore(), primaryKey: pk }));
    }
    steps.push(step);
  }
  return steps;
}
