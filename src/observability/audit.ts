import type { Request, RequestHandler, Response } from 'express';
import { principalOf } from '../http/principal.ts';
import type { Logger } from './logger.ts';

/** Documents in an analysis body (`analysisInput.documents` or the v3 `documents`), 0 for anything else. */
export function documentCount(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const b = body as { analysisInput?: { documents?: unknown }; documents?: unknown };
  const docs = b.analysisInput?.documents ?? b.documents;
  return Array.isArray(docs) ? docs.length : 0;
}

/**
 * One `audit` line per request once its response is done (or the client went away): who, what,
 * outcome and how long. Deliberately only these fields: never headers, query strings or bodies,
 * which may carry keys, tokens or customer text.
 */
export function auditLog(logger: Logger): RequestHandler {
  const audit = logger.child({ log: 'audit' });
  return (req: Request, res: Response, next) => {
    const started = performance.now();
    res.once('close', () => {
      audit.info(
        {
          requestId: res.getHeader('apim-request-id'),
          principal: principalOf(res).id,
          client: req.ip,
          method: req.method,
          route: req.originalUrl.split('?')[0],
          status: res.statusCode,
          // The answer's error code (x-ms-error-code), so a failure's line says which.
          ...(res.statusCode >= 400 ? { error: res.getHeader('x-ms-error-code') } : {}),
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          documents: documentCount(req.body),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    next();
  };
}

/** What the proxy reports of a websocket upgrade, which never passes the HTTP audit step. */
export interface UpgradeAuditLine {
  readonly principal: string;
  readonly client: string | undefined;
  readonly route: string;
  /** 101 when the upgrade went through to the upstream, else the refusal's status. */
  readonly status: number;
  readonly latencyMs: number;
}

/** The audit line of a websocket upgrade: the same fields as a request's, method `GET`, no documents. */
export function upgradeAudit(logger: Logger): (line: UpgradeAuditLine) => void {
  const audit = logger.child({ log: 'audit' });
  return (line) =>
    audit.info(
      { ...line, method: 'GET', websocket: true, latencyMs: Math.round(line.latencyMs * 10) / 10 },
      'request',
    );
}
