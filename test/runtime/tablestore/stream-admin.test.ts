import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTablestoreClient } from '../../../runtime/tablestore/client.ts';
import { enableStreamPatiently, isSettling } from '../../../runtime/tablestore/stream-admin.ts';
import { RetriesExhaustedError } from '../../../runtime/util/retry.ts';
import { createTable, useHarness } from '../../emulators/tablestore/harness.ts';

describe('enabling a stream on a table that was just created', () => {
  const h = useHarness();
  const client = () => createTablestoreClient({
    endpoint: h.emulator.endpoint, instance: h.emulator.instance,
    credentials: { accessKeyId: h.emulator.accessKeyId, accessKeySecret: h.emulator.accessKeySecret },
  });
  const waits: string[] = [];
  const patience = (forMs = 60_000) => ({ forMs, sleep: async () => undefined, onWait: (reason: string) => void waits.push(reason) });

  it('waits out a table that is not ready and table operations that come too fast, then enables it', async () => {
    await createTable(h.client, 'fresh', {});
    waits.length = 0;
    h.emulator.faults.add({ operation: 'UpdateTable', errorRate: 1, code: 'OTSTableNotReady', count: 2 });
    // The provider matches this one by its message; its code is not one that is retried otherwise.
    h.emulator.faults.add({ operation: 'UpdateTable', errorRate: 1, code: 'OTSParameterInvalid', message: 'Too frequent table operations.', count: 1 });
    const { outcome, state } = await enableStreamPatiently(client(), 'fresh', 12, patience());
    assert.equal(outcome, 'enabled');
    assert.equal(state.expirationHours, 12);
    assert.equal(waits.length, 3);
    assert.match(waits[2]!, /Too frequent table operations/);
  });

  it('does not wait on an error that waiting cannot mend', async () => {
    waits.length = 0;
    await assert.rejects(enableStreamPatiently(client(), 'no_such_table', 12, patience()), (e: Error) => !(e instanceof RetriesExhaustedError) && /OTSObjectNotExist/.test(`${(e as { code?: string }).code} ${e.message}`));
    assert.deepEqual(waits, []);
  });

  it('gives up once its patience runs out, saying why', async () => {
    await createTable(h.client, 'stuck', {});
    h.emulator.faults.add({ operation: 'UpdateTable', errorRate: 1, code: 'OTSTableNotReady' });
    try {
      await assert.rejects(enableStreamPatiently(client(), 'stuck', 12, patience(0)), (e: Error) => e instanceof RetriesExhaustedError && /gave up after 1 attempts/.test(e.message));
    } finally {
      h.emulator.faults.clear();
    }
  });

  it('counts unresolved names of new instances as settling, for a minute, not for its whole patience', async () => {
    assert.equal(isSettling(new Error('getaddrinfo ENOTFOUND shop-dev.cn-hangzhou.ots.aliyuncs.com')), true);
    assert.equal(isSettling(new Error('OTSAuthFailed: signature mismatch')), false);
    const nowhere = createTablestoreClient({ endpoint: 'http://no-such-host.invalid:1', instance: 'shop', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' } });
    waits.length = 0;
    await assert.rejects(enableStreamPatiently(nowhere, 'orders', 12, { ...patience(), unresolvedForMs: 0 }), /ENOTFOUND/);
    assert.deepEqual(waits, [], 'a name that still does not resolve is a wrong endpoint');
  });
});
