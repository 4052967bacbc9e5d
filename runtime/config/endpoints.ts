// The addresses Alibaba Cloud gives a Tablestore instance and OSS in a region: built from a name and a
// region, and read back from an endpoint. The stacks, the CLI and the function all use these.

/** Tablestore public endpoint of an instance; the deployer's machine and the function both reach it. */
export function otsEndpoint(instance: string, region: string): string {
  return `https://${instance}.${region}.ots.aliyuncs.com`;
}

const REGION_PART = '([a-z]{2,}(?:-[a-z0-9]+)+?)';
/** Public, classic-network and VPC addresses of a Tablestore instance. */
const OTS_HOST = new RegExp(`^([^.]+)\\.${REGION_PART}\\.(?:ots|ots-internal|vpc\\.tablestore)\\.aliyuncs\\.com$`);
const OSS_HOST = new RegExp(`^oss-${REGION_PART}(?:-internal)?\\.aliyuncs\\.com$`);

const hostOf = (url: string) => new URL(url).hostname.toLowerCase();

/** A host name of Alibaba Cloud's services (`*.aliyuncs.com`), in any case. */
export function isAlibabaCloudHost(host: string): boolean {
  return /(^|\.)aliyuncs\.com$/i.test(host);
}

/** The instance and region a Tablestore endpoint of Alibaba Cloud names; undefined for any other address. */
export function otsEndpointParts(url: string): { instance: string; region: string } | undefined {
  const m = OTS_HOST.exec(hostOf(url));
  return m ? { instance: m[1]!, region: m[2]! } : undefined;
}

/** The region named by a Tablestore or OSS endpoint of Alibaba Cloud, if it is one. */
export function regionOfEndpoint(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return otsEndpointParts(url)?.region ?? OSS_HOST.exec(hostOf(url))?.[1];
}

/** Whether the endpoint is a Tablestore or OSS address reached only inside Alibaba Cloud (internal or VPC). */
export function isInsideOnlyEndpoint(url: string): boolean {
  let host: string;
  try {
    host = hostOf(url);
  } catch {
    return false;
  }
  if (OTS_HOST.test(host)) return !host.endsWith('.ots.aliyuncs.com');
  return OSS_HOST.test(host) && host.endsWith('-internal.aliyuncs.com');
}

/** OSS public endpoint of a region. */
export function ossEndpoint(region: string): string {
  return `https://oss-${region}.aliyuncs.com`;
}

/** OSS endpoint inside the region, which FC reaches without internet traffic. */
export function ossInternalEndpoint(region: string): string {
  return `https://oss-${region}-internal.aliyuncs.com`;
}

/** An http URL made https, and what became of an explicit port, for the message that says so. */
export interface HttpsUrl {
  url: string;
  port?: string;
}

/** The https form of an http URL: an explicit :80 is dropped (http's port; TLS there fails), any other port kept. */
export function httpsOf(url: string): HttpsUrl {
  const m = /^http:\/\/([^/?#]*?)(?::(\d+))?(?=[/?#]|$)/i.exec(url);
  if (!m) return { url };
  const [whole, host, port] = m;
  const rest = url.slice(whole.length);
  if (port === undefined) return { url: `https://${host}${rest}` };
  if (Number(port) === 80) return { url: `https://${host}${rest}`, port: 'port 80 dropped: it is http\'s, https takes 443' };
  return { url: `https://${host}:${port}${rest}`, port: `port ${port} kept: check that the endpoint takes https there` };
}
