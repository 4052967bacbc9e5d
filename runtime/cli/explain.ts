import { isInsideOnlyEndpoint, ossEndpoint, otsEndpoint, regionOfEndpoint } from '../config/endpoints.ts';
import type { Endpoints } from '../export/connect.ts';
import { StreamNotEnabledError } from '../export/source.ts';
import { explainTablestoreError, sourceTarget, STATUS_TABLE_KEY, TablestoreError, type TablestoreTarget } from '../tablestore/errors.ts';
import { isConnectionRefused, isUnresolvedHost, RetriesExhaustedError } from '../util/retry.ts';
import type { LoadedJob } from './load-job.ts';

// Failures of a job command told in the job's terms: the field, its value and what to do. The session
// passes every failure of a retried call through explainJobError; others pass unchanged.

export interface JobContext {
  loaded: LoadedJob;
  endpoints: Endpoints;
  /** --profile, when the keys came from one: advice that runs a command passes it on. */
  profile?: string;
  /** Which keys, from where (never the secret): "access key ****wxyz from ...". */
  credentials?: string;
}

/** An endpoint of the job that cannot be reached: no such host, or nothing listening there. */
export class EndpointUnreachableError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'EndpointUnreachableError';
  }
}

export function explainJobError(error: unknown, ctx: JobContext): unknown {
  if (error instanceof StreamNotEnabledError) return withEnableCommand(error, ctx);
  return explainUnreachable(error, ctx) ?? explainTablestoreError(error, tablestoreTarget(ctx));
}

function tablestoreTarget({ loaded, endpoints, credentials }: JobContext): TablestoreTarget {
  const created = loaded.entry?.source.createStatusTable;
  const statusTableFix = created === undefined ? undefined
    : created ? `the stack creates it (source.createStatusTable): deploy the environment, or create it (${STATUS_TABLE_KEY})`
    : `source.createStatusTable is false, so the stack expects it: create it (${STATUS_TABLE_KEY}), or set createStatusTable to true and deploy`;
  return sourceTarget(loaded.job.source, endpoints.tablestore, { credentials, grantHint: operatorGrant, statusTableFix });
}

/** The operator's keys lack what the function's role has: the stack grants it the calls it makes. */
const operatorGrant = (permission: string) => `grant ${permission} on it to that user or role (the function's role, which the stack makes, has it)`;

/** The key ID's last four characters: enough to tell keys apart, too little to matter. */
export function describeKeys(accessKeyId: string, from: string): string {
  return `access key ${accessKeyId.length > 8 ? `****${accessKeyId.slice(-4)}` : '****'} from ${from}`;
}

/** The advice's command, runnable as printed: the endpoint used, and the expiration the stack would set. */
function withEnableCommand(error: StreamNotEnabledError, { loaded, endpoints, profile }: JobContext): StreamNotEnabledError {
  return new StreamNotEnabledError(error.instance, error.table, {
    endpoint: endpoints.tablestore, expirationHours: loaded.entry?.source.streamExpirationHours, profile,
  });
}

function explainUnreachable(error: unknown, { loaded, endpoints }: JobContext): EndpointUnreachableError | undefined {
  const reason = isUnresolvedHost(error) ? 'no such host' : isConnectionRefused(error) ? 'connection refused' : undefined;
  if (!reason) return undefined;
  const last = error instanceof RetriesExhaustedError ? error.lastError : error;
  const source = last instanceof TablestoreError;
  const field = source ? 'source.endpoint' : 'sink.endpoint';
  const url = source ? endpoints.tablestore : endpoints.oss;
  const region = regionOfEndpoint(url) ?? endpoints.region;
  const publicUrl = region && (source ? otsEndpoint(loaded.job.source.instance, region) : ossEndpoint(region));
  // An environment file's job gets its endpoints from the stack when they are not set.
  const written = loaded.entry ? (source ? loaded.entry.source.endpoint : loaded.entry.sink.endpoint) : (source ? loaded.job.source : loaded.job.sink).endpoint;
  const named = written ? `${field} ${url}`
    : `${field} (not set: ${url}, from region ${region})`;
  const what = `${source ? `Tablestore ${last.operation}` : 'OSS'}${error instanceof RetriesExhaustedError ? `, ${error.attempts} attempts` : ''}`;
  const fix = isInsideOnlyEndpoint(url)
    ? `that address is reachable only inside Alibaba Cloud; from outside, set ${field} to the public endpoint${publicUrl ? ` ${publicUrl}` : ''}`
    : `check the address${reason === 'connection refused' ? ' and port' : ''}, or use the public endpoint from outside the VPC${publicUrl && publicUrl !== url ? ` (${publicUrl})` : ''}`;
  return new EndpointUnreachableError(`${named}: ${reason} (${what}); ${fix}`, error);
}
