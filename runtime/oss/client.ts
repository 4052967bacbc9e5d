import { isIP } from 'node:net';
import OSS from 'ali-oss';
import { isAlibabaCloudHost } from '../config/endpoints.ts';

// The one place the runtime constructs ali-oss. How ali-oss 6.23 addresses bucket b, key k:
// - IP endpoint: path /k with Host: b.oss-<region>.aliyuncs.com (ali-oss rewrites Host itself), so the
//   emulator (and OSS behind an IP) see virtual-host style; sldEnable here would put b in the key.
// - other non-OSS host names (localhost, an emulator's name): b.<host> rarely resolves, so path-style
//   (sldEnable: /b/k).
// - *.aliyuncs.com: virtual-host b.<endpoint host>, as OSS expects.

export interface OssClientOptions {
  /** URL such as https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000; no scheme means https. */
  endpoint: string;
  bucket: string;
  /** Region id (cn-hangzhou or oss-cn-hangzhou); when given, requests are signed with V4. */
  region?: string;
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  timeoutMs?: number;
}

// Options ali-oss 6.23 reads that @types/ali-oss does not declare.
type AliOssOptions = OSS.Options & { sldEnable?: boolean };

export type AddressingStyle = 'virtual-host' | 'path' | 'ip';

export function addressingFor(hostname: string): AddressingStyle {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return 'ip';
  return isAlibabaCloudHost(host) ? 'virtual-host' : 'path';
}

export function ossClientOptions(opts: OssClientOptions): AliOssOptions {
  let url: URL;
  try {
    url = new URL(opts.endpoint.includes('://') ? opts.endpoint : `https://${opts.endpoint}`);
  } catch {
    throw new Error(`OSS endpoint "${opts.endpoint}" is not a URL: use e.g. https://oss-cn-hangzhou.aliyuncs.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`OSS endpoint "${opts.endpoint}" must use http or https`);
  }
  const { accessKeyId, accessKeySecret, securityToken } = opts.credentials;
  if (!accessKeyId || !accessKeySecret) throw new Error('OSS credentials need accessKeyId and accessKeySecret');
  const standardRegion = opts.region?.replace(/^oss-/, '');
  return {
    endpoint: url.origin,
    bucket: opts.bucket,
    secure: url.protocol === 'https:',
    accessKeyId,
    accessKeySecret,
    ...(securityToken
      ? // Setting the interval keeps ali-oss from warning that no refresh function is given: the
        // runtime gets fresh credentials per invocation instead.
        { stsToken: securityToken, refreshSTSTokenInterval: 5 * 60 * 1000 }
      : {}),
    ...(standardRegion ? { region: `oss-${standardRegion}`, authorizationV4: true } : {}),
    ...(addressingFor(url.hostname) === 'path' ? { sldEnable: true } : {}),
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
  };
}

export function createOssClient(opts: OssClientOptions): OSS {
  return new OSS(ossClientOptions(opts));
}
