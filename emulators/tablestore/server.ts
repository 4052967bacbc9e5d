// The HTTP face of the emulator: POST /<Operation> with protobuf bodies, authentication, fault
// injection, protobuf Error bodies on failure, and the /_emulator admin paths.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { encodeMessage } from '../../runtime/tablestore/protocol/protobuf.ts';
import { ErrorMessage } from '../../runtime/tablestore/protocol/stream-messages.ts';
import { contentMd5 } from '../../runtime/tablestore/signing.ts';
import { answerFaultsAdmin } from '../faults.ts';
import { authenticate } from './auth.ts';
import { asOtsError, otsError, OtsError } from './errors.ts';
import type { TablestoreService } from './service.ts';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ServerDeps {
  service: TablestoreService;
  secrets: ReadonlyMap<string, string>;
  /** Called after a state change; the response waits for it (persistence). */
  afterChange: () => Promise<void>;
}

function requestId(): string {
  return `${Date.now().toString(16)}-${randomBytes(8).toString('hex')}`;
}

function send(res: ServerResponse, status: number, body: Buffer, id: string, contentType = 'application/x-protobuf'): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': body.length,
    'x-ots-requestid': id,
    'x-ots-contentmd5': contentMd5(body),
    'x-ots-date': new Date().toISOString(),
  });
  res.end(body);
}

function sendError(res: ServerResponse, err: OtsError, id: string): void {
  send(res, err.status, encodeMessage(ErrorMessage, { code: err.code, message: err.message }), id);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(otsError('OTSRequestBodyTooLarge', 'The size of POST data is too large.')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

async function handleAdmin(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, id: string): Promise<void> {
  const json = (status: number, value: unknown) => send(res, status, Buffer.from(JSON.stringify(value)), id, 'application/json');
  if (path !== '/_emulator/faults') return json(404, { error: `unknown admin path ${path}; use /_emulator/faults` });
  const answer = await answerFaultsAdmin(deps.service.faults, req.method, async () => body, {
    example: '{"rules":[{"operation":"GetStreamRecord","errorRate":1,"code":"OTSServerBusy"}]}',
    refused(err) {
      if (err instanceof z.ZodError) return { error: 'invalid fault configuration', issues: err.issues };
      throw err;
    },
  });
  json(answer.status, answer.body);
}

export function createHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const id = requestId();
    void (async () => {
      try {
        const body = await readBody(req);
        const path = new URL(req.url ?? '/', 'http://emulator').pathname;
        if (path.startsWith('/_emulator/')) return await handleAdmin(deps, req, res, path, body, id);
        if (req.method !== 'POST') throw otsError('OTSMethodNotAllowed', 'Only POST method for requests is supported.');
        const operation = path.slice(1);
        const instanceName = authenticate(req.headers, operation, body, deps.secrets);
        const { service } = deps;
        const instance = service.instance(instanceName);
        const op = service.operation(operation);
        const fault = service.faults.decide(operation);
        if (fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.error) throw fault.error;
        const out = op.handle(service.context(instance), body);
        if (op.mutates) await deps.afterChange();
        send(res, 200, out, id);
      } catch (err) {
        const ots = asOtsError(err);
        if (ots) return sendError(res, ots, id);
        console.error(`tablestore emulator: internal error (request ${id}):`, err);
        sendError(res, otsError('OTSInternalServerError', 'Internal server error.'), id);
      }
    })();
  };
}
