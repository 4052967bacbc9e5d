import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { USED_DATA_SOURCES, USED_RESOURCES } from '../../stacks/provider-resources.ts';
import { loadEnvironments } from '../../stacks/config.ts';
import { validateDocument, type ProviderSchema } from './support/provider-schema.ts';
import { projectRoot, synthEnvironments, type Synthesized, type TfDoc } from './support/synth.ts';

// No `terraform validate` can run offline (it needs the provider binary), so every synthesized
// block is checked against the provider's own schema instead.

const schemaPath = resolve(projectRoot, process.env.ALICLOUD_PROVIDER_SCHEMA ?? '../shared/terraform/alicloud-provider-schema-1.256.0.json');
const PROVIDER = 'registry.terraform.io/aliyun/alicloud';
const absent = existsSync(schemaPath)
  ? false
  : `provider schema not found at ${schemaPath}: set ALICLOUD_PROVIDER_SCHEMA to the output of \`terraform providers schema -json\` to run these checks`;

function loadSchema(): ProviderSchema {
  const file = JSON.parse(readFileSync(schemaPath, 'utf8')) as { provider_schemas: Record<string, ProviderSchema> };
  const schema = file.provider_schemas[PROVIDER];
  assert.ok(schema, `${schemaPath} holds no ${PROVIDER} schema`);
  return schema;
}

describe('synthesized stacks conform to the aliyun/alicloud 1.256.0 schema', { skip: absent }, () => {
  let schema: ProviderSchema;
  let stacks: Map<string, Synthesized>;
  let cleanup = () => {};

  before(async () => {
    schema = loadSchema();
    const synth = await synthEnvironments(loadEnvironments(join(projectRoot, 'environments')));
    stacks = synth.stacks;
    cleanup = synth.cleanup;
  });
  after(() => cleanup());

  it('synthesizes a stack per example environment, plus the state bootstrap', () => {
    assert.deepEqual([...stacks.keys()].sort(), ['dev', 'prod', 'prod-state']);
  });

  for (const name of ['dev', 'prod', 'prod-state']) {
    it(`${name}: every resource, data source and provider block is valid`, () => {
      const { doc } = stacks.get(name) as Synthesized;
      const blocks = Object.values(doc.resource ?? {}).flatMap(Object.keys).length;
      assert.ok(blocks > 0, 'the stack has resources to check');
      assert.deepEqual(validateDocument(doc as Parameters<typeof validateDocument>[0], schema), []);
    });
  }

  it('uses only the resource types the bindings were generated for, and all of them', () => {
    const used = new Set<string>();
    const usedData = new Set<string>();
    for (const { doc } of stacks.values()) {
      Object.keys(doc.resource ?? {}).forEach((t) => used.add(t));
      Object.keys(doc.data ?? {}).forEach((t) => usedData.add(t));
    }
    used.delete('terraform_data');
    assert.deepEqual([...used].sort(), [...USED_RESOURCES].sort());
    assert.deepEqual([...usedData].sort(), [...USED_DATA_SOURCES].sort());
  });

  it('pins the provider version the schema describes', () => {
    for (const { doc } of stacks.values()) {
      assert.deepEqual(doc.terraform?.required_providers?.alicloud, { source: 'aliyun/alicloud', version: '1.256.0' });
    }
  });

  describe('the checker itself', () => {
    const table = (body: Record<string, unknown>): TfDoc => ({ resource: { alicloud_ots_table: { t: body } } });
    const good = { instance_name: 'i', table_name: 't', time_to_live: -1, max_version: 1, primary_key: [{ name: 'a', type: 'String' }] };
    const problems = (doc: TfDoc) => validateDocument(doc as Parameters<typeof validateDocument>[0], schema);

    it('accepts a valid block', () => {
      assert.deepEqual(problems(table(good)), []);
    });
    it('reports unknown attributes, wrong types and missing required attributes', () => {
      const { table_name: _t, ...rest } = good;
      const found = problems(table({ ...rest, max_version: '1', stream_enabled: true }));
      assert.deepEqual(found.sort(), [
        'alicloud_ots_table.t.max_version: expected number, got string',
        'alicloud_ots_table.t.stream_enabled: no such attribute or block',
        'alicloud_ots_table.t.table_name: is required',
      ]);
    });
    it('reports block counts outside min/max and bad nested attributes', () => {
      const five = Array.from({ length: 5 }, (_, i) => ({ name: `k${i}`, type: 'String' }));
      assert.deepEqual(problems(table({ ...good, primary_key: five })), ['alicloud_ots_table.t.primary_key: allows at most 4 block(s), has 5']);
      assert.deepEqual(problems(table({ ...good, primary_key: [] })), ['alicloud_ots_table.t.primary_key: needs at least 1 block(s), has 0']);
      assert.deepEqual(problems(table({ ...good, primary_key: [{ name: 'a' }] })), ['alicloud_ots_table.t.primary_key[0].type: is required']);
    });
    it('reports read-only and deprecated attributes, map and list element types, unknown types', () => {
      const doc: TfDoc = {
        resource: {
          alicloud_oss_bucket: { b: { bucket: 'b', acl: 'private', owner: 'me', tags: { a: 1 } } },
          alicloud_fcv3_function: { f: { handler: 'h', runtime: 'nodejs20', layers: 'x' } },
          alicloud_nope: { n: {} },
        },
      };
      assert.deepEqual(problems(doc).sort(), [
        'alicloud_fcv3_function.f.layers: expected list, got string',
        'alicloud_nope.n: unknown resource type',
        'alicloud_oss_bucket.b.acl: is deprecated',
        'alicloud_oss_bucket.b.owner: is read-only (computed)',
        'alicloud_oss_bucket.b.tags.a: expected string, got number',
      ]);
    });
    it('checks provider blocks and local-exec provisioners', () => {
      const doc: TfDoc = {
        provider: { alicloud: [{ region: 'cn-hangzhou', regoin: 'x' }] },
        resource: { terraform_data: { d: { triggers_replace: { a: 1 }, provisioner: [{ 'local-exec': { cmd: 'x' } }] } } },
      };
      assert.deepEqual(problems(doc).sort(), [
        'provider.alicloud[0].regoin: no such attribute or block',
        'terraform_data.d.provisioner[0].local-exec.cmd: no such attribute or block',
        'terraform_data.d.provisioner[0].local-exec.command: is required',
      ]);
    });
  });
});
