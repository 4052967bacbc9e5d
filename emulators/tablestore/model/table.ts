// One table: schema, options, rows, and the stream its writes feed. Writes are applied one row
// at a time (conditions checked first) and then committed together, which is where sequence
// info is assigned: one commit timestamp per commit, row indexes per shard within it.

import type { ActionType, CellValue, ChangeCell, ChangeRecord, PrimaryKeyColumn } from '../../../runtime/core/change.ts';
import {
  encodeRow,
  isPkSentinel,
  type PlainBufferCell,
  type PlainBufferPrimaryKeyColumn,
  type PlainBufferRow,
} from '../../../runtime/tablestore/plainbuffer/index.ts';
import { actionToWire } from '../../../runtime/tablestore/stream-records.ts';
import { conditionFailed, invalid } from '../errors.ts';
import type { RowPredicate } from './conditions.ts';
import { checkPrimaryKey, partitionHash, type PkSchema } from './keys.ts';
import { columnLookup, readRow, rowExists, RowStore, type StoredRow, type Version } from './rows.ts';
import { StreamLog, type StreamSnapshot } from './stream.ts';

export const EPOCH = 1;

export interface TableOptionsState {
  /** Seconds; -1 keeps data forever. */
  ttlSeconds: number;
  maxVersions: number;
  /** Largest allowed distance between a written cell's timestamp and now, in seconds. */
  deviationSeconds: number;
  allowUpdate: boolean;
}

export interface WriteCondition {
  rowExistence: number; // IGNORE 0, EXPECT_EXIST 1, EXPECT_NOT_EXIST 2
  column?: RowPredicate;
}

/** A row write applied to the table and waiting for its commit (stream record). */
export interface RowChange {
  action: ActionType;
  pk: PrimaryKeyColumn[];
  cells: PlainBufferCell[];
  /** What ReturnContent asked for, if anything. */
  returned?: PlainBufferRow;
}

export interface TableSnapshot {
  name: string;
  schema: PkSchema[];
  options: TableOptionsState;
  reserved: { read: number; write: number };
  createdAtMicros: number;
  lastEnableTimeMicros: number;
  lastCommitMicros: number;
  lastAutoIncrement: bigint;
  rows: Array<{ pk: PrimaryKeyColumn[]; columns: Array<[string, Version[]]> }>;
  stream: StreamSnapshot | null;
  changeLog: ChangeRecord[];
}

export interface ReturnSpec {
  type: number; // RT_NONE 0, RT_PK 1, RT_AFTER_MODIFY 2
  columns: readonly string[];
}

export class Table {
  readonly rows = new RowStore();
  stream?: StreamLog;
  lastEnableTimeMicros = 0;
  /** Every committed change of the current stream, in commit order (the test oracle). */
  changeLog: ChangeRecord[] = [];
  private lastCommitMicros = 0;
  private lastAutoIncrement = 0n;

  constructor(
    readonly name: string,
    readonly schema: PkSchema[],
    public options: TableOptionsState,
    public reserved: { read: number; write: number },
    readonly createdAtMicros: number,
  ) {}

  snapshot(): TableSnapshot {
    return {
      name: this.name,
      schema: this.schema,
      options: this.options,
      reserved: this.reserved,
      createdAtMicros: this.createdAtMicros,
      lastEnableTimeMicros: this.lastEnableTimeMicros,
      lastCommitMicros: this.lastCommitMicros,
      lastAutoIncrement: this.lastAutoIncrement,
      rows: this.rows.all().map((r) => ({ pk: r.pk, columns: [...r.columns.entries()] })),
      stream: this.stream ? this.stream.snapshot() : null,
      changeLog: this.changeLog,
    };
  }

  static restore(s: TableSnapshot): Table {
    const table = new Table(s.name, s.schema, s.options, s.reserved, s.createdAtMicros);
    table.lastEnableTimeMicros = s.lastEnableTimeMicros;
    table.lastCommitMicros = s.lastCommitMicros;
    table.lastAutoIncrement = s.lastAutoIncrement;
    for (const r of s.rows) {
      const row = table.rows.ensure(r.pk);
      for (const [name, versions] of r.columns) row.columns.set(name, versions);
    }
    if (s.stream) table.stream = StreamLog.restore(s.stream);
    table.changeLog = s.changeLog;
    return table;
  }

  /** Versions older than this (ms) are past the TTL. */
  minTs(nowMs: number): number {
    return this.options.ttlSeconds < 0 ? 0 : nowMs - this.options.ttlSeconds * 1000;
  }

  enableStream(nowMs: number, expirationHours: number, shardCount: number): void {
    // Distinct per enable, so a re-enabled stream never reuses the old id.
    const micros = Math.max(Math.floor(nowMs * 1000), this.lastEnableTimeMicros + 1);
    this.stream = StreamLog.create({ tableName: this.name, creationTimeMicros: micros, expirationHours, shardCount });
    this.lastEnableTimeMicros = micros;
    this.changeLog = [];
  }

  disableStream(): void {
    this.stream = undefined;
    this.changeLog = [];
  }

  private nextCommitMicros(nowMs: number): number {
    this.lastCommitMicros = Math.max(Math.floor(nowMs * 1000), this.lastCommitMicros + 1);
    return this.lastCommitMicros;
  }

  private checkCondition(row: StoredRow | undefined, condition: WriteCondition, nowMs: number): void {
    const minTs = this.minTs(nowMs);
    const exists = rowExists(row, minTs);
    if (condition.rowExistence === 1 && !exists) throw conditionFailed();
    if (condition.rowExistence === 2 && exists) throw conditionFailed();
    if (condition.rowExistence > 2 || condition.rowExistence < 0) throw invalid(`Invalid row existence expectation: ${condition.rowExistence}.`);
    // A missing row has every column missing.
    if (condition.column && !condition.column(exists ? columnLookup(row, minTs) : () => [])) throw conditionFailed();
  }

  private checkTimestamp(name: string, ts: number, nowMs: number): void {
    if (Math.abs(ts - nowMs) > this.options.deviationSeconds * 1000) {
      throw invalid(`The timestamp ${ts} of column '${name}' deviates from the server time by more than ${this.options.deviationSeconds} seconds.`);
    }
  }

  private resolveKey(pk: readonly PlainBufferPrimaryKeyColumn[], mode: 'exact' | 'put', nowMs: number): PrimaryKeyColumn[] {
    checkPrimaryKey(this.schema, pk, mode);
    return pk.map((c) => {
      if (!isPkSentinel(c.value)) return { name: c.name, value: c.value };
      this.lastAutoIncrement = BigInt(Math.max(Number(this.lastAutoIncrement) + 1, Math.floor(nowMs * 1000)));
      return { name: c.name, value: this.lastAutoIncrement };
    });
  }

  private addVersion(row: StoredRow, name: string, version: Version): void {
    let versions = row.columns.get(name);
    if (!versions) row.columns.set(name, (versions = []));
    const same = versions.findIndex((v) => v.ts === version.ts);
    if (same >= 0) versions[same] = version;
    else {
      versions.push(version);
      versions.sort((a, b) => b.ts - a.ts);
    }
    if (versions.length > this.options.maxVersions) versions.length = this.options.maxVersions;
  }

  private returned(pk: PrimaryKeyColumn[], row: StoredRow | undefined, spec: ReturnSpec | undefined, nowMs: number): PlainBufferRow | undefined {
    if (!spec || spec.type === 0) return undefined;
    if (spec.type === 1 || !row) return { primaryKey: pk, cells: [], deleteMarker: false };
    const read = readRow(row, { columnsToGet: spec.columns, maxVersions: 1, minTs: this.minTs(nowMs) });
    return { primaryKey: pk, cells: read && spec.columns.length > 0 ? read.cells : [], deleteMarker: false };
  }

  put(input: PlainBufferRow, condition: WriteCondition, ret: ReturnSpec | undefined, nowMs: number): RowChange {
    const pk = this.resolveKey(input.primaryKey, 'put', nowMs);
    const cells: PlainBufferCell[] = input.cells.map((c) => {
      if (c.op !== 'PUT') throw invalid(`PutRow does not take the ${c.op} operation (column '${c.name}').`);
      if (c.value === undefined || c.value === null) throw invalid(`Column '${c.name}' has no value.`);
      const ts = c.timestamp ?? nowMs;
      this.checkTimestamp(c.name, ts, nowMs);
      return { name: c.name, op: 'PUT', value: c.value, timestamp: ts };
    });
    const existing = this.rows.get(pk);
    this.checkCondition(existing, condition, nowMs);
    const row = this.rows.ensure(pk);
    row.columns.clear();
    for (const c of cells) this.addVersion(row, c.name, { ts: c.timestamp!, value: c.value as CellValue });
    return { action: 'PUT', pk, cells, returned: this.returned(pk, row, ret, nowMs) };
  }

  update(input: PlainBufferRow, condition: WriteCondition, ret: ReturnSpec | undefined, nowMs: number): RowChange {
    const pk = this.resolveKey(input.primaryKey, 'exact', nowMs);
    if (input.cells.length === 0) throw invalid('UpdateRow needs at least one column to change.');
    const existing = this.rows.get(pk);
    this.checkCondition(existing, condition, nowMs);
    const minTs = this.minTs(nowMs);
    // Validate everything before the first change so a bad cell leaves the row untouched.
    const planned: PlainBufferCell[] = input.cells.map((c) => {
      switch (c.op) {
        case 'PUT': {
          if (c.value === undefined || c.value === null) throw invalid(`Column '${c.name}' has no value.`);
          const ts = c.timestamp ?? nowMs;
          this.checkTimestamp(c.name, ts, nowMs);
          return { name: c.name, op: 'PUT', value: c.value, timestamp: ts };
        }
        case 'DELETE_ONE_VERSION':
          if (c.timestamp === undefined) throw invalid(`Deleting one version of column '${c.name}' needs its timestamp.`);
          return { name: c.name, op: 'DELETE_ONE_VERSION', value: undefined, timestamp: c.timestamp };
        case 'DELETE_ALL_VERSIONS':
          return { name: c.name, op: 'DELETE_ALL_VERSIONS', value: undefined, timestamp: undefined };
        case 'INCREMENT': {
          if (typeof c.value !== 'bigint') throw invalid(`Increment of column '${c.name}' needs an INTEGER value.`);
          const current = existing ? existing.columns.get(c.name)?.find((v) => v.ts >= minTs)?.value : undefined;
          if (current !== undefined && typeof current !== 'bigint') throw invalid(`Column '${c.name}' is not an INTEGER and cannot be incremented.`);
          return { name: c.name, op: 'PUT', value: (current ?? 0n) + c.value, timestamp: c.timestamp ?? nowMs };
        }
      }
    });
    const row = this.rows.ensure(pk);
    for (const c of planned) {
      if (c.op === 'PUT') this.addVersion(row, c.name, { ts: c.timestamp!, value: c.value as CellValue });
      else if (c.op === 'DELETE_ALL_VERSIONS') row.columns.delete(c.name);
      else {
        const versions = row.columns.get(c.name);
        if (versions) {
          const left = versions.filter((v) => v.ts !== c.timestamp);
          if (left.length > 0) row.columns.set(c.name, left);
          else row.columns.delete(c.name);
        }
      }
    }
    return { action: 'UPDATE', pk, cells: planned, returned: this.returned(pk, row, ret, nowMs) };
  }

  delete(input: PlainBufferRow, condition: WriteCondition, ret: ReturnSpec | undefined, nowMs: number): RowChange {
    const pk = this.resolveKey(input.primaryKey, 'exact', nowMs);
    const existing = this.rows.get(pk);
    this.checkCondition(existing, condition, nowMs);
    this.rows.delete(pk);
    return { action: 'DELETE', pk, cells: [], returned: this.returned(pk, undefined, ret, nowMs) };
  }

  /** Appends the committed changes to the stream (if enabled) under one commit timestamp. */
  commit(changes: readonly RowChange[], nowMs: number, visibilityDelayMs: number): void {
    if (changes.length === 0) return;
    const stream = this.stream;
    if (!stream) return;
    stream.expire(nowMs);
    const timestampMicros = this.nextCommitMicros(nowMs);
    const rowIndexByShard = new Map<string, number>();
    for (const change of changes) {
      const shard = stream.shardFor(partitionHash(change.pk));
      const rowIndex = rowIndexByShard.get(shard.id) ?? 0;
      rowIndexByShard.set(shard.id, rowIndex + 1);
      const sequence = { epoch: EPOCH, timestampMicros, rowIndex };
      const bytes = encodeRow({ primaryKey: change.pk, cells: change.cells, deleteMarker: change.action === 'DELETE', sequence });
      shard.records.push({ actionType: actionToWire(change.action), bytes, timestampMicros, visibleAt: nowMs + visibilityDelayMs });
      this.changeLog.push({
        action: change.action,
        primaryKey: change.pk,
        cells: change.cells.map(toChangeCell),
        sequence,
        shardId: shard.id,
      });
    }
  }
}

function toChangeCell(c: PlainBufferCell): ChangeCell {
  const cell: ChangeCell = { name: c.name, op: c.op === 'INCREMENT' ? 'PUT' : c.op };
  if (c.value !== undefined && c.value !== null) cell.value = c.value;
  if (c.timestamp !== undefined) cell.timestamp = c.timestamp;
  return cell;
}
