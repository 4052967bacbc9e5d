import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeErrorBody, fromSdkError, isRetryable, TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { encodeMessage } from '../../../runtime/tablestore/protocol/protobuf.ts';
import { ErrorMessage } from '../../../runtime/tablestore/protocol/stream-messages.ts';
import { createTable, TableStore, expectNotExist, ignore, key, sdkClient, startHarness, type Harness } from '../../emulators/tablestore/harness.ts';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

describe('Tablestore errors', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await createTable(h.client, 'errs');
  });
  after(() => h.close());

  it('decodes the protobuf Error body', () => {
    const body = encodeMessage(ErrorMessage, { code: 'OTSServerBusy', message: 'Server is busy.' });
    assert.deepEqual(decodeErrorBody(body), { code: 'OTSServerBusy', message: 'Server is busy.' });
    assert.deepEqual(decodeErrorBody(encodeMessage(ErrorMessage, { code: 'OTSTimeout' })), { code: 'OTSTimeout', message: '' });
    assert.equal(decodeErrorBody(Buffer.from('<html>bad gateway</html>')), undefined);
    assert.equal(decodeErrorBody(Buffer.alloc(0)), undefined);
  });

  it('classifies retryable and fatal codes', () => {
    for (const code of ['OTSAuthFailed', 'OTSConditionCheckFail', 'OTSParameterInvalid', 'OTSInvalidPK', 'OTSObjectAlreadyExist', 'OTSObjectNotExist', 'OTSOutOfColumnCountLimit', 'OTSOutOfRowSizeLimit', 'OTSRequestBodyTooLarge', 'OTSTrimmedDataAccess']) {
      assert.equal(isRetryable(code, 500), false, code);
    }
    for (const code of ['OTSServerBusy', 'OTSQuotaExhausted', 'OTSTimeout', 'OTSInternalServerError', 'OTSPartitionUnavailable', 'OTSServerUnavailable', 'OTSRowOperationConflict', 'OTSTableNotReady', 'NetworkingError', 'TimeoutError']) {
      assert.equal(isRetryable(code, 400), true, code);
    }
    assert.equal(isRetryable('OTSSomethingNew', 502), true);
    assert.equal(isRetryable('OTSSomethingNew', 409), false);
  });

  it('recovers the real code from what the SDK rejects with', async () => {
    await h.client.putRow({ tableName: 'errs', condition: ignore(), primaryKey: key('a', 1), attributeColumns: [{ v: 'x' }] });
    const raw = await rejection(
      h.client.putRow({ tableName: 'errs', condition: expectNotExist(), primaryKey: key('a', 1), attributeColumns: [{ v: 'y' }] }),
    );
    assert.equal((raw as { code?: unknown }).code, 403, 'the SDK itself only knows the HTTP status');
    const err = fromSdkError(raw, 'PutRow');
    assert.ok(err instanceof TablestoreError);
    assert.equal(err.code, 'OTSConditionCheckFail');
    assert.equal(err.message, 'PutRow: OTSConditionCheckFail: Condition check failed. (request ' + err.requestId + ')');
    assert.equal(err.httpStatus, 403);
    assert.equal(err.retryable, false);
    assert.match(err.requestId ?? '', /^[0-9a-f]+-[0-9a-f]+$/);

    const missing = fromSdkError(await rejection(h.client.describeTable({ tableName: 'nope' })), 'DescribeTable');
    assert.equal(missing.code, 'OTSObjectNotExist');
    assert.equal(missing.httpStatus, 404);
  });

  it('keeps the code when the message is too long to survive the SDK intact', async () => {
    const message = `Too busy: ${'x'.repeat(400)}`;
    h.emulator.faults.add({ operation: 'DescribeTable', errorRate: 1, code: 'OTSServerBusy', message, count: 1 });
    const err = fromSdkError(await rejection(h.client.describeTable({ tableName: 'errs' })), 'DescribeTable');
    assert.equal(err.code, 'OTSServerBusy');
    assert.equal(err.httpStatus, 503);
    assert.equal(err.retryable, true);
    assert.ok(err.message.includes('Too busy: xxxx'), err.message);
  });

  it('maps network failures and client-side exceptions', async () => {
    const dead = sdkClient({ ...h.emulator, endpoint: 'http://127.0.0.1:1' });
    const network = fromSdkError(await rejection(dead.listTable({})), 'ListTable');
    assert.equal(network.code, 'NetworkingError');
    assert.equal(network.retryable, true);

    const withoutCondition = { tableName: 'errs', primaryKey: key('a', 1), attributeColumns: [] } as unknown as TableStore.PutRowParams;
    const noCondition = fromSdkError(await rejection(h.client.putRow(withoutCondition)), 'PutRow');
    assert.equal(noCondition.code, 'OTSClientError');
    assert.equal(noCondition.retryable, false);
  });
});
