// CreateTable, ListTable, DeleteTable, UpdateTable, DescribeTable.

import { decodeMessage, encodeMessage, type Message } from '../../../runtime/tablestore/protocol/protobuf.ts';
import { invalid } from '../errors.ts';
import * as M from '../messages.ts';
import type { PkSchema, PkType } from '../model/keys.ts';
import { Table, type TableOptionsState } from '../model/table.ts';
import type { OpContext, OperationDef } from './context.ts';

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const PK_TYPES: Record<number, PkType> = { 1: 'INTEGER', 2: 'STRING', 3: 'BINARY' };
const PK_TYPE_WIRE: Record<PkType, number> = { INTEGER: 1, STRING: 2, BINARY: 3 };
const MAX_EXPIRATION_HOURS = 168;

function checkTtl(ttl: number): void {
  if (ttl !== -1 && ttl < 86400) throw invalid(`The time to live ${ttl} is invalid: use -1 or at least 86400 seconds.`);
}

function checkMaxVersions(n: number): void {
  if (n < 1) throw invalid(`The max versions ${n} is invalid: it must be at least 1.`);
}

function checkExpiration(hours: number | undefined): number {
  if (hours === undefined) throw invalid('The stream expiration time is required when enabling a stream.');
  if (hours < 1 || hours > MAX_EXPIRATION_HOURS) throw invalid(`The stream expiration time ${hours} is invalid: it must be 1 to ${MAX_EXPIRATION_HOURS} hours.`);
  return hours;
}

function schemaOf(meta: Message<typeof M.TableMeta>): PkSchema[] {
  const pks = meta.primaryKey;
  if (pks.length < 1 || pks.length > 4) throw invalid(`The number of primary key columns must be in range: [1, 4]. Input: ${pks.length}.`);
  const seen = new Set<string>();
  return pks.map((pk, i) => {
    const type = PK_TYPES[pk.type];
    if (!type) throw invalid(`Invalid primary key type: ${pk.type}.`);
    if (!TABLE_NAME.test(pk.name)) throw invalid(`Invalid primary key name: '${pk.name}'.`);
    if (seen.has(pk.name)) throw invalid(`Duplicated primary key name: '${pk.name}'.`);
    seen.add(pk.name);
    const autoIncrement = pk.option === 1;
    if (autoIncrement && (type !== 'INTEGER' || i === 0)) {
      throw invalid(`AUTO_INCREMENT is only allowed on an INTEGER primary key column that is not the partition key ('${pk.name}').`);
    }
    return { name: pk.name, type, autoIncrement };
  });
}

function streamDetails(table: Table) {
  const s = table.stream;
  return s
    ? { enableStream: true, streamId: s.streamId, expirationTime: s.expirationHours, lastEnableTime: table.lastEnableTimeMicros }
    : { enableStream: false };
}

function optionsMessage(o: TableOptionsState) {
  return { timeToLive: o.ttlSeconds, maxVersions: o.maxVersions, deviationCellVersionInSec: o.deviationSeconds, allowUpdate: o.allowUpdate };
}

function throughput(table: Table) {
  return { capacityUnit: { read: table.reserved.read, write: table.reserved.write }, lastIncreaseTime: Math.floor(table.createdAtMicros / 1e6) };
}

const createTable: OperationDef = {
  mutates: true,
  handle(ctx: OpContext, body: Buffer): Buffer {
    const req = decodeMessage(M.CreateTableRequest, body, 'CreateTableRequest');
    const name = req.tableMeta.tableName;
    if (!TABLE_NAME.test(name)) throw invalid(`Invalid table name: '${name}'.`);
    const schema = schemaOf(req.tableMeta);
    const o = req.tableOptions;
    const options: TableOptionsState = {
      ttlSeconds: o?.timeToLive ?? -1,
      maxVersions: o?.maxVersions ?? 1,
      deviationSeconds: o?.deviationCellVersionInSec ?? 86400,
      allowUpdate: o?.allowUpdate ?? true,
    };
    checkTtl(options.ttlSeconds);
    checkMaxVersions(options.maxVersions);
    const cu = req.reservedThroughput.capacityUnit;
    const nowMs = ctx.now();
    const table = new Table(name, schema, options, { read: cu.read ?? 0, write: cu.write ?? 0 }, Math.floor(nowMs * 1000));
    if (req.streamSpec?.enableStream) {
      const hours = checkExpiration(req.streamSpec.expirationTime);
      ctx.instance.addTable(table);
      table.enableStream(nowMs, hours, ctx.shardsPerTable);
    } else {
      ctx.instance.addTable(table);
    }
    return encodeMessage(M.Empty, {});
  },
};

const listTable: OperationDef = {
  mutates: false,
  handle(ctx) {
    return encodeMessage(M.ListTableResponse, { tableNames: [...ctx.instance.tables.keys()].sort() });
  },
};

const deleteTable: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.TableNameRequest, body, 'DeleteTableRequest');
    ctx.instance.table(req.tableName);
    ctx.instance.tables.delete(req.tableName);
    return encodeMessage(M.Empty, {});
  },
};

const describeTable: OperationDef = {
  mutates: false,
  handle(ctx, body) {
    const req = decodeMessage(M.TableNameRequest, body, 'DescribeTableRequest');
    const table = ctx.instance.table(req.tableName);
    table.stream?.expire(ctx.now());
    return encodeMessage(M.DescribeTableResponse, {
      tableMeta: {
        tableName: table.name,
        primaryKey: table.schema.map((s) => ({ name: s.name, type: PK_TYPE_WIRE[s.type], option: s.autoIncrement ? 1 : undefined })),
      },
      reservedThroughputDetails: throughput(table),
      tableOptions: optionsMessage(table.options),
      tableStatus: 1,
      streamDetails: streamDetails(table),
    });
  },
};

const updateTable: OperationDef = {
  mutates: true,
  handle(ctx, body) {
    const req = decodeMessage(M.UpdateTableRequest, body, 'UpdateTableRequest');
    const table = ctx.instance.table(req.tableName);
    const o = req.tableOptions;
    const next: TableOptionsState = {
      ttlSeconds: o?.timeToLive ?? table.options.ttlSeconds,
      maxVersions: o?.maxVersions ?? table.options.maxVersions,
      deviationSeconds: o?.deviationCellVersionInSec ?? table.options.deviationSeconds,
      allowUpdate: o?.allowUpdate ?? table.options.allowUpdate,
    };
    checkTtl(next.ttlSeconds);
    checkMaxVersions(next.maxVersions);
    const spec = req.streamSpec;
    const hours = spec?.enableStream ? checkExpiration(spec.expirationTime ?? table.stream?.expirationHours) : undefined;
    if (next.maxVersions < table.options.maxVersions) {
      for (const row of table.rows.all()) for (const versions of row.columns.values()) if (versions.length > next.maxVersions) versions.length = next.maxVersions;
    }
    table.options = next;
    if (req.reservedThroughput) {
      const cu = req.reservedThroughput.capacityUnit;
      table.reserved = { read: cu.read ?? table.reserved.read, write: cu.write ?? table.reserved.write };
    }
    if (spec && !spec.enableStream) table.disableStream();
    else if (spec && hours !== undefined) {
      if (table.stream) table.stream.expirationHours = hours;
      else table.enableStream(ctx.now(), hours, ctx.shardsPerTable);
    }
    return encodeMessage(M.UpdateTableResponse, {
      reservedThroughputDetails: throughput(table),
      tableOptions: optionsMessage(table.options),
      streamDetails: streamDetails(table),
    });
  },
};

export const tableOperations: Record<string, OperationDef> = {
  CreateTable: createTable,
  ListTable: listTable,
  DeleteTable: deleteTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
};
