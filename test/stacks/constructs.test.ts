import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TerraformStack, Testing } from 'cdktf';
import { AlicloudProvider } from '../../.gen/providers/alicloud/provider/index.ts';
import { PrivateBucket } from '../../stacks/constructs/bucket.ts';
import { escapeTemplate } from '../../stacks/terraform-text.ts';
import { FunctionRole } from '../../stacks/constructs/role.ts';
import { TableStream } from '../../stacks/constructs/table-stream.ts';
import { TablestoreInstance, TablestoreTable } from '../../stacks/constructs/tablestore.ts';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'unit');
  new AlicloudProvider(s, 'alicloud', { region: 'cn-hangzhou' });
  return s;
}

function synthesizedBucket(s: TerraformStack): Record<string, unknown> {
  const synthesized = JSON.parse(Testing.synth(s)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const [created] = Object.values(synthesized.resource.alicloud_oss_bucket ?? {});
  assert.ok(created, 'a bucket was synthesized');
  return created;
}

describe('constructs', () => {
  it('a bucket it does not create takes no lifecycle rule, and a grant needs a prefix', () => {
    const s = stack();
    const adopted = new PrivateBucket(s, 'adopted', { name: 'existing', region: 'cn-hangzhou', account: '1' });
    assert.equal(adopted.resource, undefined);
    assert.equal(adopted.ref, 'existing');
    assert.throws(() => adopted.expireObjects('p/', 3), /unit\/adopted: lifecycle rules need a bucket this stack creates/);
    assert.throws(() => adopted.grantWrite(new FunctionRole(s, 'role', { name: 'r' }), ''), /grantWrite needs a non-empty prefix/);
  });

  it('a created bucket drops unfinished uploads, and collects one expiry rule per prefix', () => {
    const s = stack();
    const bucket = new PrivateBucket(s, 'b', { name: 'new-bucket', region: 'cn-hangzhou', account: '1', create: {} });
    const abort = { id: 'abort-incomplete-uploads', enabled: true, abort_multipart_upload: [{ days: 2 }] };
    assert.deepEqual(synthesizedBucket(s).lifecycle_rule, [abort], 'without any expiry, parts of killed runs still go');
    bucket.expireObjects('a/', 1);
    bucket.expireObjects('b/x/', 30);
    const created = synthesizedBucket(s);
    assert.deepEqual(created.lifecycle_rule, [
      abort,
      { id: 'expire-a-', prefix: 'a/', enabled: true, expiration: [{ days: 1 }] },
      { id: 'expire-b-x-', prefix: 'b/x/', enabled: true, expiration: [{ days: 30 }] },
    ]);
    assert.equal(created.force_destroy, false, 'never force-destroyed unless asked');
    // The encryption resource owns the rule; the bucket must not plan to delete what it reads back.
    assert.deepEqual(created.lifecycle, { ignore_changes: ['server_side_encryption_rule'] });
    assert.deepEqual(bucket.settings.map((r) => (r as unknown as { terraformResourceType: string }).terraformResourceType).sort(),
      ['alicloud_oss_bucket_acl', 'alicloud_oss_bucket_public_access_block', 'alicloud_oss_bucket_server_side_encryption']);
  });

  it('a writer of a bucket under a customer KMS key may use that key, and no other', () => {
    const s = stack();
    const grants = (create: ConstructorParameters<typeof PrivateBucket>[2]['create'], id: string) => {
      const role = new FunctionRole(s, `role-${id}`, { name: id });
      new PrivateBucket(s, id, { name: id, region: 'cn-shanghai', account: '123', create }).grantWrite(role, 'p/');
      return role.grants.filter((g) => g.Action.some((a) => a.startsWith('kms:')));
    };
    assert.deepEqual(grants({ encryption: 'KMS', kmsKeyId: 'key-abc' }, 'cmk'), [
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: ['acs:kms:cn-shanghai:123:key/key-abc'] },
    ]);
    assert.deepEqual(grants({ encryption: 'KMS' }, 'oss-key'), [], "OSS's own key needs no grant");
    assert.deepEqual(grants({ encryption: 'AES256' }, 'aes'), []);
  });

  it('a stream step refuses an expiration Tablestore would reject', () => {
    const s = stack();
    const instance = new TablestoreInstance(s, 'i', { name: 'shop', region: 'cn-hangzhou', account: '1' });
    const table = new TablestoreTable(s, 't', { instance, name: 'orders' });
    assert.throws(() => new TableStream(s, 'stream', { table, expirationHours: 169 }), /expirationHours must be a whole number from 1 to 168, got 169/);
    assert.equal(new TableStream(s, 'ok', { table, expirationHours: 168 }).command,
      'npx --no ots2oss enable-stream --endpoint https://shop.cn-hangzhou.ots.aliyuncs.com --instance shop --table orders --expiration-hours 168');
  });

  it('a stream step runs again when the stack replaces the table or the instance under the same names', () => {
    const s = stack();
    const created = new TablestoreInstance(s, 'i', { name: 'shop', region: 'cn-hangzhou', account: '1', create: { type: 'Capacity' } });
    new TableStream(s, 'new', { table: new TablestoreTable(s, 't', { instance: created, name: 'orders', create: { primaryKey: [{ name: 'id', type: 'STRING' }] } }), expirationHours: 24 });
    const adopted = new TablestoreInstance(s, 'old', { name: 'legacy', region: 'cn-hangzhou', account: '1' });
    new TableStream(s, 'adopted', { table: new TablestoreTable(s, 'u', { instance: adopted, name: 'events' }), expirationHours: 24 });
    const data = (JSON.parse(Testing.synth(s)) as { resource: Record<string, Record<string, { lifecycle?: { replace_triggered_by?: string[] } }>> }).resource.terraform_data ?? {};
    const [onCreated, onAdopted] = [Object.entries(data).find(([k]) => k.startsWith('new_'))?.[1], Object.entries(data).find(([k]) => k.startsWith('adopted_'))?.[1]];
    // Bare addresses of declared resources: Terraform refuses "${...}" in replace_triggered_by.
    const resources = (JSON.parse(Testing.synth(s)) as { resource: Record<string, Record<string, unknown>> }).resource;
    const declared = Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
    const triggers = onCreated?.lifecycle?.replace_triggered_by ?? [];
    assert.deepEqual(triggers.map((r) => r.split('.')[0]).sort(), ['alicloud_ots_instance', 'alicloud_ots_table']);
    for (const address of triggers) assert.ok(declared.includes(address), `${address} is a declared resource's bare address`);
    assert.equal(onAdopted?.lifecycle, undefined, 'what the stack does not create, it cannot replace');
  });

  it('escapes Terraform template syntax in literal values, so the function sees the text as written', () => {
    assert.equal(escapeTemplate('null=${x} %{if}'), 'null=$${x} %%{if}');
    assert.equal(escapeTemplate('$$ and $ and %'), '$$ and $ and %');
  });
});
