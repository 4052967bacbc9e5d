import OSS from 'ali-oss';
import { startOssEmulator, type OssEmulator, type OssEmulatorOptions } from '../../../emulators/oss/server.ts';
import { useForSuite } from '../suite.ts';

export const BUCKET = 'test-bucket';

/** ali-oss options, plus those 6.23 reads that @types/ali-oss leaves out. */
export type ClientOptions = Partial<OSS.Options> & {
  sldEnable?: boolean;
  agent?: unknown;
  amendTimeSkewed?: number;
};

export function startEmulator(opts: OssEmulatorOptions = {}): Promise<OssEmulator> {
  return startOssEmulator({ buckets: [BUCKET], ...opts });
}

/** A real ali-oss client for the emulator; by default against its IP endpoint with V1 signatures. */
export function clientFor(emu: OssEmulator, extra: ClientOptions = {}): OSS {
  return new OSS({
    endpoint: emu.endpoint,
    bucket: BUCKET,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    ...extra,
  } as OSS.Options);
}

/** The emulator a suite runs against, with a client for its bucket; readable inside tests and hooks. */
export interface OssSuite {
  readonly emu: OssEmulator;
  readonly oss: OSS;
}

/** Starts an emulator and a client before the suite's tests (then runs `prepare`) and closes it after. */
export function useOssEmulator(opts: OssEmulatorOptions = {}, prepare?: (suite: OssSuite) => Promise<void>): OssSuite {
  const start = async () => {
    const emu = await startEmulator(opts);
    return { emu, oss: clientFor(emu) };
  };
  const running = useForSuite('the OSS emulator', start, (s) => s.emu.close(), prepare);
  return {
    get emu() {
      return running().emu;
    },
    get oss() {
      return running().oss;
    },
  };
}

export interface OssClientError {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  hostId?: string;
}

/** Predicate for assert.rejects: an ali-oss error with this OSS code and HTTP status. */
export function ossCode(code: string, status: number) {
  return (error: unknown): boolean => {
    const e = error as Partial<OssClientError>;
    if (e.code === code && e.status === status) return true;
    throw new Error(`expected ${code} (${status}), got ${String(e.code)} (${String(e.status)}): ${String(e.message)}`);
  };
}

/** The response headers of an ali-oss result (the typings call them `res.headers: object`). */
export function headersOf(result: { res: { headers: object } }): Record<string, string> {
  return result.res.headers as Record<string, string>;
}

/** ali-oss's internal signed request, for the few requests its public methods cannot shape. */
export interface RawRequest {
  method: string;
  bucket?: string;
  object?: string;
  subres?: Record<string, string | number> | string;
  headers?: Record<string, string>;
  content?: Buffer | string;
  mime?: string;
  successStatuses?: number[];
}

export function signedRequest(client: OSS, params: RawRequest): Promise<{ status: number; data: Buffer; res: { headers: object } }> {
  const withRequest = client as unknown as { request(p: RawRequest): Promise<{ status: number; data: Buffer; res: { headers: object } }> };
  return withRequest.request({ successStatuses: [200], ...params });
}

/** Bucket names from listBuckets (@types/ali-oss declares the result as a bare array; it is not). */
export async function bucketNames(client: OSS): Promise<string[]> {
  const result = (await client.listBuckets({})) as unknown as { buckets: Array<{ name: string }> | null };
  return (result.buckets ?? []).map((b) => b.name);
}

/** Deterministic pseudo-random bytes. */
export function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
