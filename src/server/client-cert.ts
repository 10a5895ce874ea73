import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../api/errors.ts';

export type ClientCertMode = 'off' | 'optional' | 'required';

/**
 * In `required` mode, a request whose TLS connection carried no valid client certificate gets a 401
 * in the Azure envelope (the handshake itself is not aborted, so the caller learns why).
 */
export function requireClientCertificate(mode: ClientCertMode, anonymousPaths: readonly string[]) {
  const anonymous = new Set(anonymousPaths);
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (mode !== 'required' || anonymous.has(req.path)) return next();
    const socket = req.socket as Partial<TLSSocket>;
    if (socket.encrypted !== true) return next(); // plain HTTP behind a trusted TLS proxy
    if (socket.authorized) return next();
    const reason = socket.getPeerCertificate?.()?.subject
      ? String(socket.authorizationError ?? 'certificate not trusted')
      : 'no client certificate was presented';
    next(
      ApiError.gateway(401, `Access denied: a valid client certificate is required (${reason}).`, {
        'WWW-Authenticate': 'Mutual',
      }),
    );
  };
}
