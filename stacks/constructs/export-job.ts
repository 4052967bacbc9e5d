import { Construct } from 'constructs';
import type { JobConfig } from '../../runtime/config/job.ts';
import type { FunctionBundle } from '../bundle.ts';
import type { PrivateBucket } from './bucket.ts';
import { ExporterFunction } from './exporter-function.ts';
import type { FunctionLogs } from './function-logs.ts';
import { FunctionRole } from './role.ts';
import type { TableStream } from './table-stream.ts';
import type { TablestoreTable } from './tablestore.ts';

export interface ExportJobProps {
  /** Function, role and policy name. */
  name: string;
  job: JobConfig;
  table: TablestoreTable;
  stream: TableStream;
  statusTable: TablestoreTable;
  bucket: PrivateBucket;
  prefix: string;
  logs: FunctionLogs;
  bundle: FunctionBundle;
  schedule: string;
  memoryMB: number;
  timeoutSeconds: number;
  ephemeral: boolean;
  tags: Record<string, string>;
}

/** One export: a role holding exactly the job's grants, and the scheduled function. */
export class ExportJob extends Construct {
  readonly role: FunctionRole;
  readonly exporter: ExporterFunction;

  constructor(scope: Construct, id: string, props: ExportJobProps) {
    super(scope, id);
    this.role = new FunctionRole(this, 'role', {
      name: props.name,
      description: `ots2oss exporter ${props.job.name}: reads ${props.job.source.table}'s stream, writes oss://${props.job.sink.bucket}/${props.prefix}`,
      ephemeral: props.ephemeral,
      tags: props.tags,
    });
    props.table.grantStreamRead(this.role);
    props.statusTable.grantReadWrite(this.role);
    props.bucket.grantWrite(this.role, props.prefix);
    props.logs.grantWrite(this.role);

    this.exporter = new ExporterFunction(this, 'exporter', {
      functionName: props.name,
      role: this.role,
      bundle: props.bundle,
      job: props.job,
      memoryMB: props.memoryMB,
      timeoutSeconds: props.timeoutSeconds,
      schedule: props.schedule,
      logs: props.logs,
      // The first run needs the stream, the status table, and a bucket already private and encrypted
      // (encryption covers only later writes); on destroy the timer goes first, before any of them.
      startAfter: [
        props.stream.resource,
        ...[props.statusTable.resource, props.bucket.resource].filter((r) => r !== undefined),
        ...props.bucket.settings,
      ],
      tags: props.tags,
    });
  }
}
