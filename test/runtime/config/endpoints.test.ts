import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAlibabaCloudHost, isInsideOnlyEndpoint, ossEndpoint, ossInternalEndpoint, otsEndpoint } from '../../../runtime/config/endpoints.ts';

describe('isInsideOnlyEndpoint', () => {
  it('tells the internal and VPC addresses of Tablestore and OSS from their public ones', () => {
    const inside = [
      'https://shop.cn-hangzhou.ots-internal.aliyuncs.com',
      'https://shop.cn-hangzhou.vpc.tablestore.aliyuncs.com',
      'https://SHOP.CN-HANGZHOU.VPC.TABLESTORE.ALIYUNCS.COM',
      ossInternalEndpoint('ap-southeast-1'),
    ];
    const outside = [
      otsEndpoint('shop', 'cn-hangzhou'),
      ossEndpoint('cn-hangzhou'),
      'http://127.0.0.1:8000',
      'https://ecs-internal.aliyuncs.com', // another service's internal name is not an endpoint of the job's
      'not a url',
    ];
    for (const url of inside) assert.equal(isInsideOnlyEndpoint(url), true, url);
    for (const url of outside) assert.equal(isInsideOnlyEndpoint(url), false, url);
  });
});

describe('isAlibabaCloudHost', () => {
  it('is *.aliyuncs.com in any case, and nothing that only contains it', () => {
    for (const host of ['oss-cn-hangzhou.aliyuncs.com', 'SHOP.cn-hangzhou.ots.aliyuncs.com', 'aliyuncs.com']) assert.equal(isAlibabaCloudHost(host), true, host);
    for (const host of ['aliyuncs.com.example.org', 'myaliyuncs.com', '127.0.0.1', 'localhost']) assert.equal(isAlibabaCloudHost(host), false, host);
  });
});
