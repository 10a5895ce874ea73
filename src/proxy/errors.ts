import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
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

/** Answers a refused websocket upgrade with a plain HTTP response in the Azure envelope, then closes. */
export function rejectUpgrade(socket: Duplex, err: ApiError): void {
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
