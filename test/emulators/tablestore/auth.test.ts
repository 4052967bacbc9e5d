import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { decodeErrorBody } from '../../../runtime/tablestore/errors.ts';
import { signedHeaders } from '../../../runtime/tablestore/signing.ts';
import { sdkClient, sdkError, useHarness, type SuiteHarness } from './harness.ts';

function raw(h: SuiteHarness, opts: { method?: string; path: string; headers: Record<string, string>; body?: Buffer }): Promise<{ status: number; body: Buffer; requestId?: string }> {
  const url = new URL(h.emulator.endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: url.hostname, port: url.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), requestId: res.headers['x-ots-requestid'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const sdkFailure = (promise: Promise<unknown>) => sdkError(promise, 'ListTable');

describe('Tablestore emulator: authentication', () => {
  const h = useHarness();
  const credentials = () => ({ accessKeyId: h.emulator.accessKeyId, accessKeySecret: h.emulator.accessKeySecret });

  it('refuses a wrong secret or an unknown key as OTSAuthFailed', async () => {
    const wrongSecret = await sdkFailure(sdkClient(h.emulator, { secretAccessKey: 'not-the-secret' }).listTable({}));
    assert.deepEqual([wrongSecret.code, wrongSecret.httpStatus, wrongSecret.retryable], ['OTSAuthFailed', 403, false]);
    assert.match(wrongSecret.message, /Signature mismatch/);
    const unknownKey = await sdkFailure(sdkClient(h.emulator, { accessKeyId: 'someone-else' }).listTable({}));
    assert.match(unknownKey.message, /AccessKeyID does not exist/);
  });

  it('accepts an STS token as part of the signature', async () => {
    const sts = sdkClient(h.emulator, { stsToken: 'CAIS-token' });
    assert.deepEqual((await sts.listTable({})).tableNames, []);
  });

  it('checks the body MD5 and the required headers', async () => {
    const body = Buffer.alloc(0);
    const headers = signedHeaders({ operation: 'ListTable', body, instance: h.emulator.instance, credentials: credentials() });
    const ok = await raw(h, { path: '/ListTable', headers, body });
    assert.equal(ok.status, 200);
    assert.ok(ok.requestId);

    const tampered = await raw(h, { path: '/ListTable', headers, body: Buffer.from([0x0a, 0x00]) });
    assert.equal(tampered.status, 403);
    assert.deepEqual(decodeErrorBody(tampered.body), { code: 'OTSAuthFailed', message: 'Mismatch between MD5 value of request body and x-ots-contentmd5 in header.' });

    const { 'x-ots-date': _date, ...noDate } = headers;
    const missing = await raw(h, { path: '/ListTable', headers: noDate, body });
    assert.equal(missing.status, 400);
    assert.deepEqual(decodeErrorBody(missing.body), { code: 'OTSParameterInvalid', message: "Missing header: 'x-ots-date'." });

    const get = await raw(h, { method: 'GET', path: '/ListTable', headers });
    assert.equal(get.status, 405);
    assert.equal(decodeErrorBody(get.body)?.code, 'OTSMethodNotAllowed');
  });
});
