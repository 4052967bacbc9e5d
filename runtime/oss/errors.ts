// ali-oss errors carry `status` (HTTP) and `code` (OSS error code) or a `name` for transport failures.

const RETRYABLE_CODES = new Set(['RequestTimeout', 'ServiceUnavailable', 'InternalError', 'SlowDown', 'RequestTimeTooSkewed']);
const RETRYABLE_NAMES = new Set(['ConnectionTimeoutError', 'ResponseTimeoutError', 'RequestError', 'ResponseError']);
const RETRYABLE_SYSCALLS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);

interface OssErrorShape {
  status?: number;
  code?: string;
  name?: string;
  requestId?: string;
}

function shape(error: unknown): OssErrorShape {
  return typeof error === 'object' && error !== null ? (error as OssErrorShape) : {};
}

export function ossErrorCode(error: unknown): string | undefined {
  return shape(error).code;
}

export function isRetryableOssError(error: unknown): boolean {
  const { status, code, name } = shape(error);
  if (code && RETRYABLE_CODES.has(code)) return true;
  if (code && RETRYABLE_SYSCALLS.has(code)) return true;
  if (typeof status === 'number' && status >= 500) return true;
  if (status === -1 || status === -2) return true; // ali-oss uses these for connection and timeout failures
  return name !== undefined && RETRYABLE_NAMES.has(name) && (status === undefined || status >= 500 || status <= 0);
}

/** An OSS answer no retry can fix, told in the job's terms: which bucket, which setting to change. */
export class OssAccessError extends Error {
  constructor(message: string, readonly code: string, cause: unknown) {
    super(message, { cause });
    this.name = 'OssAccessError';
  }
}

/** Names the bucket and the fix for a missing bucket, rejected keys or a denied write; other errors pass through. */
export function explainOssError(error: unknown, what: string, bucket: string): unknown {
  const code = ossErrorCode(error);
  const answered = `OSS answered ${code} to ${what}`;
  switch (code) {
    case 'NoSuchBucket':
      return new OssAccessError(`sink.bucket: bucket "${bucket}" does not exist (${answered}); create it, or correct sink.bucket and sink.endpoint`, code, error);
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
      return new OssAccessError(`OSS rejected the access key for bucket "${bucket}" (${answered}); check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or the function's role`, code, error);
    case 'AccessDenied':
      return new OssAccessError(`the credentials may not do this in bucket "${bucket}" (${answered}); give the role write access to the job's prefix (the stack grants it)`, code, error);
    default:
      return error;
  }
}

/** A multipart upload gone at its complete with no object of it at the key: the object was not written. */
export class MultipartUploadLostError extends Error {
  constructor(readonly key: string, readonly uploadId: string, what: string, cause: unknown) {
    super(`object ${key}: multipart upload ${uploadId} ${what}; the object is not written, and the window is redone on the next run`, { cause });
    this.name = 'MultipartUploadLostError';
  }
}

/** A write to an object or series that was aborted (the run was interrupted or its window failed). */
export class WriteAbortedError extends Error {
  constructor(what: string) {
    super(`${what} was aborted: nothing more is written to it`);
    this.name = 'WriteAbortedError';
  }
}

/** One line for logs and CLI output: the OSS code, status and request id when present. */
export function describeOssError(error: unknown): string {
  const { status, code, requestId } = shape(error);
  const message = error instanceof Error ? error.message : String(error);
  return [code, status ? `HTTP ${status}` : undefined, message, requestId ? `request ${requestId}` : undefined]
    .filter(Boolean)
    .join(': ');
}
