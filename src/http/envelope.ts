// The Azure Language API's error envelope: `{"error": {code, message, target?, innererror?}}`.

/** Service error codes of the Azure Language API (`ErrorCode`). */
export type ErrorCode =
  | 'InvalidRequest'
  | 'InvalidArgument'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'ProjectNotFound'
  | 'OperationNotFound'
  | 'TooManyRequests'
  | 'InternalServerError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'QuotaExceeded'
  | 'Conflict';

/** Inner error codes (`InnerErrorCode`). */
export type InnerErrorCode =
  | 'InvalidRequest'
  | 'InvalidParameterValue'
  | 'InvalidRequestBodyFormat'
  | 'EmptyRequest'
  | 'MissingInputDocuments'
  | 'InvalidDocument'
  | 'ModelVersionIncorrect'
  | 'InvalidDocumentBatch'
  | 'UnsupportedLanguageCode';

export interface InnerError {
  readonly code: InnerErrorCode;
  readonly message: string;
  readonly target?: string;
}

/** `{"error": {...}}` as the Azure Language API shapes it. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
  readonly innererror?: InnerError;
}
