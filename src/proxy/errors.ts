import { ApiError } from '../api/errors.ts';

/** Raised by our own idle timer on the upstream request; becomes a 504. */
export class UpstreamTimeoutError extends Error {
  override name = 'UpstreamTimeoutError';
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** The upstream broke HTTP in a way Node's client does not report itself (e.g. an unasked-for 101). */
export class UpstreamProtocolError extends Error {
  override name = 'UpstreamProtocolError';
}

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

/** Upstream timeout -> 504; anything else (refused, reset, TLS failure, invalid HTTP) -> 502. */
export function upstreamError(err: unknown, prefix: string): ApiError {
  if (err instanceof UpstreamTimeoutError) {
    return ApiError.gateway(504, `The upstream of ${prefix} did not answer in time.`);
  }
  return ApiError.gateway(502, `The upstream of ${prefix} is unavailable or sent an invalid response.`);
}
