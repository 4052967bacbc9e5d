import type { App, TerraformStack } from 'cdktf';
import type { FunctionBundle } from './bundle.ts';
import type { Environment } from './config.ts';
import { ExportStack } from './export-stack.ts';
import { StateBootstrapStack } from './state-stack.ts';

/** One stack per environment (named after it), plus `<env>-state` for OSS backends that bootstrap. */
export function addEnvironmentStacks(app: App, envs: Environment[], bundle: FunctionBundle, projectRoot: string): TerraformStack[] {
  return envs.flatMap((env) => {
    const stacks: TerraformStack[] = [new ExportStack(app, { env, bundle, projectRoot })];
    if (env.stateBackend.type === 'oss' && env.stateBackend.bootstrap) stacks.push(new StateBootstrapStack(app, { env, projectRoot }));
    return stacks;
  });
}
