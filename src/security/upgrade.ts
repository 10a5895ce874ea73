import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { principalOf, type Principal } from '../http/principal.ts';

/**
 * Websocket upgrades never reach the HTTP pipeline, so the front door's checks (authentication, then
 * rate limits) run here on the raw request: same policies, credentials, certificate rules and
 * counters. The checks read the method, path, headers and socket, write the principal to
 * `res.locals` and set or read response headers (`RateLimit`, `Retry-After`), so a response that
 * only records headers is enough; a refusal is answered on the socket by the caller.
 */
export function upgradeAuthorizer(checks: RequestHandler): (req: IncomingMessage) => Promise<Principal> {
  return (raw) =>
    new Promise<Principal>((resolve, reject) => {
      const path = new URL(raw.url ?? '/', 'http://upgrade.invalid').pathname;
      // defined, not assigned: the raw request may already inherit Express's getter-only `path`
      const req = Object.create(raw, { path: { value: path } }) as Request;
      const headers = new Map<string, unknown>();
      const res = {
        locals: {},
        headersSent: false,
        setHeader(name: string, value: unknown) {
          headers.set(name.toLowerCase(), value);
          return this;
        },
        getHeader: (name: string) => headers.get(name.toLowerCase()),
        removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
      } as unknown as Response;
      const next = (err?: unknown): void => (err ? reject(err) : resolve(principalOf(res)));
      try {
        const result: unknown = checks(req, res, next);
        if (result instanceof Promise) result.catch(reject);
      } catch (err) {
        reject(err);
      }
    });
}
