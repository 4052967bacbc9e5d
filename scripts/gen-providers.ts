// Regenerates the committed Alibaba Cloud provider bindings in .gen/providers/alicloud from
// the output of `terraform providers schema -json`, keeping only what the stacks use.
// Usage: npm run gen:providers -- <schema.json>
import { CodeMaker, TerraformProviderConstraint, TerraformProviderGenerator } from '@cdktf/provider-generator';
import { ConstructsMakerProviderTarget, Language } from '@cdktf/commons';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { USED_DATA_SOURCES, USED_RESOURCES } from '../stacks/provider-resources.ts';

const PROVIDER = 'registry.terraform.io/aliyun/alicloud';

type Schemas = Record<string, unknown>;
interface ProviderEntry {
  provider: unknown;
  resource_schemas: Schemas;
  data_source_schemas: Schemas;
}
export interface SchemaFile {
  format_version: string;
  provider_schemas: Record<string, ProviderEntry>;
  provider_versions?: Record<string, string>;
}

function pick(all: Schemas, names: readonly string[], kind: string): Schemas {
  const out: Schemas = {};
  for (const name of names) {
    if (!(name in all)) throw new Error(`${kind} ${name} is not in the schema: is it the aliyun/alicloud provider schema?`);
    out[name] = all[name];
  }
  return out;
}

/** The schema reduced to the provider block and the used resources and data sources. */
export function filterSchema(file: SchemaFile): SchemaFile {
  const entry = file.provider_schemas?.[PROVIDER];
  if (!entry) throw new Error(`no ${PROVIDER} in provider_schemas: produce the file with \`terraform providers schema -json\``);
  return {
    format_version: file.format_version,
    provider_schemas: {
      [PROVIDER]: {
        provider: entry.provider,
        resource_schemas: pick(entry.resource_schemas, USED_RESOURCES, 'resource'),
        data_source_schemas: pick(entry.data_source_schemas, USED_DATA_SOURCES, 'data source'),
      },
    },
  };
}

const MISSING_OVERRIDE = new Set([4114, 4115, 4116]);
const SIGNATURE_MODIFIERS = new Set([ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.StaticKeyword]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Where `override` goes in a member or parameter property: after its accessibility/static keywords. */
function overridePosition(node: ts.Node): number | undefined {
  let n: ts.Node | undefined = node;
  while (n && !ts.isParameter(n) && !ts.isClassElement(n)) n = n.parent;
  if (!n) return undefined;
  const modifiers = ts.canHaveModifiers(n) ? (ts.getModifiers(n) ?? []) : [];
  const leading = modifiers.filter((m) => SIGNATURE_MODIFIERS.has(m.kind));
  const last = leading[leading.length - 1];
  return last ? last.getEnd() + 1 : n.getStart();
}

function nodeAt(file: ts.SourceFile, pos: number): ts.Node {
  let found: ts.Node = file;
  const visit = (n: ts.Node): void => {
    if (n.getStart(file) <= pos && pos < n.getEnd()) {
      found = n;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}

/**
 * The generator omits `override`, which the project's strict `noImplicitOverride` requires;
 * the compiler itself says where each one is missing, so add exactly those.
 */
export function addOverrideModifiers(dir: string, options: ts.CompilerOptions = {}): number {
  const program = ts.createProgram(tsFiles(dir), { ...options, noEmit: true, noImplicitOverride: true });
  const edits = new Map<string, number[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!MISSING_OVERRIDE.has(d.code) || !d.file || d.start === undefined) continue;
    const pos = overridePosition(nodeAt(d.file, d.start));
    if (pos === undefined) continue;
    edits.set(d.file.fileName, [...(edits.get(d.file.fileName) ?? []), pos]);
  }
  let count = 0;
  for (const [file, positions] of edits) {
    let text = readFileSync(file, 'utf8');
    for (const pos of [...new Set(positions)].sort((a, b) => b - a)) {
      text = `${text.slice(0, pos)}override ${text.slice(pos)}`;
      count++;
    }
    writeFileSync(file, text);
  }
  return count;
}

/** The project's compiler options; packages resolve from the project even for output outside it. */
export function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
  // The bindings need no ambient types (node's are the slow part to load).
  return { ...options, types: [], paths: { '*': [join(root, 'node_modules', '*')] } };
}

/** The provider pin from cdktf.json, e.g. aliyun/alicloud@1.256.0, as `cdktf get` reads it. */
function providerPin(root: string): TerraformProviderConstraint {
  const cdktf = JSON.parse(readFileSync(join(root, 'cdktf.json'), 'utf8')) as { terraformProviders?: unknown };
  const pins = Array.isArray(cdktf.terraformProviders) ? cdktf.terraformProviders.filter((p): p is string => typeof p === 'string') : [];
  const pin = pins.find((p) => p.startsWith('aliyun/alicloud'));
  if (!pin) throw new Error('cdktf.json must list "aliyun/alicloud@<version>" in terraformProviders');
  return new TerraformProviderConstraint(pin);
}

export interface GenerateOptions {
  /** Default <root>/.gen. */
  outDir?: string;
  /** Add the `override` modifiers noImplicitOverride asks for (default true; the slow part). */
  addOverrides?: boolean;
}

/** Writes the bindings for the pinned provider, as `cdktf get` would, into <outDir>/providers/alicloud. */
export async function generateBindings(schema: SchemaFile, root: string, options: GenerateOptions = {}): Promise<string> {
  const outDir = options.outDir ?? join(root, '.gen');
  const pin = providerPin(root);
  const filtered = { ...filterSchema(schema), provider_versions: { [PROVIDER]: pin.version ?? '' } };
  rmSync(join(outDir, 'providers', 'alicloud'), { recursive: true, force: true });
  const code = new CodeMaker();
  // The generator's schema type is stricter than JSON.parse can prove; filterSchema checked the shape that matters.
  const generator = new TerraformProviderGenerator(code, filtered as unknown as ConstructorParameters<typeof TerraformProviderGenerator>[1]);
  generator.generate(ConstructsMakerProviderTarget.from(pin, Language.TYPESCRIPT));
  await generator.save(outDir);
  const dir = join(outDir, 'providers', 'alicloud');
  if (options.addOverrides ?? true) addOverrideModifiers(dir, compilerOptions(root));
  return dir;
}

async function main(): Promise<void> {
  const schemaPath = process.argv[2];
  if (!schemaPath) {
    console.error('usage: npm run gen:providers -- <schema.json>   (from `terraform providers schema -json`)');
    process.exit(2);
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = await generateBindings(JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaFile, root);
  console.log(`wrote ${dir}: ${USED_RESOURCES.length} resources, ${USED_DATA_SOURCES.length} data source, provider block`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
