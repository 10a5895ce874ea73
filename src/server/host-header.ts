import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors.ts';
import { repeatedHeader } from '../security/repeated-header.ts';

const HOST: ReadonlySet<string> = new Set(['host']);

/**
 * RFC 9112 §3.2: a request with more than one Host header is a 400. Node keeps the first and drops
 * the rest, while a proxy in front may have routed on another: the gateway would build links (and
 * match policies) for a host the request was not meant for.
 */
export function singleHost(req: Request, _res: Response, next: NextFunction): void {
  if (repeatedHeader(req.rawHeaders, HOST) === undefined) return next();
  next(
    ApiError.invalidRequest('Invalid Request.', {
      code: 'InvalidRequest',
      message: 'The request has more than one Host header.',
    }),
  );
}
