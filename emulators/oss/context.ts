// What every operation handler gets: the exchange, the addressed resource, the state and the caller's rights.
import type { Credential } from './credentials.ts';
import { ossError } from './errors.ts';
import type { Exchange } from './http.ts';
import type { Operation } from './operations.ts';
import type { State } from './state.ts';

export interface EmulatorSettings {
  /** The standard region id, as in V4 scopes (cn-hangzhou). */
  region: string;
  ownerId: string;
  now(): number;
}

export interface Ctx extends Exchange {
  op: Operation;
  bucket: string;
  key: string;
  query: ReadonlyMap<string, string>;
  state: State;
  settings: EmulatorSettings;
  access: Access;
}

/** Whether the caller may touch a bucket or key: scoped keys by their grants, anonymous callers by bucket ACL. */
export class Access {
  constructor(
    private readonly credential: Credential | undefined,
    private readonly bucketAcl: (bucket: string) => string | undefined,
  ) {}

  get anonymous(): boolean {
    return this.credential === undefined;
  }

  /** `key` undefined means the bucket itself; `listPrefix` is the prefix a listing asks for. */
  check(bucket: string, key: string | undefined, write: boolean, listPrefix?: string): void {
    if (!this.allowed(bucket, key, write, listPrefix)) {
      const what = key !== undefined ? `object "${key}" in bucket "${bucket}"` : bucket ? `bucket "${bucket}"` : 'the service';
      throw ossError(
        'AccessDenied',
        this.credential
          ? `The AccessKeyId ${this.credential.accessKeyId} is not allowed to ${write ? 'write' : 'read'} ${what}.`
          : `Anonymous access to ${what} is not allowed by its ACL.`,
      );
    }
  }

  private allowed(bucket: string, key: string | undefined, write: boolean, listPrefix?: string): boolean {
    if (!this.credential) {
      const acl = bucket ? this.bucketAcl(bucket) : undefined;
      return acl === 'public-read-write' || (acl === 'public-read' && !write);
    }
    const grants = this.credential.allow;
    if (!grants) return true;
    return grants.some((g) => {
      if (g.bucket !== bucket || (write && g.readOnly)) return false;
      if (g.prefix === undefined) return true;
      if (key !== undefined) return key.startsWith(g.prefix);
      return listPrefix !== undefined && listPrefix.startsWith(g.prefix);
    });
  }
}
