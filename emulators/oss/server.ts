// The OSS emulator: a node:http server that the unmodified ali-oss client talks to.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { resolveAddress } from './address.ts';
import { authenticate } from './auth.ts';
import { Access, type Ctx, type EmulatorSettings } from './context.ts';
import { CredentialStore, type Credential, type Grant } from './credentials.ts';
import { OssError } from './errors.ts';
import { OssFaults } from './faults.ts';
import { send, sendError, type Exchange } from './http.ts';
import { BlobStore } from './blobs.ts';
import { DirectoryJournal, memoryJournal, type ObjectType } from './metadata.ts';
import { classify, READ_OPERATIONS, type Operation } from './operations.ts';
import { parseQuery } from './query.ts';
import { State } from './state.ts';
import { handleControl } from './control.ts';
import * as buckets from './handlers/buckets.ts';
import * as listing from './handlers/listing.ts';
import * as multipart from './handlers/multipart.ts';
import * as objects from './handlers/objects.ts';

export const DEFAULT_ACCESS_KEY_ID = 'ots2oss-local';
export const DEFAULT_ACCESS_KEY_SECRET = 'ots2oss-local-secret';
export const DEFAULT_REGION = 'cn-hangzhou';

export interface OssEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Standard region id (cn-hangzhou); an "oss-" prefix is accepted and dropped. */
  region?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Keep objects as files and metadata as JSON here, so a restart finds them. */
  dataDir?: string;
  /** Buckets to create at start (existing ones are kept). */
  buckets?: string[];
  /** Custom domains (cname) bound to buckets. */
  cnames?: Record<string, string>;
  /** Extra host names that address the service, so `<bucket>.<name>` is virtual-host style. */
  serviceHosts?: string[];
  now?: () => number;
}

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  type: ObjectType;
  crc64: string;
  contentType: string;
  meta: Record<string, string>;
  lastModified: Date;
  body(): Buffer;
}

export interface OssEmulator {
  /** http://<host>:<port> */
  endpoint: string;
  /** Standard region id, as ali-oss takes it (`region: 'cn-hangzhou'` or `'oss-cn-hangzhou'`). */
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  faults: OssFaults;
  credentials: CredentialStore;
  createBucket(name: string): void;
  objects(bucket: string): StoredObject[];
  /** Registers another key pair (e.g. STS credentials shared with the Tablestore emulator). */
  addCredential(credential: Credential): void;
  /** Issues temporary STS credentials, as AssumeRole would. */
  issueStsCredentials(opts?: { durationSeconds?: number; allow?: Grant[] }): Required<Pick<Credential, 'accessKeyId' | 'accessKeySecret' | 'securityToken'>>;
  close(): Promise<void>;
}

type Handler = (ctx: Ctx) => Promise<void>;

const HANDLERS: Record<Operation, Handler> = {
  ListBuckets: buckets.listBuckets,
  PutBucket: buckets.putBucket,
  DeleteBucket: buckets.deleteBucket,
  GetBucketInfo: buckets.getBucketInfo,
  GetBucketLocation: buckets.getBucketLocation,
  DeleteMultipleObjects: buckets.deleteMultipleObjects,
  ListObjects: listing.listObjects,
  ListObjectsV2: listing.listObjectsV2,
  ListMultipartUploads: listing.listMultipartUploads,
  PutObject: objects.putObject,
  CopyObject: objects.copyObject,
  AppendObject: objects.appendObject,
  GetObject: objects.getObject,
  HeadObject: objects.getObject,
  GetObjectMeta: objects.getObjectMeta,
  DeleteObject: objects.deleteObject,
  GetObjectACL: objects.getObjectAcl,
  PutObjectACL: objects.putObjectAcl,
  InitiateMultipartUpload: multipart.initiateMultipartUpload,
  UploadPart: multipart.uploadPart,
  UploadPartCopy: multipart.uploadPartCopy,
  CompleteMultipartUpload: multipart.completeMultipartUpload,
  AbortMultipartUpload: multipart.abortMultipartUpload,
  ListParts: multipart.listParts,
};

/** Checks the rights an operation needs before its handler runs (per-key checks happen inside). */
function authorize(op: Operation, ctx: Ctx): void {
  const write = !READ_OPERATIONS.has(op);
  switch (op) {
    case 'ListBuckets':
      ctx.access.check('', undefined, false);
      return;
    case 'ListObjects':
    case 'ListObjectsV2':
    case 'ListMultipartUploads':
      ctx.access.check(ctx.bucket, undefined, false, ctx.query.get('prefix') ?? '');
      return;
    case 'DeleteMultipleObjects':
      if (ctx.access.anonymous) ctx.access.check(ctx.bucket, undefined, true);
      return;
    case 'PutBucket':
    case 'DeleteBucket':
    case 'GetBucketInfo':
    case 'GetBucketLocation':
      ctx.access.check(ctx.bucket, undefined, write);
      return;
    default:
      ctx.access.check(ctx.bucket, ctx.key, write);
  }
}

export async function startOssEmulator(opts: OssEmulatorOptions = {}): Promise<OssEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const region = (opts.region ?? DEFAULT_REGION).replace(/^oss-/, '');
  const accessKeyId = opts.accessKeyId ?? DEFAULT_ACCESS_KEY_ID;
  const accessKeySecret = opts.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET;
  const now = opts.now ?? Date.now;
  const settings: EmulatorSettings = { region, ownerId: '1000000000000000', now };

  const blobs = opts.dataDir ? await BlobStore.directory(join(opts.dataDir, 'blobs')) : BlobStore.memory();
  const journal = opts.dataDir ? new DirectoryJournal(join(opts.dataDir, 'meta')) : memoryJournal;
  const state = new State(blobs, journal);
  await state.load();
  // Journal writes started outside a request (createBucket) are awaited by close().
  const pending = new Set<Promise<void>>();
  const createBucket = (name: string): Promise<void> => {
    if (!buckets.BUCKET_NAME.test(name)) {
      throw new Error(`invalid bucket name "${name}": use 3-63 lowercase letters, digits or hyphens`);
    }
    if (state.findBucket(name)) return Promise.resolve();
    const done = state.createBucket({ name, created: now(), acl: 'private', storageClass: 'Standard', redundancy: 'LRS' });
    pending.add(done);
    void done.finally(() => pending.delete(done)).catch(() => undefined);
    return done;
  };
  for (const name of opts.buckets ?? []) await createBucket(name);

  const credentials = new CredentialStore();
  credentials.add({ accessKeyId, accessKeySecret, anyToken: true });
  const faults = new OssFaults();
  const cnames = new Map(Object.entries(opts.cnames ?? {}).map(([domain, bucket]) => [domain.toLowerCase(), bucket]));
  const serviceHosts = ['localhost', host, ...(opts.serviceHosts ?? [])];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange: Exchange = {
      req,
      res,
      requestId: randomBytes(12).toString('hex').toUpperCase(),
      hostId: req.headers.host ?? host,
    };
    try {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const query = parseQuery(q < 0 ? '' : url.slice(q + 1));
      const address = resolveAddress(req.headers.host, path, { serviceHosts, cnames });
      if (address.style === 'path' && address.bucket === '_emulator') {
        await handleControl(exchange, address.key ?? '', faults);
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const op = classify(method, address, query, req.headers['x-oss-copy-source'] !== undefined);
      await faults.apply({ operation: op, bucket: address.bucket, key: address.key });
      const credential = authenticate(
        { method, headers: req.headers, bucket: address.bucket, key: address.key, query },
        credentials,
        region,
        now(),
      );
      const ctx: Ctx = {
        ...exchange,
        op,
        bucket: address.bucket ?? '',
        key: address.key ?? '',
        query,
        state,
        settings,
        access: new Access(credential, (b) => state.findBucket(b)?.record.acl),
      };
      authorize(op, ctx);
      await HANDLERS[op](ctx);
    } catch (error) {
      const ossErr =
        error instanceof OssError ? error : new OssError('InternalError', `The emulator failed: ${(error as Error).message}`);
      if (ossErr.status === 304) {
        await send(exchange, 304, ossErr.headers);
        return;
      }
      await sendError(exchange, ossErr);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpointHost = host.includes(':') ? `[${host}]` : host;

  return {
    endpoint: `http://${endpointHost}:${port}`,
    region,
    accessKeyId,
    accessKeySecret,
    faults,
    credentials,
    createBucket(name) {
      void createBucket(name);
    },
    objects(bucket) {
      const b = state.bucket(bucket);
      return [...b.keys.listing('', '')].map((key) => {
        const o = b.objects.get(key)!;
        return {
          key,
          size: o.size,
          etag: `"${o.etag}"`,
          type: o.type,
          crc64: o.crc64,
          contentType: o.contentType,
          meta: { ...o.meta },
          lastModified: new Date(o.lastModified),
          body: () => blobs.readAll(o.segments),
        };
      });
    },
    addCredential(credential) {
      credentials.add(credential);
    },
    issueStsCredentials(stsOpts) {
      return credentials.issueSts(stsOpts);
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await Promise.allSettled(pending);
    },
  };
}
