import { Construct } from 'constructs';
import { OtsInstance } from '../../.gen/providers/alicloud/ots-instance/index.ts';
import { OtsTable } from '../../.gen/providers/alicloud/ots-table/index.ts';
import { otsTableArn } from '../arn.ts';
import { otsEndpoint } from '../naming.ts';
import type { Grantee } from '../policy.ts';

export interface TablestoreInstanceProps {
  name: string;
  /** Where the instance is: its ARNs name this region. */
  region: string;
  /** Where the deployer's machine reaches it; default its public endpoint in `region`. */
  endpoint?: string | undefined;
  /** Account id (a token is fine); used in ARNs. */
  account: string;
  /** Present: create the instance; absent: it exists already. */
  create?: { type: 'HighPerformance' | 'Capacity'; description?: string | undefined };
  tags?: Record<string, string>;
}

/** A Tablestore instance, created here or adopted as it is. */
export class TablestoreInstance extends Construct {
  /** The literal instance name. */
  readonly instanceName: string;
  /** The name as a reference: depends on the instance resource when it is created here. */
  readonly ref: string;
  readonly region: string;
  readonly account: string;
  readonly endpoint: string;
  readonly resource?: OtsInstance;

  constructor(scope: Construct, id: string, props: TablestoreInstanceProps) {
    super(scope, id);
    this.instanceName = props.name;
    this.region = props.region;
    this.account = props.account;
    this.endpoint = props.endpoint ?? otsEndpoint(props.name, props.region);
    if (props.create) {
      this.resource = new OtsInstance(this, 'instance', {
        name: props.name,
        instanceType: props.create.type,
        description: props.create.description ?? 'ots2oss',
        tags: props.tags,
      });
      this.ref = this.resource.name;
    } else {
      this.ref = props.name;
    }
  }
}

export type PrimaryKeyType = 'STRING' | 'INTEGER' | 'BINARY';

export interface TablestoreTableProps {
  instance: TablestoreInstance;
  name: string;
  /** Present: create the table; absent: it exists already. */
  create?: {
    primaryKey: { name: string; type: PrimaryKeyType }[];
    /** Seconds; -1 never expires. */
    timeToLive?: number;
    maxVersion?: number;
  };
}

const PROVIDER_PK_TYPE: Record<PrimaryKeyType, string> = { STRING: 'String', INTEGER: 'Integer', BINARY: 'Binary' };

/** Actions the exporter calls to read a table's stream (the stream's id comes from DescribeTable). */
export const STREAM_READ_ACTIONS = ['ots:DescribeTable', 'ots:DescribeStream', 'ots:GetShardIterator', 'ots:GetStreamRecord'];
/** Actions the exporter calls on its status table (checkpoints, leases, window records). */
export const TABLE_READ_WRITE_ACTIONS = ['ots:GetRow', 'ots:GetRange', 'ots:PutRow', 'ots:UpdateRow', 'ots:DeleteRow'];

/** The DataWorks-compatible status table key: one table serves many exported tables. */
export const STATUS_TABLE_KEY = [
  { name: 'StreamId', type: 'STRING' },
  { name: 'StatusType', type: 'STRING' },
  { name: 'StatusValue', type: 'STRING' },
] as const satisfies readonly { name: string; type: PrimaryKeyType }[];

/** A Tablestore table, created here or adopted; grants come from here so they name this table only. */
export class TablestoreTable extends Construct {
  readonly instance: TablestoreInstance;
  readonly tableName: string;
  /** The name as a reference: depends on the table resource when it is created here. */
  readonly ref: string;
  readonly resource?: OtsTable;

  constructor(scope: Construct, id: string, props: TablestoreTableProps) {
    super(scope, id);
    this.instance = props.instance;
    this.tableName = props.name;
    if (props.create) {
      this.resource = new OtsTable(this, 'table', {
        instanceName: props.instance.ref,
        tableName: props.name,
        primaryKey: props.create.primaryKey.map((c) => ({ name: c.name, type: PROVIDER_PK_TYPE[c.type] })),
        timeToLive: props.create.timeToLive ?? -1,
        maxVersion: props.create.maxVersion ?? 1,
      });
      this.ref = this.resource.tableName;
    } else {
      this.ref = props.name;
    }
  }

  get arn(): string {
    return otsTableArn(this.instance.region, this.instance.account, this.instance.instanceName, this.tableName);
  }

  grantStreamRead(grantee: Grantee): void {
    grantee.addToPolicy({ Effect: 'Allow', Action: [...STREAM_READ_ACTIONS], Resource: [this.arn] });
  }

  grantReadWrite(grantee: Grantee): void {
    grantee.addToPolicy({ Effect: 'Allow', Action: [...TABLE_READ_WRITE_ACTIONS], Resource: [this.arn] });
  }
}
