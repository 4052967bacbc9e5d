// Maps method + address + sub-resources to the OSS API operation name (used by handlers and faults).
import type { Address } from './address.ts';
import { ossError } from './errors.ts';

export const OPERATIONS = [
  'ListBuckets',
  'PutBucket',
  'DeleteBucket',
  'GetBucketInfo',
  'GetBucketLocation',
  'ListObjects',
  'ListObjectsV2',
  'ListMultipartUploads',
  'DeleteMultipleObjects',
  'PutObject',
  'CopyObject',
  'AppendObject',
  'GetObject',
  'HeadObject',
  'GetObjectMeta',
  'DeleteObject',
  'GetObjectACL',
  'PutObjectACL',
  'InitiateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListParts',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** Operations that only read (for credentials scoped read-only and for anonymous access to public buckets). */
export const READ_OPERATIONS: ReadonlySet<Operation> = new Set<Operation>([
  'ListBuckets',
  'GetBucketInfo',
  'GetBucketLocation',
  'ListObjects',
  'ListObjectsV2',
  'ListMultipartUploads',
  'GetObject',
  'HeadObject',
  'GetObjectMeta',
  'GetObjectACL',
  'ListParts',
]);

// Sub-resources the emulator knows; any other one is answered with NotImplemented rather than guessed at.
const KNOWN_SUBRESOURCES = new Set([
  'acl',
  'append',
  'bucketInfo',
  'continuation-token',
  'delete',
  'location',
  'objectMeta',
  'partNumber',
  'position',
  'uploadId',
  'uploads',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
]);

/** Query parameters that are part of the V1 canonical resource (OSS's sub-resource list). */
export const SIGNED_SUBRESOURCES = new Set([
  ...KNOWN_SUBRESOURCES,
  'cors', 'logging', 'website', 'referer', 'lifecycle', 'tagging', 'img', 'style', 'styleName',
  'replication', 'replicationProgress', 'replicationLocation', 'cname', 'comp', 'qos', 'live', 'status',
  'vod', 'startTime', 'endTime', 'symlink', 'x-oss-process', 'x-oss-traffic-limit', 'udf', 'restore', 'versionId', 'security-token',
  'callback', 'callback-var', 'policy', 'stat', 'encryption', 'versions', 'versioning', 'requestPayment',
  'x-oss-request-payer', 'sequential', 'inventory', 'inventoryId', 'asyncFetch', 'worm', 'wormId',
  'wormExtend', 'transferAcceleration', 'regionList', 'metaQuery', 'resourceGroup',
]);

export function classify(method: string, address: Address, query: ReadonlyMap<string, string>, copySource: boolean): Operation {
  const has = (name: string) => query.has(name);
  for (const name of query.keys()) {
    if (SIGNED_SUBRESOURCES.has(name) && !KNOWN_SUBRESOURCES.has(name)) {
      throw ossError('NotImplemented', `The OSS emulator does not implement the "${name}" sub-resource.`);
    }
  }
  const notAllowed = () =>
    ossError('MethodNotAllowed', `The OSS emulator has no ${method} operation on this resource.`, { Method: method });

  if (!address.bucket) {
    if (method === 'GET') return 'ListBuckets';
    throw notAllowed();
  }
  if (!address.key) {
    switch (method) {
      case 'PUT':
        if (has('acl')) throw ossError('NotImplemented', 'The OSS emulator does not implement PutBucketAcl.');
        return 'PutBucket';
      case 'DELETE':
        return 'DeleteBucket';
      case 'POST':
        if (has('delete')) return 'DeleteMultipleObjects';
        throw notAllowed();
      case 'GET':
        if (has('bucketInfo')) return 'GetBucketInfo';
        if (has('location')) return 'GetBucketLocation';
        if (has('uploads')) return 'ListMultipartUploads';
        if (has('acl')) throw ossError('NotImplemented', 'The OSS emulator does not implement GetBucketAcl.');
        return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      default:
        throw notAllowed();
    }
  }
  switch (method) {
    case 'PUT':
      if (has('uploadId') || has('partNumber')) return copySource ? 'UploadPartCopy' : 'UploadPart';
      if (has('acl')) return 'PutObjectACL';
      return copySource ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (has('append')) return 'AppendObject';
      if (has('uploads')) return 'InitiateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      throw notAllowed();
    case 'GET':
      if (has('uploadId')) return 'ListParts';
      if (has('acl')) return 'GetObjectACL';
      return 'GetObject';
    case 'HEAD':
      return has('objectMeta') ? 'GetObjectMeta' : 'HeadObject';
    case 'DELETE':
      return has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    default:
      throw notAllowed();
  }
}
