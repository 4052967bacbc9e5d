// An instance: its tables by name, and the lookups the operations share.

import { otsError, tableNotExist } from '../errors.ts';
import type { StreamLog } from './stream.ts';
import type { Table } from './table.ts';

export const MAX_TABLES_PER_INSTANCE = 64;

export class Instance {
  readonly tables = new Map<string, Table>();

  constructor(readonly name: string) {}

  table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw tableNotExist();
    return table;
  }

  addTable(table: Table): void {
    if (this.tables.has(table.name)) throw otsError('OTSObjectAlreadyExist', 'Requested table already exists.');
    if (this.tables.size >= MAX_TABLES_PER_INSTANCE) throw otsError('OTSQuotaExhausted', 'Number of tables exceeded the quota.');
    this.tables.set(table.name, table);
  }

  /** The table whose current stream has this id; disabled or replaced streams are gone. */
  stream(streamId: string): { table: Table; stream: StreamLog } | undefined {
    for (const table of this.tables.values()) {
      if (table.stream?.streamId === streamId) return { table, stream: table.stream };
    }
    return undefined;
  }
}
