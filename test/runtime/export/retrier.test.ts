import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRetrier, REFUSED_CONNECTION_RETRIES, UNRESOLVED_HOST_RETRIES } from '../../../runtime/export/retrier.ts';
import { createOssClient } from '../../../runtime/oss/client.ts';
import { createTablestoreClient, sdkCall } from '../../../runtime/tablestore/client.ts';
import { StreamClient } from '../../../runtime/tablestore/stream-client.ts';
import { silentLogger } from '../../../runtime/util/logger.ts';
import { isConnectionRefused, isUnresolvedHost, RetriesExhaustedError } from '../../../runtime/util/retry.ts';

// A mistyped endpoint must fail in seconds, not after reader.maxRetries backoffs (30 by default,
// minutes): a host that does not resolve gets a couple of retries, for a passing DNS hiccup, and, in
// the CLI, a refused connection a few. The function keeps every retry for a refused connection.

// .invalid never resolves (RFC 2606); port 1 on loopback refuses.
const NOWHERE = 'http://no-such-host.invalid:1';
const REFUSING = 'http://127.0.0.1:1';
const credentials = { accessKeyId: 'id', accessKeySecret: 'secret' };

/** The CLI's by default (a refused connection gets a few retries); the function's gives it every one. */
function retrier(of: 'cli' | 'function' = 'cli') {
  return createRetrier({ maxRetries: 30, logger: silentLogger, sleep: async () => undefined, refusedConnectionRetries: of === 'cli' ? REFUSED_CONNECTION_RETRIES : undefined });
}

async function attempts(call: () => Promise<unknown>, retry = retrier()): Promise<{ error: unknown; retries: number }> {
  try {
    await retry('call', call);
  } catch (error) {
    return { error, retries: retry.count };
  }
  assert.fail('the call should have failed');
}

describe('retries for a host that does not resolve or refuses', () => {
  const clients: Array<[string, (endpoint: string) => () => Promise<unknown>]> = [
    ['the Stream client', (endpoint) => {
      const streams = new StreamClient({ endpoint, instance: 'shop', credentials, timeoutMs: 2000 });
      return () => streams.listStream('orders').finally(() => streams.close());
    }],
    ['the tablestore SDK', (endpoint) => {
      const tables = createTablestoreClient({ endpoint, instance: 'shop', credentials, timeoutMs: 2000 });
      return () => sdkCall('DescribeTable', () => tables.describeTable({ tableName: 'orders' }));
    }],
    ['ali-oss', (endpoint) => {
      const oss = createOssClient({ endpoint, bucket: 'some-bucket', credentials });
      return () => oss.head('k');
    }],
  ];

  for (const [name, client] of clients) {
    it(`${name}: gives up after ${UNRESOLVED_HOST_RETRIES} retries, naming the host`, async () => {
      const { error, retries } = await attempts(client(NOWHERE));
      assert.ok(error instanceof RetriesExhaustedError, String(error));
      assert.equal(retries, UNRESOLVED_HOST_RETRIES);
      assert.match(error.message, /ENOTFOUND.*no-such-host\.invalid|no-such-host\.invalid.*ENOTFOUND/);
      assert.equal(isUnresolvedHost(error.lastError), true);
    });
  }

  for (const [name, client] of clients) {
    it(`${name}: a refused connection gives up after ${REFUSED_CONNECTION_RETRIES} retries, not every one the job allows`, async () => {
      const { error, retries } = await attempts(client(REFUSING));
      assert.ok(error instanceof RetriesExhaustedError, String(error));
      assert.equal(retries, REFUSED_CONNECTION_RETRIES);
      assert.equal(isConnectionRefused(error.lastError), true);
      assert.equal(isUnresolvedHost(error.lastError), false);
    });
  }

  it('the scheduled function\'s retrier keeps every retry for a refused connection (an endpoint failing over)', async () => {
    const [, client] = clients[2]!;
    const { error, retries } = await attempts(client(REFUSING), retrier('function'));
    assert.ok(error instanceof RetriesExhaustedError, String(error));
    assert.equal(retries, 30);
  });
});
