import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Response } from 'express';
import type { ApiError } from './errors.ts';

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
