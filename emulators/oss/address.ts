// Which bucket and key a request names. ali-oss 6.23 sends, for bucket b and key k:
// - endpoint is an IP:      path /k,   Host: b.<region>.aliyuncs.com (it rewrites Host itself)
// - sldEnable: true:        path /b/k, Host: the endpoint's host (with an IP endpoint Host still names b)
// - cname: true:            path /k,   Host: the custom domain
// - otherwise:              path /k,   Host: b.<endpoint host>
// As in OSS, a Host that names a bucket wins over the path.
import { ossError } from './errors.ts';

export interface Address {
  bucket?: string;
  /** '' or undefined means the request is about the bucket itself. */
  key?: string;
  style: 'service' | 'path' | 'virtual-host' | 'cname';
}

export interface AddressOptions {
  /** Host names that address the service itself; `<bucket>.<name>` addresses a bucket. */
  serviceHosts: readonly string[];
  /** Custom domains bound to buckets. */
  cnames: ReadonlyMap<string, string>;
}

// The shape of OSS service hosts, including the one ali-oss derives from its region for IP endpoints.
const OSS_SERVICE_HOST = /^[a-z0-9-]+\.aliyuncs\.com$/;

export function hostName(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ossError('InvalidArgument', `The request path is not valid percent-encoding: ${segment}`);
  }
}

export function resolveAddress(hostHeader: string | undefined, rawPath: string, opts: AddressOptions): Address {
  const host = hostName(hostHeader);
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;

  const cnameBucket = opts.cnames.get(host);
  if (cnameBucket) return { bucket: cnameBucket, key: decode(path), style: 'cname' };

  const dot = host.indexOf('.');
  if (dot >= 0) {
    const label = host.slice(0, dot);
    const base = host.slice(dot + 1);
    if (opts.serviceHosts.includes(base) || OSS_SERVICE_HOST.test(base)) {
      // ali-oss builds ".<region host>" for bucket-less calls against an IP endpoint.
      if (label === '') return pathStyle(path);
      return { bucket: label, key: decode(path), style: 'virtual-host' };
    }
  }
  return pathStyle(path);
}

function pathStyle(path: string): Address {
  if (path === '') return { style: 'service' };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path), key: '', style: 'path' };
  return { bucket: decode(path.slice(0, slash)), key: decode(path.slice(slash + 1)), style: 'path' };
}
