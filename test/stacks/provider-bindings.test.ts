import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { addOverrideModifiers, compilerOptions, generateBindings, type SchemaFile } from '../../scripts/gen-providers.ts';
import { projectRoot } from './support/synth.ts';

const schemaPath = resolve(projectRoot, process.env.ALICLOUD_PROVIDER_SCHEMA ?? '../shared/terraform/alicloud-provider-schema-1.256.0.json');
const absent = existsSync(schemaPath) ? false : `provider schema not found at ${schemaPath}: set ALICLOUD_PROVIDER_SCHEMA to run this check`;
const work = mkdtempSync(join(tmpdir(), 'ots2oss-gen-'));
after(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The committed files differ from the raw generator output only by the `override` modifiers added for noImplicitOverride. */
const withoutOverrides = (text: string) => text.replaceAll('override ', '');

describe('committed provider bindings', { skip: absent }, () => {
  it('are what `npm run gen:providers` produces from the pinned schema', async () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaFile;
    const generated = await generateBindings(schema, projectRoot, { outDir: join(work, 'gen'), addOverrides: false });
    const committed = join(projectRoot, '.gen', 'providers', 'alicloud');
    assert.deepEqual(files(generated), files(committed));
    for (const file of files(committed)) {
      assert.equal(withoutOverrides(readFileSync(join(generated, file), 'utf8')), withoutOverrides(readFileSync(join(committed, file), 'utf8')), file);
    }
    const provider = readFileSync(join(committed, 'provider', 'index.ts'), 'utf8');
    assert.match(provider, /providerVersionConstraint: '1\.256\.0'/, 'pinned like `cdktf get` pins it');
  });

  it('refuses a schema that is not the aliyun/alicloud provider\'s', async () => {
    await assert.rejects(generateBindings({ format_version: '1.0', provider_schemas: {} }, projectRoot, { outDir: join(work, 'bad') }), /no registry\.terraform\.io\/aliyun\/alicloud in provider_schemas/);
  });
});

describe('override modifiers', () => {
  it('are added exactly where the compiler reports them missing', () => {
    const dir = join(work, 'override');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'base.ts'), 'export class Base {\n  constructor(protected readonly name: string) {}\n  protected render(): string { return this.name; }\n  get id(): string { return "b"; }\n}\n');
    writeFileSync(join(dir, 'child.ts'), [
      "import { Base } from './base.ts';",
      'export class Child extends Base {',
      '  constructor(protected readonly name: string, private extra: number) { super(name); }',
      '  protected render(): string { return `${this.name}${this.extra}`; }',
      '  public get id(): string { return "c"; }',
      '  own(): number { return 1; }',
      '}',
      '',
    ].join('\n'));
    const options = { ...compilerOptions(projectRoot), allowImportingTsExtensions: true };
    assert.equal(addOverrideModifiers(dir, options), 3);
    assert.equal(readFileSync(join(dir, 'child.ts'), 'utf8'), [
      "import { Base } from './base.ts';",
      'export class Child extends Base {',
      '  constructor(protected override readonly name: string, private extra: number) { super(name); }',
      '  protected override render(): string { return `${this.name}${this.extra}`; }',
      '  public override get id(): string { return "c"; }',
      '  own(): number { return 1; }',
      '}',
      '',
    ].join('\n'));
    assert.equal(addOverrideModifiers(dir, options), 0, 'a second pass finds nothing left to add');
  });
});
