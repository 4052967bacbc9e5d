// Row operations: GetRow, PutRow, UpdateRow, DeleteRow, GetRange, BatchGetRow, BatchWriteRow.

import { decodeRow, encodeRow, encodeRows, type PlainBufferRow } from '../../../runtime/tablestore/plainbuffer/index.ts';
import { decodeMessage, encodeMessage, type Message } from '../../../runtime/tablestore/protocol/protobuf.ts';
import { asOtsError, invalid, OtsError, tableNotExist } from '../errors.ts';
import * as M from '../messages.ts';
import { compileFilter } from '../model/conditions.ts';
import { checkPrimaryKey, compareKeys, exactKey } from '../model/keys.ts';
import { readRow, type ReadSpec } from '../model/rows.ts';
import type { ReturnSpec, RowChange, Table, WriteCondition } from '../model/table.ts';
import { CONSUMED, type OpContext, type OperationDef } from './context.ts';

const MAX_RANGE_ROWS = 5000;
const MAX_BATCH_WRITE_ROWS = 200;
const MAX_BATCH_GET_ROWS = 100;

function condition(msg: Message<typeof M.Condition>): WriteCondition {
  const c: WriteCondition = { rowExistence: msg.rowExistence };
  if (msg.columnCondition && msg.columnCondition.length > 0) c.column = compileFilter(msg.columnCondition, false).predicate;
  return c;
}

function returnSpec(msg: Message<typeof M.ReturnContent> | undefined): ReturnSpec | undefined {
  return msg ? { type: msg.returnType ?? 0, columns: msg.returnColumnNames } : undefined;
}

interface ReadRequest {
  columnsToGet: string[];
  timeRange?: Message<typeof M.TimeRange> | undefined;
  maxVersions?: number | undefined;
  filter?: Uint8Array | undefined;
}

function readSpec(req: ReadRequest, table: Table, nowMs: number): ReadSpec {
  let timeRange: ReadSpec['timeRange'];
  if (req.timeRange) {
    const t = req.timeRange;
    if (t.specificTime !== undefined) timeRange = { start: t.specificTime, end: t.specificTime + 1 };
    else if (t.startTime !== undefined && t.endTime !== undefined && t.startTime < t.endTime) timeRange = { start: t.startTime, end: t.endTime };
    else throw invalid('Invalid time range: give specific_time, or start_time below end_time.');
  }
  if (req.maxVersions === undefined && !timeRange) throw invalid('Neither max_versions nor time_range is set.');
  if (req.maxVersions !== undefined && req.maxVersions < 1) throw invalid(`Invalid max_versions: ${req.maxVersions}.`);
  const spec: ReadSpec = {
    columnsToGet: req.columnsToGet,
    maxVersions: req.maxVersions ?? Number.MAX_SAFE_INTEGER,
    minTs: table.minTs(nowMs),
  };
  if (timeRange) spec.timeRange = timeRange;
  if (req.filter && req.filter.length > 0) spec.filter = compileFilter(req.filter, true);
  return spec;
}

function keyOf(table: Table, bytes: Uint8Array) {
  const row = decodeRow(bytes);
  checkPrimaryKey(table.schema, row.primaryKey, 'exact');
  return exactKey(row.primaryKey);
}

function encodeOptionalRow(row: PlainBufferRow | undefined): Buffer {
  return row ? encodeRow(row) : Buffer.alloc(0);
}

type WriteKind = 'put' | 'update' | 'delete';

function applyWrite(table: Table, kind: WriteKind, rowBytes: Uint8Array, cond: Message<typeof M.Condition>, ret: ReturnSpec | undefined, nowMs: number): RowChange {
  const row = decodeRow(rowBytes);
  const c = condition(cond);
  if (kind === 'put') return table.put(row, c, ret, nowMs);
  if (kind === 'update') return table.update(row, c, ret, nowMs);
  return table.delete(row, c, ret, nowMs);
}

function writeResponse(ctx: OpContext, tableName: string, kind: WriteKind, bytes: Uint8Array, cond: Message<typeof M.Condition>, ret: Message<typeof M.ReturnContent> | undefined): Buffer {
  const table = ctx.instance.table(tableName);
  const nowMs = ctx.now();
  const change = applyWrite(table, kind, bytes, cond, returnSpec(ret), nowMs);
  table.commit([change], nowMs, ctx.visibilityDelayMs);
  return encodeMessage(M.RowResponse, { consumed: CONSUMED, row: change.returned ? encodeRow(change.returned) : undefined });
}

const putRow: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.PutRowRequest, body, 'PutRowRequest');
    return writeResponse(ctx, req.tableName, 'put', req.row, req.condition, req.returnContent);
  },
};

const updateRow: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.UpdateRowRequest, body, 'UpdateRowRequest');
    return writeResponse(ctx, req.tableName, 'update', req.rowChange, req.condition, req.returnContent);
  },
};

const deleteRow: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.DeleteRowRequest, body, 'DeleteRowRequest');
    return writeResponse(ctx, req.tableName, 'delete', req.primaryKey, req.condition, req.returnContent);
  },
};

const getRow: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(M.GetRowRequest, body, 'GetRowRequest');
    const table = ctx.instance.table(req.tableName);
    const nowMs = ctx.now();
    const spec = readSpec(req, table, nowMs);
    const row = readRow(table.rows.get(keyOf(table, req.primaryKey)), spec);
    return encodeMessage(M.GetRowResponse, { consumed: CONSUMED, row: encodeOptionalRow(row) });
  },
};

const getRange: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(M.GetRangeRequest, body, 'GetRangeRequest');
    const table = ctx.instance.table(req.tableName);
    const nowMs = ctx.now();
    const spec = readSpec(req, table, nowMs);
    const start = decodeRow(req.inclusiveStartPrimaryKey).primaryKey;
    const end = decodeRow(req.exclusiveEndPrimaryKey).primaryKey;
    checkPrimaryKey(table.schema, start, 'range');
    checkPrimaryKey(table.schema, end, 'range');
    const backward = req.direction === 1;
    const order = compareKeys(start, end);
    if (backward ? order <= 0 : order >= 0) {
      throw invalid(`Begin key must be ${backward ? 'more' : 'less'} than end key in ${backward ? 'BACKWARD' : 'FORWARD'}.`);
    }
    const limit = req.limit ?? MAX_RANGE_ROWS;
    if (limit < 1) throw invalid(`Invalid limit: ${limit}.`);
    const rows: PlainBufferRow[] = [];
    let nextStart: PlainBufferRow | undefined;
    const store = table.rows;
    let i = store.lowerBound(start);
    if (backward && !(store.at(i) && compareKeys(store.at(i)!.pk, start) === 0)) i--;
    for (; i >= 0 && i < store.size; i += backward ? -1 : 1) {
      const stored = store.at(i)!;
      const c = compareKeys(stored.pk, end);
      if (backward ? c <= 0 : c >= 0) break;
      if (rows.length >= Math.min(limit, MAX_RANGE_ROWS)) {
        nextStart = { primaryKey: stored.pk, cells: [], deleteMarker: false };
        break;
      }
      const row = readRow(stored, spec);
      if (row) rows.push(row);
    }
    return encodeMessage(M.GetRangeResponse, {
      consumed: CONSUMED,
      rows: rows.length > 0 ? encodeRows(rows) : Buffer.alloc(0),
      nextStartPrimaryKey: nextStart ? encodeRow(nextStart) : undefined,
    });
  },
};

const batchGetRow: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(M.BatchGetRowRequest, body, 'BatchGetRowRequest');
    const total = req.tables.reduce((n, t) => n + t.primaryKey.length, 0);
    if (total > MAX_BATCH_GET_ROWS) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_GET_ROWS}.`);
    const nowMs = ctx.now();
    const tables = req.tables.map((t) => {
      let table: Table | undefined;
      let failure: OtsError | undefined;
      let spec: ReadSpec | undefined;
      try {
        table = ctx.instance.table(t.tableName);
        spec = readSpec(t, table, nowMs);
      } catch (err) {
        failure = asOtsError(err);
        if (!failure) throw err;
      }
      return {
        tableName: t.tableName,
        rows: t.primaryKey.map((pk) => {
          if (failure || !table || !spec) return { isOk: false, error: { code: failure!.code, message: failure!.message } };
          try {
            return { isOk: true, consumed: CONSUMED, row: encodeOptionalRow(readRow(table.rows.get(keyOf(table, pk)), spec)) };
          } catch (err) {
            const ots = asOtsError(err);
            if (!ots) throw err;
            return { isOk: false, error: { code: ots.code, message: ots.message } };
          }
        }),
      };
    });
    return encodeMessage(M.BatchResponse, { tables });
  },
};

const WRITE_KINDS: Record<number, WriteKind> = { 1: 'put', 2: 'update', 3: 'delete' };

const batchWriteRow: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.BatchWriteRowRequest, body, 'BatchWriteRowRequest');
    const total = req.tables.reduce((n, t) => n + t.rows.length, 0);
    if (total === 0) throw invalid('No row in the request.');
    if (total > MAX_BATCH_WRITE_ROWS) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_WRITE_ROWS}.`);
    for (const t of req.tables) for (const r of t.rows) if (!WRITE_KINDS[r.type]) throw invalid(`Invalid operation type: ${r.type}.`);
    const nowMs = ctx.now();
    const tables = req.tables.map((t) => {
      const table = ctx.instance.tables.get(t.tableName);
      const changes: RowChange[] = [];
      const rows = t.rows.map((r) => {
        try {
          if (!table) throw tableNotExist();
          const change = applyWrite(table, WRITE_KINDS[r.type]!, r.rowChange, r.condition, returnSpec(r.returnContent), nowMs);
          changes.push(change);
          return { isOk: true, consumed: CONSUMED, row: change.returned ? encodeRow(change.returned) : undefined };
        } catch (err) {
          const ots = asOtsError(err);
          if (!ots) throw err;
          return { isOk: false, error: { code: ots.code, message: ots.message } };
        }
      });
      table?.commit(changes, nowMs, ctx.visibilityDelayMs);
      return { tableName: t.tableName, rows };
    });
    return encodeMessage(M.BatchResponse, { tables });
  },
};

export const rowOperations: Record<string, OperationDef> = {
  GetRow: getRow,
  PutRow: putRow,
  UpdateRow: updateRow,
  DeleteRow: deleteRow,
  GetRange: getRange,
  BatchGetRow: batchGetRow,
  BatchWriteRow: batchWriteRow,
};
