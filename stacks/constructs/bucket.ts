import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { OssBucketAcl } from '../../.gen/providers/alicloud/oss-bucket-acl/index.ts';
import { OssBucketPublicAccessBlock } from '../../.gen/providers/alicloud/oss-bucket-public-access-block/index.ts';
import { OssBucketServerSideEncryption } from '../../.gen/providers/alicloud/oss-bucket-server-side-encryption/index.ts';
import { OssBucket, type OssBucketLifecycleRule } from '../../.gen/providers/alicloud/oss-bucket/index.ts';
import { kmsKeyArn, ossBucketArn, ossPrefixArn } from '../arn.ts';
import type { Grantee } from '../policy.ts';

export interface PrivateBucketProps {
  name: string;
  /** Region of the bucket (and of its KMS key). */
  region: string;
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
export const PREFIX_WRITE_ACTIONS = ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:AbortMultipartUpload'];
/** Listing under the prefix: objects (a truncate's delete) and a key's open uploads (after a retried initiate). */
export const PREFIX_LIST_ACTIONS = ['oss:ListObjects', 'oss:ListMultipartUploads'];
/** What OSS needs of the caller to write and read objects under a customer KMS key. */
const KMS_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
/** Days after which OSS drops the parts of an upload never completed: twice FC's longest run. */
const ABORT_UPLOADS_AFTER_DAYS = 2;

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
  /** Encryption settings; writers wait for them, so no object is ever written unencrypted. */
  readonly settings: ITerraformDependable[] = [];
  private readonly kmsKeyArn?: string;
  private readonly rules: OssBucketLifecycleRule[] = [
    // A run killed mid-upload leaves parts that bill and that block deleting the bucket.
    { id: 'abort-incomplete-uploads', enabled: true, abortMultipartUpload: [{ days: ABORT_UPLOADS_AFTER_DAYS }] },
  ];

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
      lifecycleRule: [...this.rules],
      // The bucket's read copies the encryption that the resource below sets into this block; left
      // unignored, the next plan would delete it (DeleteBucketEncryption) and the one after put it back.
      lifecycle: { ignoreChanges: ['server_side_encryption_rule'] },
    });
    this.resource = bucket;
    this.ref = bucket.bucket;
    const kms = create.encryption === 'KMS';
    if (kms && create.kmsKeyId) this.kmsKeyArn = kmsKeyArn(props.region, props.account, create.kmsKeyId);
    this.settings.push(
      new OssBucketAcl(this, 'acl', { bucket: bucket.bucket, acl: 'private' }),
      new OssBucketPublicAccessBlock(this, 'public-access-block', { bucket: bucket.bucket, blockPublicAccess: true }),
      new OssBucketServerSideEncryption(this, 'encryption', {
        bucket: bucket.bucket,
        sseAlgorithm: kms ? 'KMS' : 'AES256',
        kmsMasterKeyId: kms ? create.kmsKeyId : undefined,
      }),
    );
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
    // OSS's own key needs no grant; a customer key does, or every write is refused.
    if (this.kmsKeyArn) grantee.addToPolicy({ Effect: 'Allow', Action: [...KMS_KEY_ACTIONS], Resource: [this.kmsKeyArn] });
  }

  /** Deletes objects under the prefix this many days after they were written. */
  expireObjects(prefix: string, days: number): void {
    if (!this.resource) throw new Error(`${this.node.path}: lifecycle rules need a bucket this stack creates`);
    this.rules.push({ id: `expire-${prefix.replace(/[^A-Za-z0-9_-]+/g, '-')}`, prefix, enabled: true, expiration: [{ days }] });
    this.resource.putLifecycleRule([...this.rules]);
  }
}
