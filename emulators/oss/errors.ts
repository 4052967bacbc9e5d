// OSS error codes with the HTTP status and message the service pairs them with.

export const ERROR_STATUS = {
  AccessDenied: 403,
  BadDigest: 400,
  BucketAlreadyExists: 409,
  BucketNotEmpty: 409,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  FileAlreadyExists: 409,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidEncryptionAlgorithmError: 400,
  InvalidObjectName: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidSecurityToken: 403,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  ObjectNotAppendable: 409,
  PositionNotEqualToLength: 409,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SecurityTokenExpired: 403,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  AccessDenied: 'Access denied.',
  BadDigest: 'The Content-MD5 you specified does not match the body received.',
  BucketAlreadyExists: 'The requested bucket name is not available.',
  BucketNotEmpty: 'The bucket you tried to delete is not empty.',
  EntityTooLarge: 'The body is larger than the maximum allowed size.',
  EntityTooSmall: 'A part other than the last one is smaller than the minimum part size of 100 KB.',
  FileAlreadyExists: 'The object already exists and x-oss-forbid-overwrite forbids replacing it.',
  InternalError: 'The emulator hit an internal error.',
  InvalidAccessKeyId: 'The AccessKeyId you provided does not exist in our records.',
  InvalidArgument: 'An argument is invalid.',
  InvalidBucketName: 'The bucket name is invalid.',
  InvalidDigest: 'The Content-MD5 you specified is not valid.',
  InvalidEncryptionAlgorithmError: 'The server-side encryption algorithm is not valid.',
  InvalidObjectName: 'The object name is invalid.',
  InvalidPart: 'One or more of the specified parts could not be found or the ETag did not match.',
  InvalidPartOrder: 'The parts must be listed in ascending order of part number.',
  InvalidRange: 'The requested range cannot be satisfied.',
  InvalidSecurityToken: 'The security token you provided is invalid.',
  MalformedXML: 'The XML you provided was not well-formed or did not validate.',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
  NoSuchBucket: 'The specified bucket does not exist.',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified upload does not exist: it may have been aborted or completed.',
  NotImplemented: 'The OSS emulator does not implement this operation.',
  ObjectNotAppendable: 'The object is not appendable.',
  PositionNotEqualToLength: 'The position to append at does not equal the object length.',
  PreconditionFailed: 'A precondition in the request headers did not hold.',
  RequestTimeTooSkewed: 'The difference between the request time and the server time is too large.',
  SecurityTokenExpired: 'The security token you provided has expired.',
  ServiceUnavailable: 'Please reduce your request rate.',
  SignatureDoesNotMatch: 'The request signature we calculated does not match the signature you provided.',
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** An error the emulator answers with OSS error XML; `details` become extra elements (Key, BucketName, ...). */
export class OssError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message?: string,
    readonly details: Record<string, string> = {},
    status?: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? (isErrorCode(code) ? DEFAULT_MESSAGE[code] : code));
    this.name = 'OssError';
    this.status = status ?? (isErrorCode(code) ? ERROR_STATUS[code] : 500);
  }
}

export function ossError(
  code: ErrorCode,
  message?: string,
  details?: Record<string, string>,
  headers?: Record<string, string>,
): OssError {
  return new OssError(code, message, details, undefined, headers);
}
