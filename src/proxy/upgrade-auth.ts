import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ApiError } from '../api/errors.ts';
import { ANONYMOUS, type Principal } from '../security/principal.ts';
import type { ClientCertMode } from '../server/client-cert.ts';

/**
 * Decides who may open a websocket through the proxy. Upgrades bypass the Express pipeline, so the
 * security layer must supply its own check here (throw an ApiError to refuse, return the principal).
 */
export type UpgradeAuthorizer = (req: IncomingMessage) => Principal | Promise<Principal>;

/**
 * The baseline: the same TLS client-certificate rule as HTTP requests (src/server/client-cert.ts).
 * Replace it with the security layer's authenticator to also accept keys or tokens.
 */
export function certificateUpgradeAuthorizer(mode: ClientCertMode): UpgradeAuthorizer {
  return (req) => {
    const socket = req.socket as Partial<TLSSocket>;
    if (mode === 'required' && socket.encrypted === true && !socket.authorized) {
      throw ApiError.gateway(401, 'Access denied: a valid client certificate is required.', {
        'WWW-Authenticate': 'Mutual',
      });
    }
    return ANONYMOUS;
  };
}
