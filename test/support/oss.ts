import { createHash } from 'node:crypto';
import type OSS from 'ali-oss';
import { z } from 'zod';
import { createOssClient } from '../../runtime/oss/client.ts';

// Reads what the exporter left in a bucket, through the real ali-oss client: listings, bodies, and a
// window's manifest with the objects it lists, in manifest order.

export const md5Hex = (body: Buffer): string => createHash('md5').update(body).digest('hex');

const manifestObject = z.strictObject({
  key: z.string(),
  shardId: z.string(),
  part: z.int().min(0),
  rows: z.int().min(0),
  bytes: z.int().min(0),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
});

export const manifestSchema = z.looseObject({
  version: z.literal(1),
  job: z.string(),
  window: z.strictObject({ id: z.string(), start: z.string(), end: z.string() }),
  format: z.string(),
  mode: z.string(),
  records: z.int().min(0),
  rows: z.int().min(0),
  bytes: z.int().min(0),
  shards: z.array(z.looseObject({ shardId: z.string(), records: z.int().min(0), rows: z.int().min(0), ended: z.boolean() })),
  objects: z.array(manifestObject),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface WindowObject {
  key: string;
  shardId: string;
  rows: number;
  body: Buffer;
}

export interface WindowOutput {
  windowId: string;
  manifest: Manifest;
  /** Data objects in manifest order. */
  objects: WindowObject[];
  success: boolean;
}

export class BucketReader {
  private readonly client: OSS;

  constructor(endpoint: string, readonly bucket: string, credentials: { accessKeyId: string; accessKeySecret: string }) {
    this.client = createOssClient({ endpoint, bucket, credentials });
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.listV2({ prefix, 'max-keys': '1000', ...(token ? { 'continuation-token': token } : {}) }, {});
      for (const o of page.objects ?? []) out.push(o.name);
      token = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** Data objects (not the _ots2oss markers) under a prefix. */
  async dataKeys(prefix: string): Promise<string[]> {
    return (await this.keys(prefix)).filter((k) => !k.includes('/_ots2oss/'));
  }

  async get(key: string): Promise<Buffer> {
    const result = await this.client.get(key);
    return Buffer.from(result.content as Uint8Array);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.head(key);
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.client.put(key, Buffer.from(body));
  }

  async remove(key: string): Promise<void> {
    await this.client.delete(key);
  }

  async manifest(prefix: string, windowId: string): Promise<Manifest> {
    const text = (await this.get(`${prefix}/_ots2oss/${windowId}/manifest.json`)).toString('utf8');
    return manifestSchema.parse(JSON.parse(text));
  }

  /** A window's manifest, its data objects in manifest order, and whether _SUCCESS exists. */
  async window(prefix: string, windowId: string): Promise<WindowOutput> {
    const manifest = await this.manifest(prefix, windowId);
    const objects: WindowObject[] = [];
    for (const o of manifest.objects) objects.push({ key: o.key, shardId: o.shardId, rows: o.rows, body: await this.get(o.key) });
    return { windowId, manifest, objects, success: await this.exists(`${prefix}/_ots2oss/${windowId}/_SUCCESS`) };
  }
}
