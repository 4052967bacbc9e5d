import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromSdkError, TablestoreError } from '../../../runtime/tablestore/errors.ts';
import { createTable, ignore, key, useHarness, type SuiteHarness } from './harness.ts';

async function failure(promise: Promise<unknown>, operation: string): Promise<TablestoreError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return fromSdkError(err, operation);
  }
}

async function admin(h: SuiteHarness, method: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.emulator.endpoint}/_emulator/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('Tablestore emulator: fault injection', () => {
  const h = useHarness({}, ({ client }) => createTable(client, 'faulty', { stream: 24 }));

  it('fails every matching request at rate 1.0 with the configured code and status', async () => {
    h.emulator.faults.add({ operation: 'GetRow', errorRate: 1, code: 'OTSQuotaExhausted' });
    try {
      for (let i = 0; i < 3; i++) {
        const err = await failure(h.client.getRow({ tableName: 'faulty', primaryKey: key('a', 1) }), 'GetRow');
        assert.equal(err?.code, 'OTSQuotaExhausted');
        assert.equal(err?.httpStatus, 403);
      }
      assert.equal(await failure(h.client.listTable({}), 'ListTable'), undefined, 'other operations are untouched');
    } finally {
      h.emulator.faults.clear();
    }
  });

  it('stops failing once a count-limited fault is spent', async () => {
    h.emulator.faults.add({ operation: '*', errorRate: 1, code: 'OTSServerBusy', count: 2 });
    const put = () => h.client.putRow({ tableName: 'faulty', condition: ignore(), primaryKey: key('b', 1), attributeColumns: [{ v: 'x' }] });
    assert.equal((await failure(put(), 'PutRow'))?.code, 'OTSServerBusy');
    assert.equal((await failure(put(), 'PutRow'))?.httpStatus, 503);
    assert.equal(await failure(put(), 'PutRow'), undefined);
    assert.equal(h.emulator.changeLog('faulty').length, 1, 'failed writes commit nothing');
    h.emulator.faults.clear();
  });

  it('adds latency', async () => {
    h.emulator.faults.add({ operation: 'ListTable', latencyMs: 150, count: 1 });
    const started = Date.now();
    await h.client.listTable({});
    assert.ok(Date.now() - started >= 140, 'the request waited');
    const again = Date.now();
    await h.client.listTable({});
    assert.ok(Date.now() - again < 140, 'only once');
  });

  it('is configurable over HTTP, with validation', async () => {
    const set = await admin(h, 'POST', { rules: [{ operation: 'ListStream', errorRate: 1, code: 'OTSInternalServerError', status: 500, count: 1 }], visibilityDelayMs: 0 });
    assert.equal(set.status, 200);
    assert.equal((set.json['rules'] as unknown[]).length, 1);
    await assert.rejects(h.streams.listStream(), (err: unknown) => err instanceof TablestoreError && err.code === 'OTSInternalServerError' && err.httpStatus === 500 && err.retryable);
    assert.equal((await h.streams.listStream()).length, 1);

    const bad = await admin(h, 'POST', { rules: [{ operation: 'GetRow', errorRate: 2, code: 'Busy' }] });
    assert.equal(bad.status, 400);
    const paths = (bad.json['issues'] as Array<{ path: unknown[] }>).map((i) => i.path.join('.'));
    assert.deepEqual(paths.sort(), ['rules.0.code', 'rules.0.errorRate']);
    assert.equal((await admin(h, 'POST', 'not json')).status, 400);
    assert.equal((await admin(h, 'POST', { extra: true })).status, 400, 'unknown keys are refused');

    assert.equal((await admin(h, 'GET')).json['visibilityDelayMs'], 0);
    await admin(h, 'POST', { visibilityDelayMs: 60_000, seekSteps: 3, maxRecordsPerRead: 2, emptyReadRate: 0.25 });
    const { visibilityDelayMs, seekSteps, maxRecordsPerRead, emptyReadRate } = h.emulator.faults;
    assert.deepEqual({ visibilityDelayMs, seekSteps, maxRecordsPerRead, emptyReadRate }, { visibilityDelayMs: 60_000, seekSteps: 3, maxRecordsPerRead: 2, emptyReadRate: 0.25 });
    assert.equal((await admin(h, 'POST', { seekSteps: 0 })).status, 400, 'a seek takes at least one call');
    assert.equal((await admin(h, 'POST', { emptyReadRate: 1 })).status, 400, 'some read must return records');
    const cleared = await admin(h, 'DELETE');
    assert.deepEqual(cleared.json, { rules: [], visibilityDelayMs: 0, seekSteps: 1, maxRecordsPerRead: 0, emptyReadRate: 0 });
  });
});
