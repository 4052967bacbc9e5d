import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainTablestoreError, TablestoreAccessError, TablestoreError } from '../../../runtime/tablestore/errors.ts';

// Each answer a person must act on names the field to change; the service's messages are those of the
// Tablestore error code reference. The CLI tests cover the ones the emulator gives.

const target = {
  instance: 'shop', table: 'orders', statusTable: 'ots2oss_status', endpoint: 'https://shop.cn-hangzhou.ots.aliyuncs.com',
  credentials: 'access key ****wxyz from a profile',
};
const answer = (operation: string, code: string, message: string, httpStatus = 403) => new TablestoreError({ operation, code, message, httpStatus });

function explained(error: TablestoreError): TablestoreAccessError {
  const out = explainTablestoreError(error, target);
  assert.ok(out instanceof TablestoreAccessError, `${error.message} is explained`);
  assert.equal(out.cause, error);
  assert.ok(out.message.includes(`(Tablestore answered ${error.operation}: ${error.code}: ${error.detail})`), out.message);
  return out;
}

describe('explainTablestoreError', () => {
  it('tells a missing status table from a missing data table by the operation', () => {
    const status = explained(answer('GetRange', 'OTSObjectNotExist', 'Requested table does not exist.', 404));
    assert.equal(status.field, 'source.statusTable');
    assert.match(status.message, /^source\.statusTable: table "ots2oss_status" does not exist in instance shop .*; create it \(primary key StreamId, StatusType, StatusValue, all STRING\)/);
    const data = explained(answer('DescribeTable', 'OTSObjectNotExist', 'Requested table does not exist.', 404));
    assert.match(data.message, /^source\.table: table "orders" does not exist in instance shop .*; correct source\.table/);
    const fixed = explainTablestoreError(answer('GetRow', 'OTSObjectNotExist', 'Requested table does not exist.', 404), { ...target, statusTableFix: 'deploy the stack' });
    assert.match((fixed as Error).message, /^source\.statusTable: .*; deploy the stack$/);
  });

  it('names the instance, its state, its network rules, the clock, or the keys, by what OTSAuthFailed says', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['The instance is not found.', 'source.instance', /^source\.instance: instance "shop" is not found at https:\/\/shop\.cn-hangzhou\.ots\.aliyuncs\.com/],
      ['The instance does not exist.', 'source.instance', /is not found at/],
      ['The instance is not running.', 'source.instance', /^source\.instance: instance "shop" is not running/],
      ['Request denied by instance ACL policies.', 'source.endpoint', /^source\.endpoint https:\/\/shop\.cn-hangzhou\.ots\.aliyuncs\.com: instance shop refuses requests from this network/],
      ['Mismatch between system time and x-ots-date: 2026-11-27T01:00:00Z.', 'clock', /^this machine's clock is off/],
      ['The user has no privilege to access the instance.', 'credentials', /^access key \*\*\*\*wxyz from a profile may not call GetRow on status table ots2oss_status in instance shop .*; grant ots:GetRow/],
      ['Signature mismatch.', 'credentials', /^Tablestore refused access key \*\*\*\*wxyz from a profile for instance shop .*; the AccessKey secret does not match its ID/],
      ['The AccessKeyID does not exist.', 'credentials', /; that AccessKey ID is unknown or disabled/],
      ['The AccessKeyID is disabled.', 'credentials', /; that AccessKey ID is unknown or disabled/],
      ['The security token you provided has expired.', 'credentials', /; the security token is wrong or expired/],
    ];
    for (const [message, field, expected] of cases) {
      const out = explained(answer('GetRow', 'OTSAuthFailed', message));
      assert.equal(out.field, field, message);
      assert.match(out.message, expected, message);
    }
  });

  it('names the call and the table a RAM policy denies', () => {
    const out = explained(answer('DescribeStream', 'OTSNoPermissionAccess', 'You have no permission to access the requested resource, please contact the resource owner'));
    assert.match(out.message, /^access key \*\*\*\*wxyz from a profile may not call DescribeStream on table orders in instance shop .*; grant ots:DescribeStream on it/);
  });

  it('tells the keys how to get a denied call as the target says, else to grant it', () => {
    const denied = answer('GetShardIterator', 'OTSNoPermissionAccess', 'You have no permission to access the requested resource, please contact the resource owner');
    assert.match(explained(denied).message, /; grant ots:GetShardIterator on it to that user or role$/);
    const hinted = explainTablestoreError(denied, { ...target, grantHint: (permission) => `ask for ${permission}` });
    assert.match((hinted as Error).message, /may not call GetShardIterator on table orders .*; ask for ots:GetShardIterator$/);
  });

  it('passes other errors through', () => {
    for (const error of [
      answer('GetStreamRecord', 'OTSTrimmedDataAccess', 'Requested stream data is already trimmed or does not exist.', 400),
      answer('GetShardIterator', 'OTSObjectNotExist', 'Requested shard does not exist.', 404),
      answer('PutRow', 'OTSConditionCheckFail', 'Condition check failed.', 403),
      new Error('not from Tablestore'),
    ]) assert.equal(explainTablestoreError(error, target), error);
  });
});
