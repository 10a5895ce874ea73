import { GatewayError } from '../errors/base.ts';

/** Raised by our own idle timer on the upstream request; becomes a 504. */
export class UpstreamTimeoutError extends GatewayError {
  readonly code = 'UPSTREAM_TIMEOUT';
}

/**
 * The route's timer ran out while the caller was the slow side: its upload paused, or it stopped
 * reading the answer. Not an upstream failure: 408 before the answer began, a cut connection after.
 */
export class CallerTimeoutError extends GatewayError {
  readonly code = 'CALLER_TIMEOUT';
}

/** The caller left before the answer was complete: not an upstream failure, and nobody to answer. */
export class CallerGoneError extends GatewayError {
  readonly code = 'CALLER_GONE';
}

/** The upstream broke HTTP in a way Node's client does not report itself (e.g. an unasked-for 101). */
export class UpstreamProtocolError extends GatewayError {
  readonly code = 'UPSTREAM_PROTOCOL';
}

/** A request body grew past the route's `maxBodyBytes` while streaming; becomes a 413. */
export class BodyTooLargeError extends GatewayError {
  readonly code = 'BODY_TOO_LARGE';
}
