import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { principalOf, type Principal } from './principal.ts';

/**
 * Websocket upgrades never reach Express, so they are authenticated by running the same
 * authentication handler on the raw request: same policies, credentials and certificate rules.
 * The handler only reads the method, path, headers and socket, and writes the principal to
 * `res.locals`, so a minimal request/response pair is enough.
 */
export function upgradeAuthorizer(handler: RequestHandler): (req: IncomingMessage) => Promise<Principal> {
  return (raw) =>
    new Promise<Principal>((resolve, reject) => {
      const path = new URL(raw.url ?? '/', 'http://upgrade.invalid').pathname;
      // defined, not assigned: the raw request may already inherit Express's getter-only `path`
      const req = Object.create(raw, { path: { value: path } }) as Request;
      const res = { locals: {} } as Response;
      void handler(req, res, (err?: unknown) => (err ? reject(err) : resolve(principalOf(res))));
    });
}
