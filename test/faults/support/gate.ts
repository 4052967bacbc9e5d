import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveAddress } from '../../../emulators/oss/address.ts';
import { classify } from '../../../emulators/oss/operations.ts';

// A pass-through HTTP proxy in front of each emulator that can stop one request at a chosen step
// of an export: the exporter (a child process) blocks on it, and the test kills the child there.
// "before": the request never reaches the emulator; "after": it lands, but its answer never returns.
// Requests are told apart as the services do: Tablestore by operation (and the row's bytes, which
// name the status row's columns), OSS by operation and object key.

export type Service = 'tablestore' | 'oss';

export interface GateRequest {
  service: Service;
  operation: string;
  /** OSS object key; '' for bucket-level requests. */
  key: string;
  query: URLSearchParams;
  body: Buffer;
  /** 1-based position among every request the gate has seen. */
  seq: number;
}

export interface HoldRule {
  name: string;
  match: (r: GateRequest) => boolean;
  /** Hold the n-th matching request (1-based); default the first. */
  occurrence?: number;
  when?: 'before' | 'after';
}

/** A held request; `release` lets it go on (forwarded, or its answer delivered) as if it had been slow. */
export interface Held extends GateRequest {
  release(): void;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

interface ArmedRule extends HoldRule {
  seen: number;
  resolve: (r: Held) => void;
}

/** Lets matching requests land, then drops the connection instead of answering: a lost response. */
export interface DropRule {
  match: (r: GateRequest) => boolean;
  rate: number;
  random?: () => number;
  /** Drop at most this many answers. */
  limit?: number;
}

export interface Gate {
  endpoints: Record<Service, string>;
  /** Resolves with the request once it is held. */
  hold(rule: HoldRule): Promise<Held>;
  /** Drops answers from now on; returns a counter of the answers dropped. */
  dropAnswers(rule: DropRule): { readonly dropped: number };
  /** Every request seen so far (bodies dropped), in arrival order. */
  readonly log: ReadonlyArray<Omit<GateRequest, 'body'>>;
  /** Drops the armed rules and the connections of held requests. */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function describe(service: Service, req: IncomingMessage, body: Buffer, seq: number): GateRequest {
  const url = new URL(req.url ?? '/', 'http://gate');
  if (service === 'tablestore') return { service, operation: url.pathname.slice(1), key: '', query: url.searchParams, body, seq };
  const address = resolveAddress(req.headers.host, url.pathname, { serviceHosts: ['localhost', '127.0.0.1'], cnames: new Map() });
  const query = new Map([...url.searchParams.entries()]);
  let operation = 'Unknown';
  try {
    operation = classify(req.method ?? 'GET', address, query, req.headers['x-oss-copy-source'] !== undefined);
  } catch {
    // the emulator answers unknown requests itself
  }
  return { service, operation, key: address.key ?? '', query: url.searchParams, body, seq };
}

export async function startGate(upstream: Record<Service, string>): Promise<Gate> {
  const rules: ArmedRule[] = [];
  const held = new Set<ServerResponse>();
  const log: Array<Omit<GateRequest, 'body'>> = [];
  const drops: Array<{ rule: DropRule; dropped: number }> = [];
  let seq = 0;

  const forward = (target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const out = httpRequest(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handler = (service: Service) => {
    const target = new URL(upstream[service]);
    return (req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        const body = await readBody(req);
        const r = describe(service, req, body, ++seq);
        const { body: _b, ...entry } = r;
        log.push(entry);
        let rule: ArmedRule | undefined;
        for (const x of rules) {
          if (x.match(r) && ++x.seen === (x.occurrence ?? 1)) rule ??= x;
        }
        if (rule) rules.splice(rules.indexOf(rule), 1);
        const deliver = (answer: Answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        };
        if (rule && (rule.when ?? 'before') === 'before') {
          held.add(res);
          rule.resolve({ ...r, release: () => void forward(target, req, body).then(deliver, () => res.destroy()) });
          return;
        }
        const answer = await forward(target, req, body);
        if (rule) {
          held.add(res);
          rule.resolve({ ...r, release: () => deliver(answer) });
          return;
        }
        const drop = drops.find((d) => d.dropped < (d.rule.limit ?? Infinity) && d.rule.match(r) && (d.rule.random ?? Math.random)() < d.rule.rate);
        if (drop) {
          drop.dropped++;
          res.destroy();
          return;
        }
        deliver(answer);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
    };
  };

  const servers: Record<Service, Server> = { tablestore: createServer(handler('tablestore')), oss: createServer(handler('oss')) };
  const endpoints = {} as Record<Service, string>;
  for (const service of ['tablestore', 'oss'] as const) {
    const server = servers[service];
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoints[service] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const reset = () => {
    rules.length = 0;
    drops.length = 0;
    for (const res of held) res.destroy();
    held.clear();
  };

  return {
    endpoints,
    log,
    hold: (rule) => new Promise<Held>((resolve) => rules.push({ ...rule, seen: 0, resolve })),
    dropAnswers(rule) {
      const entry = { rule, dropped: 0 };
      drops.push(entry);
      return { get dropped() { return entry.dropped; } };
    },
    reset,
    async close() {
      reset();
      await Promise.all(Object.values(servers).map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
    },
  };
}

/** Matchers for the steps of a window, from what the exporter sends. */
export const step = {
  /** A data object's first write: a PutObject or the start of a multipart upload. */
  dataWrite: (r: GateRequest) => r.service === 'oss' && isDataKey(r.key) && (r.operation === 'PutObject' || r.operation === 'InitiateMultipartUpload'),
  uploadPart: (part: number) => (r: GateRequest) => r.service === 'oss' && r.operation === 'UploadPart' && r.query.get('partNumber') === String(part),
  completeMultipart: (r: GateRequest) => r.service === 'oss' && r.operation === 'CompleteMultipartUpload' && isDataKey(r.key),
  /** A shard checkpoint: a status-table PutRow whose row holds the `checkpoint` column. */
  checkpoint: (r: GateRequest) => r.service === 'tablestore' && r.operation === 'PutRow' && r.body.includes('checkpoint'),
  manifest: (r: GateRequest) => r.service === 'oss' && r.operation === 'PutObject' && r.key.endsWith('/manifest.json'),
  success: (r: GateRequest) => r.service === 'oss' && r.operation === 'PutObject' && r.key.endsWith('/_SUCCESS'),
  /** The window record turning complete (after _SUCCESS). */
  windowComplete: (r: GateRequest) => r.service === 'tablestore' && r.operation === 'PutRow' && r.body.includes('"state":"complete"'),
  /** The lease being taken: a conditional PutRow of the lease row. */
  leaseGrant: (r: GateRequest) => r.service === 'tablestore' && r.operation === 'PutRow' && r.body.includes('expiresAt'),
  /** The job state moving past a window. */
  jobAdvance: (r: GateRequest) => r.service === 'tablestore' && r.operation === 'PutRow' && r.body.includes('lastCompleteWindowId'),
  any: () => true,
};

export function isDataKey(key: string): boolean {
  return key !== '' && !key.includes('/_ots2oss/');
}

/** The held request, or a failure naming the step if the run ended without reaching it (never a hang). */
export async function reached<T>(held: Promise<Held>, run: Promise<T>, step: string): Promise<Held> {
  const first = await Promise.race([held, run.then(() => undefined)]);
  if (!first) throw new Error(`the run ended without reaching "${step}"`);
  return first;
}
