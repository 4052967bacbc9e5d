// Physical names and service addresses derived from an environment. Pure: the stacks and the
// local demo both use it, so both agree on every name.

export interface Naming {
  name: string;
  namePrefix: string;
  nameSuffix: string;
}

/** The name of something the stack creates: the configured name wrapped in the environment's prefix/suffix. */
export function physicalName(env: Naming, base: string): string {
  return `${env.namePrefix}${base}${env.nameSuffix}`;
}

/** Name of a per-job resource (function, RAM role and policy). */
export function jobResourceName(env: Naming, job: string): string {
  return physicalName(env, `ots2oss-${env.name}-${job}`);
}

/** Tablestore public endpoint of an instance; the deployer's machine and the function both reach it. */
export function otsEndpoint(instance: string, region: string): string {
  return `https://${instance}.${region}.ots.aliyuncs.com`;
}

/** OSS endpoint inside the region, which FC reaches without internet traffic. */
export function ossInternalEndpoint(region: string): string {
  return `https://oss-${region}-internal.aliyuncs.com`;
}

const CONSTANT_PLACEHOLDERS = ['instance', 'table', 'job'] as const;
export type TemplateValues = Record<(typeof CONSTANT_PLACEHOLDERS)[number], string>;

/** The object template with the per-job placeholders filled in: how every key of the job begins. */
export function resolvedTemplate(template: string, values: TemplateValues): string {
  let resolved = template;
  for (const key of CONSTANT_PLACEHOLDERS) resolved = resolved.replaceAll(`{${key}}`, values[key]);
  return resolved;
}

/**
 * The fixed key prefix every object of a job starts with: the resolved template cut at the
 * last "/" before its first per-window placeholder ({date}, {hour}, ...).
 */
export function fixedPrefix(template: string, values: TemplateValues): string {
  const resolved = resolvedTemplate(template, values);
  const variable = resolved.indexOf('{');
  const end = variable < 0 ? resolved.length : variable;
  return resolved.slice(0, resolved.lastIndexOf('/', end) + 1);
}
