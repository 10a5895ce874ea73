import { ApiError } from '../http/errors.ts';

/** Raised by our own idle timer on the upstream request; becomes a 504. */
export class UpstreamTimeoutError extends Error {
  override name = 'UpstreamTimeoutError';
  readonly code = 'UPSTREAM_TIMEOUT';
}

/**
 * The route's timer ran out while the caller was the slow side: its upload paused, or it stopped
 * reading the answer. Not an upstream failure: 408 before the answer began, a cut connection after.
 */
export class CallerTimeoutError extends Error {
  override name = 'CallerTimeoutError';
  readonly code = 'CALLER_TIMEOUT';
}

/** The caller left before the answer was complete: not an upstream failure, and nobody to answer. */
export class CallerGoneError extends Error {
  override name = 'CallerGoneError';
}

/** The upstream broke HTTP in a way Node's client does not report itself (e.g. an unasked-for 101). */
export class UpstreamProtocolError extends Error {
  override name = 'UpstreamProtocolError';
}

/** A request body grew past the route's `maxBodyBytes` while streaming; becomes a 413. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
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
