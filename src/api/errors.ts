import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Response } from 'express';

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

/**
 * An error that becomes an HTTP response in the Azure envelope. Gateway-level errors (401, 403,
 * 404, 429) use the status as a string code and no innererror, as Azure's front door does.
 */
export class ApiError extends Error {
  /** `options.cause`: what went wrong inside, for the log only (never sent). */
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(body.message, options);
  }

  static invalidRequest(message: string, inner?: InnerError, status = 400): ApiError {
    return new ApiError(status, { code: 'InvalidRequest', message, ...(inner ? { innererror: inner } : {}) });
  }

  static gateway(status: number, message: string, headers: Record<string, string> = {}): ApiError {
    return new ApiError(status, { code: String(status), message }, headers);
  }

  static notFound(): ApiError {
    return ApiError.gateway(404, 'Resource not found');
  }

  static unavailable(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(
      503,
      { code: 'ServiceUnavailable', message },
      { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }

  static tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(
      429,
      { code: 'TooManyRequests', message },
      { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}

/** Writes an error response; `x-ms-error-code` carries the most specific code like Azure does. */
export function sendError(res: Response, err: ApiError): void {
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.setHeader('x-ms-error-code', err.body.innererror?.code ?? err.body.code);
  res.status(err.status).json({ error: err.body });
}

/**
 * Answers on a raw socket, where there is no response object (a refused websocket upgrade, a request
 * Node's parser rejected): a plain HTTP response in the Azure envelope, then the connection closes.
 */
export function sendErrorOnSocket(socket: Duplex, err: ApiError): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: err.body });
  const headers = {
    ...err.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'x-ms-error-code': err.body.innererror?.code ?? err.body.code,
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ''}\r\n${head}\r\n\r\n${body}`);
}
