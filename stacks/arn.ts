// Alibaba Cloud resource names (ARNs) the grants scope to.

/** Tablestore ARNs take the instance name in lower case (instance names are case-insensitive). */
export function otsTableArn(region: string, account: string, instance: string, table: string): string {
  return `acs:ots:${region}:${account}:instance/${instance.toLowerCase()}/table/${table}`;
}

export function ossBucketArn(account: string, bucket: string): string {
  return `acs:oss:*:${account}:${bucket}`;
}

/** Every object whose key starts with the prefix. */
export function ossPrefixArn(account: string, bucket: string, prefix: string): string {
  return `acs:oss:*:${account}:${bucket}/${prefix}*`;
}

export function logstoreArn(region: string, account: string, project: string, logstore: string): string {
  return `acs:log:${region}:${account}:project/${project}/logstore/${logstore}`;
}

/** A KMS key given by id (or already as an ARN). */
export function kmsKeyArn(region: string, account: string, key: string): string {
  return key.startsWith('acs:kms:') ? key : `acs:kms:${region}:${account}:key/${key}`;
}
