// The emulated service without HTTP: instances, their tables and streams, the operation table,
// and the state snapshot persistence reads and writes.

import { otsError } from './errors.ts';
import type { TablestoreFaults } from './faults.ts';
import { Instance } from './model/instance.ts';
import { Table } from './model/table.ts';
import type { OpContext, OperationDef } from './ops/context.ts';
import { rowOperations } from './ops/rows.ts';
import { streamOperations } from './ops/stream.ts';
import { tableOperations } from './ops/tables.ts';
import type { StateSnapshot } from './persistence.ts';

export const OPERATIONS: Readonly<Record<string, OperationDef>> = { ...tableOperations, ...rowOperations, ...streamOperations };

export interface ServiceOptions {
  now: () => number;
  shardsPerTable: number;
  describeStreamPageSize: number;
}

export class TablestoreService {
  readonly instances = new Map<string, Instance>();

  constructor(
    readonly options: ServiceOptions,
    readonly faults: TablestoreFaults,
  ) {}

  createInstance(name: string): Instance {
    let instance = this.instances.get(name);
    if (!instance) this.instances.set(name, (instance = new Instance(name)));
    return instance;
  }

  instance(name: string): Instance {
    const instance = this.instances.get(name);
    if (!instance) throw otsError('OTSAuthFailed', 'The instance is not found.');
    return instance;
  }

  operation(name: string): OperationDef {
    const op = OPERATIONS[name];
    if (!op) throw otsError('OTSUnsupportOperation', `Unsupported operation: '${name}'.`);
    return op;
  }

  context(instance: Instance): OpContext {
    return {
      instance,
      now: this.options.now,
      shardsPerTable: this.options.shardsPerTable,
      describeStreamPageSize: this.options.describeStreamPageSize,
      visibilityDelayMs: this.faults.visibilityDelayMs,
      seekSteps: this.faults.seekSteps,
      maxRecordsPerRead: this.faults.maxRecordsPerRead,
      emptyRead: () => this.faults.emptyRead(),
    };
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      instances: [...this.instances.values()].map((i) => ({ name: i.name, tables: [...i.tables.values()].map((t) => t.snapshot()) })),
    };
  }

  restore(snapshot: StateSnapshot): void {
    for (const i of snapshot.instances) {
      const instance = this.createInstance(i.name);
      for (const t of i.tables) instance.tables.set(t.name, Table.restore(t));
    }
  }
}
