import { LocalBackend, OssBackend, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { isAbsolute, join } from 'node:path';
import type { Environment } from '../config.ts';
import { otsEndpoint } from '../naming.ts';
import { PrivateBucket } from './bucket.ts';
import { TablestoreInstance, TablestoreTable } from './tablestore.ts';

type OssState = Extract<Environment['stateBackend'], { type: 'oss' }>;

/** Terraform's OSS backend locks with a Tablestore table keyed by a string LockID. */
export const LOCK_TABLE_KEY = [{ name: 'LockID', type: 'STRING' }] as const;

/** Where a stack keeps its state: a local file (default) or OSS with a Tablestore lock. */
export function useStateBackend(stack: TerraformStack, env: Environment, projectRoot: string): void {
  const state = env.stateBackend;
  if (state.type === 'local') {
    const path = state.path ?? `terraform.${env.name}.tfstate`;
    new LocalBackend(stack, { path: isAbsolute(path) ? path : join(projectRoot, path) });
    return;
  }
  const region = state.region ?? env.region;
  new OssBackend(stack, {
    bucket: state.bucket,
    prefix: `${state.prefix}/${env.name}`,
    key: state.key,
    region,
    encrypt: true,
    acl: 'private',
    tablestoreEndpoint: otsEndpoint(state.lockInstance, region),
    tablestoreTable: state.lockTable,
  });
}

export interface StateStoreProps {
  state: OssState;
  region: string;
  account: string;
  tags?: Record<string, string>;
}

/** The state bucket (private, encrypted, versioned) and the lock table, for the bootstrap stack. */
export class StateStore extends Construct {
  readonly bucket: PrivateBucket;
  readonly lockTable: TablestoreTable;

  constructor(scope: Construct, id: string, props: StateStoreProps) {
    super(scope, id);
    const { state, region, account, tags } = props;
    this.bucket = new PrivateBucket(this, 'bucket', {
      name: state.bucket,
      region,
      account,
      // State must outlive any environment: never force-destroyed, every version kept.
      create: { encryption: 'AES256', versioning: true, forceDestroy: false, tags },
    });
    const instance = new TablestoreInstance(this, 'lock-instance', {
      name: state.lockInstance,
      region,
      account,
      create: { type: 'Capacity', description: 'ots2oss terraform state lock' },
      tags,
    });
    this.lockTable = new TablestoreTable(this, 'lock-table', {
      instance,
      name: state.lockTable,
      create: { primaryKey: [...LOCK_TABLE_KEY], timeToLive: -1, maxVersion: 1 },
    });
  }
}
