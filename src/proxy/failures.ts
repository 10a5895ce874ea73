import { ApiError } from '../http/errors.ts';
import { UpstreamTimeoutError } from './errors.ts';

/** Failures where no byte reached the upstream application: safe to try again for bodiless requests. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

export function isConnectFailure(err: unknown): boolean {
  return CONNECT_FAILURES.has((err as NodeJS.ErrnoException).code ?? '');
}

/** A request body over the route's limit. */
export function bodyTooLarge(prefix: string, limit: number): ApiError {
  return ApiError.gateway(413, `Request bodies on ${prefix} are limited to ${limit} bytes.`);
}

/** The caller's upload stalled for longer than the route's timeout. */
export function callerTooSlow(): ApiError {
  return ApiError.gateway(408, 'The request was not received in time.');
}

/** Upstream timeout -> 504; anything else (refused, reset, TLS failure, invalid HTTP) -> 502. */
export function upstreamError(err: unknown, prefix: string): ApiError {
  if (err instanceof UpstreamTimeoutError) {
    return ApiError.gateway(504, `The upstream of ${prefix} did not answer in time.`);
  }
  return ApiError.gateway(502, `The upstream of ${prefix} is unavailable or sent an invalid response.`);
}
