// Tablestore errors with their real service codes, whether they came from the Node SDK (which
// hands back the HTTP status and the raw protobuf body as a string) or from the Stream client.

import { decodeMessage } from './protocol/protobuf.ts';
import { ErrorMessage } from './protocol/stream-messages.ts';

/** Codes DataX's otsstreamreader treats as fatal: retrying cannot help. */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  'OTSAuthFailed',
  'OTSConditionCheckFail',
  'OTSParameterInvalid',
  'OTSInvalidPK',
  'OTSObjectAlreadyExist',
  'OTSObjectNotExist',
  'OTSOutOfColumnCountLimit',
  'OTSOutOfRowSizeLimit',
  'OTSRequestBodyTooLarge',
  'OTSTrimmedDataAccess',
]);

/** Throttling, transient server states and network failures. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'OTSServerBusy',
  'OTSQuotaExhausted',
  'OTSTimeout',
  'OTSRequestTimeout',
  'OTSInternalServerError',
  'OTSPartitionUnavailable',
  'OTSServerUnavailable',
  'OTSRowOperationConflict',
  'OTSTableNotReady',
  'OTSNotEnoughCapacityUnit',
  'OTSOperationThrottled',
  'NetworkingError',
  'TimeoutError',
]);

/** Code of a stream record whose PlainBuffer could not be decoded. */
export const CORRUPT_RECORD_CODE = 'OTS2OSSCorruptRecord';
/** Code of client-side failures (bad arguments, SDK exceptions) that never reached the service. */
export const CLIENT_ERROR_CODE = 'OTSClientError';

export function isRetryable(code: string, httpStatus: number): boolean {
  if (FATAL_CODES.has(code)) return false;
  if (RETRYABLE_CODES.has(code)) return true;
  return httpStatus >= 500;
}

export interface TablestoreErrorInit {
  code: string;
  message: string;
  httpStatus: number;
  operation: string;
  requestId?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class TablestoreError extends Error {
  readonly code: string;
  /** The service's own message, without the operation and code in front. */
  readonly detail: string;
  readonly httpStatus: number;
  readonly requestId?: string;
  readonly operation: string;
  readonly retryable: boolean;

  constructor(init: TablestoreErrorInit) {
    super(`${init.operation}: ${init.code}: ${init.message}${init.requestId ? ` (request ${init.requestId})` : ''}`, {
      cause: init.cause,
    });
    this.name = 'TablestoreError';
    this.code = init.code;
    this.detail = init.message;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.retryable = init.retryable ?? isRetryable(init.code, init.httpStatus);
  }
}

/** What a job's Tablestore calls are aimed at, so that an error can name the field to change. */
export interface TablestoreTarget {
  instance: string;
  table: string;
  statusTable: string;
  endpoint: string;
  /** Whose keys signed the calls and where they came from (e.g. "access key ****wxyz from a profile"), never the secret. */
  credentials?: string;
  /** How those keys come to be allowed a call they were denied, given its permission (ots:GetRange); default: grant it to that user or role. */
  grantHint?: (permission: string) => string;
  /** How the status table comes to exist (default: create it, or let the stack create it). */
  statusTableFix?: string;
}

/** A job source's tables, at the endpoint its calls go to, and whose keys sign them. */
export function sourceTarget(
  source: Pick<TablestoreTarget, 'instance' | 'table' | 'statusTable'>,
  endpoint: string,
  keys: Pick<TablestoreTarget, 'credentials' | 'grantHint' | 'statusTableFix'>,
): TablestoreTarget {
  return { instance: source.instance, table: source.table, statusTable: source.statusTable, endpoint, ...keys };
}

/** A Tablestore answer no retry can fix, told in the job's terms: which field, which value, what to do. */
export class TablestoreAccessError extends Error {
  /** field: what to change (source.table, credentials, clock...); status tells a missing table from keys that may not look. */
  constructor(message: string, readonly code: string, readonly field: string, cause: TablestoreError) {
    super(message, { cause });
    this.name = 'TablestoreAccessError';
  }
}

/** Row operations reach only the status table; the data table is reached by DescribeTable and the Stream API. */
const STATUS_TABLE_OPERATIONS: ReadonlySet<string> = new Set(['GetRow', 'GetRange', 'PutRow', 'UpdateRow', 'DeleteRow', 'BatchGetRow', 'BatchWriteRow']);

/** The status table's key, as DataWorks' status table has it. */
export const STATUS_TABLE_KEY = 'primary key StreamId, StatusType, StatusValue, all STRING';

/**
 * Names the field and the fix for a missing table or instance, rejected keys or a denied call (in the
 * style of explainOssError); other errors pass through.
 */
export function explainTablestoreError(error: unknown, target: TablestoreTarget): unknown {
  if (!(error instanceof TablestoreError)) return error;
  const answered = `(Tablestore answered ${error.operation}: ${error.code}: ${error.detail})`;
  const statusTable = STATUS_TABLE_OPERATIONS.has(error.operation);
  const explained = (field: string, message: string) => new TablestoreAccessError(message, error.code, field, error);
  const keys = target.credentials ?? 'the access key';
  const { instance, endpoint } = target;
  if (error.code === 'OTSObjectNotExist' && /\btable\b/i.test(error.detail)) {
    return statusTable
      ? explained('source.statusTable', `source.statusTable: table "${target.statusTable}" does not exist in instance ${instance} ${answered}; ${target.statusTableFix ?? `create it (${STATUS_TABLE_KEY}), or let the stack create it (source.createStatusTable)`}`)
      : explained('source.table', `source.table: table "${target.table}" does not exist in instance ${instance} ${answered}; correct source.table (or source.instance), or create the table`);
  }
  const permission = `ots:${error.operation}`;
  const denied = `${keys} may not call ${error.operation} on ${statusTable ? `status table ${target.statusTable}` : `table ${target.table}`} in instance ${instance} ${answered}; ` +
    (target.grantHint?.(permission) ?? `grant ${permission} on it to that user or role`);
  if (error.code === 'OTSNoPermissionAccess') return explained('credentials', denied);
  if (error.code !== 'OTSAuthFailed') return error;
  const { detail } = error;
  if (/instance (is not found|does not exist)/i.test(detail)) {
    return explained('source.instance', `source.instance: instance "${instance}" is not found at ${endpoint} ${answered}; correct source.instance, or source.endpoint to that instance's endpoint`);
  }
  if (/privilege|permission/i.test(detail)) return explained('credentials', denied);
  if (/not running/i.test(detail)) return explained('source.instance', `source.instance: instance "${instance}" is not running ${answered}; wait until it is, or check it in the Tablestore console`);
  if (/\bACL\b/i.test(detail)) {
    return explained('source.endpoint', `source.endpoint ${endpoint}: instance ${instance} refuses requests from this network ${answered}; call it from a network it allows (its VPC), or allow this one in the instance's network settings`);
  }
  if (/system time|x-ots-date/i.test(detail)) return explained('clock', `this machine's clock is off ${answered}; set it right (NTP) and run again`);
  return explained('credentials', `Tablestore refused ${keys} for instance ${instance} ${answered}; ${keyHint(detail)}`);
}

function keyHint(detail: string): string {
  if (/signature/i.test(detail)) return 'the AccessKey secret does not match its ID: correct the secret there';
  if (/accesskey ?id (does not exist|is disabled)|user does not exist/i.test(detail)) return 'that AccessKey ID is unknown or disabled: correct it there, or use another key';
  if (/token/i.test(detail)) return 'the security token is wrong or expired: get new STS credentials';
  return 'check the AccessKey ID, secret and security token there';
}

/** Decodes the protobuf `Error { code, message }` body of a failed response; undefined if it is not one. */
export function decodeErrorBody(bytes: Uint8Array): { code: string; message: string } | undefined {
  if (bytes.length === 0) return undefined;
  try {
    const decoded = decodeMessage(ErrorMessage, bytes, 'Error');
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(decoded.code)) return undefined;
    return { code: decoded.code, message: decoded.message ?? '' };
  } catch {
    return undefined;
  }
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

function headerValue(headers: unknown, name: string): string | undefined {
  const v = field(headers, name);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

// The SDK renders the body with body.toString() and appends " requestId:<id>". Short ASCII
// bodies survive that intact; longer ones lose the length varints, so fall back to a scan.
function parseSdkBody(text: string): { code: string; message: string } | undefined {
  const body = text.replace(/ requestId:[^\s]*$/, '');
  const exact = decodeErrorBody(Buffer.from(body, 'utf8'));
  if (exact) return exact;
  const match = /(OTS[A-Za-z0-9]+)/.exec(body);
  if (!match) return undefined;
  const rest = body.slice(match.index + match[1]!.length);
  // Drop the message field's tag and length varint (its high bytes became U+FFFD).
  const message = rest.replace(/^\x12(?:\ufffd+[\x00-\x7f]?|[\x00-\x7f])/, '');
  return { code: match[1]!, message };
}

const NETWORK_CODES = new Set(['NetworkingError', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);

/** Turns whatever the `tablestore` SDK rejected with into a TablestoreError carrying the service's code. */
export function fromSdkError(err: unknown, operation: string): TablestoreError {
  if (err instanceof TablestoreError) return err;
  const rawCode = field(err, 'code');
  const rawMessage = field(err, 'message');
  const message = typeof rawMessage === 'string' ? rawMessage : String(err);
  const headers = field(err, 'headers');
  const requestId = headerValue(headers, 'x-ots-requestid') ?? headerValue(headers, 'x-ots-request-id');

  if (typeof rawCode === 'number') {
    const parsed = parseSdkBody(message);
    return new TablestoreError({
      code: parsed?.code ?? `HTTP${rawCode}`,
      message: parsed?.message ?? message,
      httpStatus: rawCode,
      operation,
      requestId,
      cause: err,
    });
  }
  if (typeof rawCode === 'string' && NETWORK_CODES.has(rawCode)) {
    return new TablestoreError({
      code: rawCode === 'TimeoutError' ? 'TimeoutError' : 'NetworkingError',
      message,
      httpStatus: 0,
      operation,
      cause: err,
    });
  }
  // Empty-bodied 4xx the SDK names itself (NotFound, Forbidden, ...).
  const statusByName: Record<string, number> = { BadRequest: 400, Forbidden: 403, NotFound: 404, NotModified: 304 };
  if (typeof rawCode === 'string' && statusByName[rawCode] !== undefined) {
    return new TablestoreError({ code: rawCode, message, httpStatus: statusByName[rawCode]!, operation, requestId, cause: err });
  }
  return new TablestoreError({
    code: CLIENT_ERROR_CODE,
    message,
    httpStatus: 0,
    operation,
    retryable: false,
    cause: err,
  });
}
