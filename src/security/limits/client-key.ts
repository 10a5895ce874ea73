import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { principalOf } from '../../http/principal.ts';

/**
 * Who a request counts against: the authenticated principal, or for anonymous requests the client
 * address (`req.ip`, which honours X-Forwarded-For only from `server.trustProxy`; IPv6 grouped by /56).
 */
export function clientKey(req: Request, res: Response): string {
  const principal = principalOf(res);
  if (!principal.methods.includes('anonymous')) return `principal:${principal.id}`;
  return `ip:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;
}
