// Access keys the emulator accepts: long-term keys, STS keys (with token and expiry) and optional scopes.
import { randomBytes } from 'node:crypto';
import { ossError } from './errors.ts';

export interface Grant {
  bucket: string;
  /** Only keys under this prefix. */
  prefix?: string;
  readOnly?: boolean;
}

export interface Credential {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS credentials: every request must carry this token in x-oss-security-token. */
  securityToken?: string;
  /**
   * A long-term key that also takes requests carrying any x-oss-security-token. The emulator's own keys
   * do, as the Tablestore emulator's do, so one FC-style credential set (keys + token) reaches both.
   * OSS itself treats a token on a long-term key as an unknown STS key.
   */
  anyToken?: boolean;
  /** Epoch milliseconds after which the STS token is refused with SecurityTokenExpired. */
  expiresAt?: number;
  /** Like a RAM policy: when set, only these buckets/prefixes are reachable; unset allows everything. */
  allow?: Grant[];
}

export class CredentialStore {
  private readonly byId = new Map<string, Credential>();

  add(credential: Credential): Credential {
    if (!credential.accessKeyId || !credential.accessKeySecret) {
      throw new Error('a credential needs a non-empty accessKeyId and accessKeySecret');
    }
    this.byId.set(credential.accessKeyId, { ...credential });
    return credential;
  }

  remove(accessKeyId: string): void {
    this.byId.delete(accessKeyId);
  }

  /** Issues STS-style temporary credentials, as AssumeRole would. */
  issueSts(opts: { durationSeconds?: number; allow?: Grant[] } = {}): Required<Pick<Credential, 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'expiresAt'>> & Credential {
    const credential = {
      accessKeyId: `STS.${randomBytes(12).toString('hex')}`,
      accessKeySecret: randomBytes(24).toString('base64url'),
      securityToken: randomBytes(48).toString('base64'),
      expiresAt: Date.now() + (opts.durationSeconds ?? 3600) * 1000,
      ...(opts.allow ? { allow: opts.allow } : {}),
    };
    this.add(credential);
    return credential;
  }

  /** The credential for an access key id presented with `token`, or the OSS error a wrong pairing earns. */
  resolve(accessKeyId: string, token: string | undefined, now: number): Credential {
    const credential = this.byId.get(accessKeyId);
    if (!credential) {
      throw ossError('InvalidAccessKeyId', undefined, { OSSAccessKeyId: accessKeyId });
    }
    if (credential.securityToken === undefined) {
      // OSS treats any request with a token as an STS request; a long-term key is then unknown.
      if (token !== undefined && !credential.anyToken) {
        throw ossError(
          'InvalidAccessKeyId',
          'The request carries x-oss-security-token but the AccessKeyId is a long-term key, not an STS key.',
          { OSSAccessKeyId: accessKeyId },
        );
      }
      return credential;
    }
    if (token === undefined) {
      throw ossError('InvalidAccessKeyId', 'This STS AccessKeyId needs its x-oss-security-token.', {
        OSSAccessKeyId: accessKeyId,
      });
    }
    if (token !== credential.securityToken) throw ossError('InvalidSecurityToken');
    if (credential.expiresAt !== undefined && now > credential.expiresAt) throw ossError('SecurityTokenExpired');
    return credential;
  }
}
