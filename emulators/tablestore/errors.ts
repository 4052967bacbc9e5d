// Errors the emulated service answers with: the real code, HTTP status and message text.

export class OtsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OtsError';
  }
}

/** Default HTTP status per code, as the service uses them. */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  OTSAuthFailed: 403,
  OTSNoPermissionAccess: 403,
  OTSParameterInvalid: 400,
  OTSInvalidPK: 400,
  OTSUnsupportOperation: 400,
  OTSTrimmedDataAccess: 400,
  OTSOutOfColumnCountLimit: 400,
  OTSOutOfRowSizeLimit: 400,
  OTSObjectNotExist: 404,
  OTSTableNotReady: 404,
  OTSMethodNotAllowed: 405,
  OTSRequestTimeout: 408,
  OTSObjectAlreadyExist: 409,
  OTSRequestBodyTooLarge: 413,
  OTSConditionCheckFail: 403,
  OTSQuotaExhausted: 403,
  OTSNotEnoughCapacityUnit: 403,
  OTSRowOperationConflict: 409,
  OTSInternalServerError: 500,
  OTSServerBusy: 503,
  OTSPartitionUnavailable: 503,
  OTSServerUnavailable: 503,
  OTSTimeout: 503,
};

export function otsError(code: string, message: string): OtsError {
  return new OtsError(code, STATUS_BY_CODE[code] ?? 400, message);
}

export const invalid = (message: string): OtsError => otsError('OTSParameterInvalid', message);
export const tableNotExist = (): OtsError => otsError('OTSObjectNotExist', 'Requested table does not exist.');
export const conditionFailed = (): OtsError => otsError('OTSConditionCheckFail', 'Condition check failed.');
export const trimmed = (): OtsError => otsError('OTSTrimmedDataAccess', 'Requested stream data is already trimmed or does not exist.');

/** Malformed PlainBuffer or protobuf input is the caller's fault: OTSParameterInvalid. Others are bugs. */
export function asOtsError(err: unknown): OtsError | undefined {
  if (err instanceof OtsError) return err;
  if (err instanceof Error && (err.name === 'PlainBufferError' || err.name === 'ProtobufError')) return invalid(err.message);
  return undefined;
}
