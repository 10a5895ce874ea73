import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError } from '../http/errors.ts';
import { sendErrorOnSocket } from '../http/send-error.ts';

export interface ConnectionLimits {
  /** A connection that has sent no request bytes within this time (after its handshake) is closed. */
  readonly firstRequestMs: number;
  /** Most open connections; more are closed as they arrive (0 = no limit). */
  readonly maxConnections: number;
}

const firstRequestTimer = Symbol('firstRequestTimer');
type Guarded = Socket & { [firstRequestTimer]?: NodeJS.Timeout | undefined };

/**
 * Bounds what a connection may hold without sending anything. Node starts its header and request
 * clocks at a request's first byte, so a client that connects (and completes the TLS handshake, which
 * needs no certificate in the default mode) and then stays silent would keep its socket forever: a
 * few thousand such sockets exhaust the process's file descriptors. Later idle time on a kept-alive
 * connection is `keepAliveTimeout`'s job.
 */
export function guardConnections(server: Server, limits: ConnectionLimits, tls: boolean): void {
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  server.on(tls ? 'secureConnection' : 'connection', (socket: Guarded) => {
    const silent = socket.bytesRead;
    // Once a request's first bytes arrived, Node's headersTimeout runs (and answers 408): leave it to it.
    const timer = setTimeout(() => {
      if (socket.bytesRead === silent) socket.destroy();
    }, limits.firstRequestMs);
    timer.unref();
    socket[firstRequestTimer] = timer;
    socket.once('close', () => clearTimeout(timer));
  });
  const arrived = (req: IncomingMessage): void => {
    const socket = req.socket as Guarded;
    const timer = socket[firstRequestTimer];
    if (timer === undefined) return;
    clearTimeout(timer);
    socket[firstRequestTimer] = undefined;
  };
  server.on('request', arrived);
  server.on('upgrade', arrived);
  server.on('clientError', answerClientError);
}

/** Errors of the HTTP layer; the others (TLS handshake failures and timeouts, resets) only close. */
function isHttpError(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('HPE_') || code === 'ERR_HTTP_REQUEST_TIMEOUT');
}

/**
 * Requests Node's parser refuses never reach the app: answer them in the Azure envelope rather than
 * Node's bare status line (unless a response is already under way on that connection). On an https
 * server TLS errors come here too: a connection without a finished handshake is closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own handler makes the same check: `_httpMessage` is the response in progress, if any.
  const inProgress = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!isHttpError(err.code) || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  sendErrorOnSocket(socket, clientErrorFor(err.code));
}

function clientErrorFor(code: string | undefined): ApiError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return ApiError.gateway(431, 'The request line or headers are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return ApiError.gateway(408, 'The request was not received in time.');
    default:
      return ApiError.invalidRequest('The request is not valid HTTP.');
  }
}
