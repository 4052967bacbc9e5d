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

export { ossInternalEndpoint, otsEndpoint, otsEndpointParts, regionOfEndpoint } from '../runtime/config/endpoints.ts';

/** Words CreateInstance refuses anywhere in an instance name, in any case. */
const RESERVED_INSTANCE_WORDS = ['ali', 'ay', 'ots', 'taobao', 'admin'];

/** The reserved word a new instance's name contains, if any: such a name fails only at apply. */
export function reservedInstanceWord(name: string): string | undefined {
  const lower = name.toLowerCase();
  return RESERVED_INSTANCE_WORDS.find((word) => lower.includes(word));
}

/** The variable the function reads its job from. */
export const JOB_ENV_VAR = 'OTS2OSS_JOB';
/** FC's limit on the size of all of a function's environment variables together. */
export const FC_ENVIRONMENT_BYTES = 4096;

const CONSTANT_PLACEHOLDERS = ['instance', 'table', 'job'] as const;
export type TemplateValues = Record<(typeof CONSTANT_PLACEHOLDERS)[number], string>;

/** The object template with the per-job placeholders filled in: how every key of the job begins. */
export function resolvedTemplate(template: string, values: TemplateValues): string {
  let resolved = template;
  for (const key of CONSTANT_PLACEHOLDERS) resolved = resolved.replaceAll(`{${key}}`, values[key]);
  return resolved;
}

/** How every key of a job begins: objects are named `<resolved template>/<window>_...`. */
export function keysStart(template: string, values: TemplateValues): string {
  return `${resolvedTemplate(template, values)}/`;
}

/**
 * The fixed key prefix every object of a job starts with: the keys' start cut at the last "/"
 * before its first per-window placeholder ({date}, {hour}, ...).
 */
export function fixedPrefix(template: string, values: TemplateValues): string {
  const keys = keysStart(template, values);
  const variable = keys.indexOf('{');
  return keys.slice(0, keys.lastIndexOf('/', variable < 0 ? keys.length : variable) + 1);
}
