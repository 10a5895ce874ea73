import { GatewayError } from '../errors/base.ts';
import type { ErrorBody, InnerError } from './envelope.ts';

/**
 * An error that becomes an HTTP response in the Azure envelope. Gateway-level errors (401, 403,
 * 404, 429) use the status as a string code and no innererror, as Azure's front door does.
 */
export class ApiError extends GatewayError {
  /** `options.cause`: what went wrong inside, for the log only (never sent). */
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(body.message, options);
  }

  /** The envelope's code (`ServiceUnavailable`, or the status for gateway-level errors). */
  get code(): string {
    return this.body.code;
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

  static unavailable(message: string, retryAfterSeconds: number, options?: ErrorOptions): ApiError {
    return new ApiError(
      503,
      { code: 'ServiceUnavailable', message },
      { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
      options,
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
