// Checks synthesized Terraform JSON against a provider's `terraform providers schema -json`
// output, the way `terraform validate` would for the static parts: attribute names, types,
// required attributes, block nesting and item counts, read-only and deprecated attributes.

export type CtyType = string | [string, unknown];

export interface SchemaAttribute {
  type?: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  deprecated?: boolean;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
}

export interface SchemaBlockType {
  nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map';
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

export interface ProviderSchema {
  provider: { block: SchemaBlock };
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
}

/** Meta-arguments Terraform accepts on every resource or data source, and on a provider block. */
const RESOURCE_META: ReadonlySet<string> = new Set(['//', 'depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'provisioner', 'connection']);
const PROVIDER_META: ReadonlySet<string> = new Set(['alias']);
const NO_META: ReadonlySet<string> = new Set();
const LOCAL_EXEC: SchemaBlock = {
  attributes: {
    command: { type: 'string', required: true },
    working_dir: { type: 'string', optional: true },
    interpreter: { type: ['list', 'string'], optional: true },
    environment: { type: ['map', 'string'], optional: true },
    when: { type: 'string', optional: true },
    on_failure: { type: 'string', optional: true },
    quiet: { type: 'bool', optional: true },
  },
};

/** The built-in terraform_data resource (terraform.io/builtin/terraform). */
export const TERRAFORM_DATA: SchemaBlock = {
  attributes: {
    id: { type: 'string', computed: true },
    input: { type: 'dynamic', optional: true },
    output: { type: 'dynamic', computed: true },
    triggers_replace: { type: 'dynamic', optional: true },
  },
};

const describe = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v);
/** A string holding a Terraform expression has a type only Terraform can know. */
const isExpression = (v: unknown) => typeof v === 'string' && /\$\{/.test(v.replaceAll('$${', ''));

export function checkType(value: unknown, type: CtyType, path: string, problems: string[]): void {
  if (isExpression(value) || type === 'dynamic') return;
  if (typeof type === 'string') {
    const ok = type === 'string' ? typeof value === 'string' : type === 'number' ? typeof value === 'number' : type === 'bool' ? typeof value === 'boolean' : false;
    if (!ok) problems.push(`${path}: expected ${type}, got ${describe(value)}`);
    return;
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected ${kind}, got ${describe(value)}`);
    value.forEach((v, i) => checkType(v, inner as CtyType, `${path}[${i}]`, problems));
  } else if (kind === 'map') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: expected map, got ${describe(value)}`);
    for (const [k, v] of Object.entries(value)) checkType(v, inner as CtyType, `${path}.${k}`, problems);
  } else if (kind === 'object') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: expected object, got ${describe(value)}`);
    const attrs = inner as Record<string, CtyType>;
    for (const [k, v] of Object.entries(value)) {
      const t = attrs[k];
      if (t === undefined) problems.push(`${path}.${k}: not an attribute of this object`);
      else checkType(v, t, `${path}.${k}`, problems);
    }
  } else {
    problems.push(`${path}: unknown type ${JSON.stringify(type)} in schema`);
  }
}

function checkBlockType(value: unknown, bt: SchemaBlockType, path: string, problems: string[]): void {
  if (isExpression(value)) return;
  if (bt.nesting_mode === 'single' || bt.nesting_mode === 'group') {
    const item = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return void problems.push(`${path}: expected one block, got ${describe(value)}`);
    return checkBlock(item as Record<string, unknown>, bt.block, path, problems);
  }
  if (bt.nesting_mode === 'map') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: expected a map of blocks`);
    for (const [k, v] of Object.entries(value)) checkBlock(v as Record<string, unknown>, bt.block, `${path}.${k}`, problems);
    return;
  }
  // list or set: Terraform JSON takes an array of blocks, or one object for a single block.
  const items = Array.isArray(value) ? value : [value];
  if (bt.min_items !== undefined && items.length < bt.min_items) problems.push(`${path}: needs at least ${bt.min_items} block(s), has ${items.length}`);
  if (bt.max_items !== undefined && bt.max_items > 0 && items.length > bt.max_items) problems.push(`${path}: allows at most ${bt.max_items} block(s), has ${items.length}`);
  items.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return void problems.push(`${path}[${i}]: expected a block, got ${describe(item)}`);
    checkBlock(item as Record<string, unknown>, bt.block, `${path}[${i}]`, problems);
  });
}

/** Problems of one block body; `meta` names the meta-arguments allowed beside the schema's own. */
export function checkBlock(body: Record<string, unknown>, schema: SchemaBlock, path: string, problems: string[], meta: ReadonlySet<string> = NO_META): void {
  const attributes = schema.attributes ?? {};
  const blocks = schema.block_types ?? {};
  for (const [key, value] of Object.entries(body)) {
    if (meta.has(key)) continue;
    const attr = attributes[key];
    const bt = blocks[key];
    if (attr) {
      if (!attr.optional && !attr.required) problems.push(`${path}.${key}: is read-only (computed)`);
      if (attr.deprecated) problems.push(`${path}.${key}: is deprecated`);
      checkType(value, attr.type ?? 'dynamic', `${path}.${key}`, problems);
    } else if (bt) {
      checkBlockType(value, bt, `${path}.${key}`, problems);
    } else {
      problems.push(`${path}.${key}: no such attribute or block`);
    }
  }
  for (const [key, attr] of Object.entries(attributes)) {
    if (attr.required && !(key in body)) problems.push(`${path}.${key}: is required`);
  }
  for (const [key, bt] of Object.entries(blocks)) {
    if ((bt.min_items ?? 0) > 0 && !(key in body)) problems.push(`${path}.${key}: needs at least ${bt.min_items} block(s), has none`);
  }
}

/** Only local-exec is used (and checked); any other provisioner is reported. */
function checkProvisioners(value: unknown, path: string, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return void problems.push(`${path}: expected a list of provisioners`);
  value.forEach((p: unknown, i) => {
    const entries = p && typeof p === 'object' ? Object.entries(p) : [];
    const [kind, body] = entries[0] ?? [];
    if (entries.length !== 1 || kind !== 'local-exec' || !body || typeof body !== 'object') {
      return void problems.push(`${path}[${i}]: expected exactly one local-exec provisioner`);
    }
    checkBlock(body as Record<string, unknown>, LOCAL_EXEC, `${path}[${i}].local-exec`, problems);
  });
}

export interface TfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
}

/** Every problem in a synthesized document, each prefixed by its address; [] when it conforms. */
export function validateDocument(doc: TfJson, schema: ProviderSchema, providerName = 'alicloud'): string[] {
  const problems: string[] = [];
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    const s = type === 'terraform_data' ? TERRAFORM_DATA : schema.resource_schemas[type]?.block;
    for (const [name, body] of Object.entries(byName)) {
      if (!s) problems.push(`${type}.${name}: unknown resource type`);
      else checkBlock(body, s, `${type}.${name}`, problems, RESOURCE_META);
      checkProvisioners(body.provisioner, `${type}.${name}.provisioner`, problems);
    }
  }
  for (const [type, byName] of Object.entries(doc.data ?? {})) {
    const s = schema.data_source_schemas[type]?.block;
    for (const [name, body] of Object.entries(byName)) {
      if (!s) problems.push(`data.${type}.${name}: unknown data source`);
      else checkBlock(body, s, `data.${type}.${name}`, problems, RESOURCE_META);
    }
  }
  for (const [name, configs] of Object.entries(doc.provider ?? {})) {
    if (name !== providerName) {
      problems.push(`provider.${name}: not the provider this schema describes`);
      continue;
    }
    configs.forEach((config, i) => checkBlock(config, schema.provider.block, `provider.${name}[${i}]`, problems, PROVIDER_META));
  }
  return problems;
}
