import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedPrefix, jobResourceName, ossInternalEndpoint, otsEndpoint, physicalName } from '../../stacks/naming.ts';

const values = { instance: 'shop', table: 'orders', job: 'nightly' };

describe('naming', () => {
  it('finds the fixed key prefix of an object template', () => {
    assert.equal(fixedPrefix('{instance}/{table}/dt={date}/hour={hour}', values), 'shop/orders/');
    assert.equal(fixedPrefix('exports/{table}/dt={date}', values), 'exports/orders/');
    assert.equal(fixedPrefix('exports/{job}-{date}.csv', values), 'exports/');
    // Keys are "<template>/<window>_...": a template with no per-window part is itself the folder.
    assert.equal(fixedPrefix('exports/{table}/all', values), 'exports/orders/all/');
    assert.equal(fixedPrefix('exports/{table}', values), 'exports/orders/');
    assert.equal(fixedPrefix('{date}/x', values), '');
    assert.equal(fixedPrefix('{date}', values), '');
    assert.equal(fixedPrefix('flat', values), 'flat/');
  });

  it('wraps created names in the environment prefix/suffix', () => {
    const env = { name: 'pr7', namePrefix: 't-', nameSuffix: '-x' };
    assert.equal(physicalName(env, 'shop'), 't-shop-x');
    assert.equal(jobResourceName(env, 'orders'), 't-ots2oss-pr7-orders-x');
  });

  it('builds service endpoints from the region', () => {
    assert.equal(otsEndpoint('shop', 'cn-beijing'), 'https://shop.cn-beijing.ots.aliyuncs.com');
    assert.equal(ossInternalEndpoint('cn-beijing'), 'https://oss-cn-beijing-internal.aliyuncs.com');
  });
});
