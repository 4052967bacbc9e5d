import { Construct } from 'constructs';
import { OssBucketAcl } from '../../.gen/providers/alicloud/oss-bucket-acl/index.ts';
import { OssBucketPublicAccessBlock } from '../../.gen/providers/alicloud/oss-bucket-public-access-block/index.ts';
import { OssBucketServerSideEncryption } from '../../.gen/providers/alicloud/oss-bucket-server-side-encryption/index.ts';
import { OssBucket, type OssBucketLifecycleRule } from '../../.gen/providers/alicloud/oss-bucket/index.ts';
import { ossBucketArn, ossPrefixArn } from '../arn.ts';
import type { Grantee } from '../policy.ts';

export interface PrivateBucketProps {
  name: string;
  /** Account id (a token is fine); used in ARNs. */
  account: string;
  /** Present: create the bucket; absent: it exists already and is left as it is. */
  create?: {
    encryption?: 'AES256' | 'KMS';
    kmsKeyId?: string | undefined;
    /** Keep every object version (for state files). */
    versioning?: boolean;
    /** Delete all objects on destroy: only for ephemeral environments. */
    forceDestroy?: boolean;
    tags?: Record<string, string>;
  };
}

/** Actions a writer of a prefix needs: put (incl. multipart), read back, delete (truncate mode). */
export const PREFIX_WRITE_ACTIONS = ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:AbortMultipartUpload', 'oss:ListParts'];
export const PREFIX_LIST_ACTIONS = ['oss:ListObjects'];

/**
 * An OSS bucket: when created, private (ACL resource and public access block) and encrypted at
 * rest. Grants and lifecycle rules are per key prefix.
 */
export class PrivateBucket extends Construct {
  readonly bucketName: string;
  /** The name as a reference: depends on the bucket resource when it is created here. */
  readonly ref: string;
  readonly account: string;
  readonly resource?: OssBucket;
  private readonly rules: OssBucketLifecycleRule[] = [];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucketName = props.name;
    this.account = props.account;
    const create = props.create;
    if (!create) {
      this.ref = props.name;
      return;
    }
    const bucket = new OssBucket(this, 'bucket', {
      bucket: props.name,
      forceDestroy: create.forceDestroy ?? false,
      tags: create.tags,
      versioning: create.versioning ? { status: 'Enabled' } : undefined,
    });
    this.resource = bucket;
    this.ref = bucket.bucket;
    new OssBucketAcl(this, 'acl', { bucket: bucket.bucket, acl: 'private' });
    new OssBucketPublicAccessBlock(this, 'public-access-block', { bucket: bucket.bucket, blockPublicAccess: true });
    const kms = create.encryption === 'KMS';
    new OssBucketServerSideEncryption(this, 'encryption', {
      bucket: bucket.bucket,
      sseAlgorithm: kms ? 'KMS' : 'AES256',
      kmsMasterKeyId: kms ? create.kmsKeyId : undefined,
    });
  }

  /** Lets the grantee write, read back, list and delete objects under the prefix, and nothing else. */
  grantWrite(grantee: Grantee, prefix: string): void {
    if (!prefix) throw new Error(`${this.node.path}: grantWrite needs a non-empty prefix`);
    grantee.addToPolicy({ Effect: 'Allow', Action: [...PREFIX_WRITE_ACTIONS], Resource: [ossPrefixArn(this.account, this.bucketName, prefix)] });
    grantee.addToPolicy({
      Effect: 'Allow',
      Action: [...PREFIX_LIST_ACTIONS],
      Resource: [ossBucketArn(this.account, this.bucketName)],
      Condition: { StringLike: { 'oss:Prefix': [`${prefix}*`] } },
    });
  }

  /** Deletes objects under the prefix this many days after they were written. */
  expireObjects(prefix: string, days: number): void {
    if (!this.resource) throw new Error(`${this.node.path}: lifecycle rules need a bucket this stack creates`);
    this.rules.push({ id: `expire-${prefix.replace(/[^A-Za-z0-9_-]+/g, '-')}`, prefix, enabled: true, expiration: [{ days }] });
    this.resource.putLifecycleRule([...this.rules]);
  }
}
