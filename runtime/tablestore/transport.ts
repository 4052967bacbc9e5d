// One signed protobuf POST to the Tablestore API per call. No retries here: the caller's retry
// policy decides from TablestoreError.retryable.

import http from 'node:http';
import https from 'node:https';
import { decodeErrorBody, TablestoreError } from './errors.ts';
import { signedHeaders, type Credentials } from './signing.ts';

export type CredentialsSource = Credentials | (() => Credentials);

export interface TransportOptions {
  endpoint: string;
  instance: string;
  credentials: CredentialsSource;
  /** Whole-request timeout; default 30 s. */
  timeoutMs?: number;
}

export class Transport {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(private readonly opts: TransportOptions) {
    let url: URL;
    try {
      url = new URL(opts.endpoint);
    } catch {
      throw new TypeError(`endpoint "${opts.endpoint}" is not a URL; use e.g. https://<instance>.cn-hangzhou.ots.aliyuncs.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`endpoint "${opts.endpoint}" must start with http:// or https://`);
    }
    if (!opts.instance) throw new TypeError('instance is required: the Tablestore instance name');
    this.url = url;
    this.agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  private credentials(): Credentials {
    return typeof this.opts.credentials === 'function' ? this.opts.credentials() : this.opts.credentials;
  }

  call(operation: string, body: Uint8Array): Promise<Buffer> {
    const headers = {
      ...signedHeaders({ operation, body, instance: this.opts.instance, credentials: this.credentials() }),
      'content-length': String(body.length),
    };
    const client = this.url.protocol === 'https:' ? https : http;
    return new Promise<Buffer>((resolve, reject) => {
      const req = client.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          method: 'POST',
          path: `/${operation}`,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => reject(networkError(operation, err)));
          res.on('end', () => {
            const payload = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            if (status === 200) {
              resolve(payload);
              return;
            }
            const requestId = firstHeader(res.headers['x-ots-requestid']) ?? firstHeader(res.headers['x-ots-request-id']);
            const decoded = decodeErrorBody(payload);
            reject(
              new TablestoreError({
                code: decoded?.code ?? `HTTP${status}`,
                message: decoded?.message ?? (payload.toString('utf8').slice(0, 200) || `HTTP status ${status}`),
                httpStatus: status,
                operation,
                requestId,
              }),
            );
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(Object.assign(new Error(`no response within ${this.timeoutMs} ms`), { code: 'TimeoutError' }));
      });
      req.on('error', (err) => reject(networkError(operation, err)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function networkError(operation: string, err: Error & { code?: unknown }): TablestoreError {
  const timeout = err.code === 'TimeoutError';
  return new TablestoreError({
    code: timeout ? 'TimeoutError' : 'NetworkingError',
    message: err.message,
    httpStatus: 0,
    operation,
    cause: err,
  });
}
