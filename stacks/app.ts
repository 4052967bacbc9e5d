import type { App, TerraformStack } from 'cdktf';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../runtime/config/validation.ts';
import type { FunctionBundle } from './bundle.ts';
import { loadEnvironment, type Environment } from './config.ts';
import { ExportStack } from './export-stack.ts';
import { StateBootstrapStack } from './state-stack.ts';

/** Every environments/*.json, validated; one ConfigError lists the problems of all bad files. */
export function loadEnvironments(dir: string): Environment[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new ConfigError(dir, ['holds no <name>.json environment file']);
  const envs: Environment[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      envs.push(loadEnvironment(join(dir, file)));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems.map((p) => `${file}: ${p}`));
    }
  }
  if (problems.length) throw new ConfigError(dir, problems);
  const bootstrapped = new Map<string, string>();
  for (const env of envs) {
    const state = env.stateBackend;
    if (state.type !== 'oss' || !state.bootstrap) continue;
    const other = bootstrapped.get(state.bucket);
    if (other) problems.push(`${env.name}.json: stateBackend.bootstrap: ${other}.json already bootstraps bucket "${state.bucket}"; set bootstrap to false here`);
    bootstrapped.set(state.bucket, env.name);
  }
  if (problems.length) throw new ConfigError(dir, problems);
  return envs;
}

/** One stack per environment (named after it), plus `<env>-state` for OSS backends that bootstrap. */
export function addEnvironmentStacks(app: App, envs: Environment[], bundle: FunctionBundle, projectRoot: string): TerraformStack[] {
  return envs.flatMap((env) => {
    const stacks: TerraformStack[] = [new ExportStack(app, { env, bundle, projectRoot })];
    if (env.stateBackend.type === 'oss' && env.stateBackend.bootstrap) stacks.push(new StateBootstrapStack(app, { env, projectRoot }));
    return stacks;
  });
}
