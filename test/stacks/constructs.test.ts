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

describe('constructs', () => {
  it('a bucket it does not create takes no lifecycle rule, and a grant needs a prefix', () => {
    const s = stack();
    const adopted = new PrivateBucket(s, 'adopted', { name: 'existing', account: '1' });
    assert.equal(adopted.resource, undefined);
    assert.equal(adopted.ref, 'existing');
    assert.throws(() => adopted.expireObjects('p/', 3), /unit\/adopted: lifecycle rules need a bucket this stack creates/);
    assert.throws(() => adopted.grantWrite(new FunctionRole(s, 'role', { name: 'r' }), ''), /grantWrite needs a non-empty prefix/);
  });

  it('a created bucket collects one expiry rule per prefix', () => {
    const s = stack();
    const bucket = new PrivateBucket(s, 'b', { name: 'new-bucket', account: '1', create: {} });
    bucket.expireObjects('a/', 1);
    bucket.expireObjects('b/x/', 30);
    const synthesized = JSON.parse(Testing.synth(s)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const [created] = Object.values(synthesized.resource.alicloud_oss_bucket ?? {});
    assert.deepEqual(created?.lifecycle_rule, [
      { id: 'expire-a-', prefix: 'a/', enabled: true, expiration: [{ days: 1 }] },
      { id: 'expire-b-x-', prefix: 'b/x/', enabled: true, expiration: [{ days: 30 }] },
    ]);
    assert.equal(created?.force_destroy, false, 'never force-destroyed unless asked');
  });

  it('a stream step refuses an expiration Tablestore would reject', () => {
    const s = stack();
    const instance = new TablestoreInstance(s, 'i', { name: 'shop', region: 'cn-hangzhou', account: '1' });
    const table = new TablestoreTable(s, 't', { instance, name: 'orders' });
    assert.throws(() => new TableStream(s, 'stream', { table, expirationHours: 169 }), /expirationHours must be a whole number from 1 to 168, got 169/);
    assert.equal(new TableStream(s, 'ok', { table, expirationHours: 168 }).command,
      'npx --no ots2oss enable-stream --endpoint https://shop.cn-hangzhou.ots.aliyuncs.com --instance shop --table orders --expiration-hours 168');
  });

  it('escapes Terraform template syntax in literal values, so the function sees the text as written', () => {
    assert.equal(escapeTemplate('null=${x} %{if}'), 'null=$${x} %%{if}');
    assert.equal(escapeTemplate('$$ and $ and %'), '$$ and $ and %');
  });
});
