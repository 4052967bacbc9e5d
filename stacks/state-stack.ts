import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { DataAlicloudCallerIdentity } from '../.gen/providers/alicloud/data-alicloud-caller-identity/index.ts';
import { AlicloudProvider } from '../.gen/providers/alicloud/provider/index.ts';
import type { Environment } from './config.ts';
import { StateStore } from './constructs/state-backend.ts';
import { environmentTags } from './export-stack.ts';

export interface StateBootstrapStackProps {
  env: Environment;
  projectRoot: string;
}

/** `<env>-state`: creates the OSS state bucket and Tablestore lock table an environment's OSS backend uses. Its own state stays local. */
export class StateBootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: StateBootstrapStackProps) {
    const { env } = props;
    const state = env.stateBackend;
    if (state.type !== 'oss') throw new Error(`environment "${env.name}" keeps its state locally: it needs no bootstrap stack`);
    const id = `${env.name}-state`;
    super(scope, id);
    const region = state.region ?? env.region;
    new AlicloudProvider(this, 'alicloud', { region });
    new LocalBackend(this, { path: join(props.projectRoot, `terraform.${id}.tfstate`) });
    const account = new DataAlicloudCallerIdentity(this, 'caller').accountId;
    const store = new StateStore(this, 'state', { state, region, account, tags: environmentTags(env) });
    new TerraformOutput(this, 'state_bucket', { value: store.bucket.ref });
    new TerraformOutput(this, 'lock_table', { value: `${store.lockTable.instance.ref}/${store.lockTable.ref}` });
  }
}
