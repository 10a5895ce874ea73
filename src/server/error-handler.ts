import type { NextFunction, Request, Response } from 'express';
import { ServerSchema } from '../config/schema.ts';
import { ApiError } from '../http/errors.ts';
import { sendError } from '../http/send-error.ts';
import type { Logger } from '../observability/logger.ts';
import { failureLevel } from '../observability/failure-level.ts';

/** body-parser names its limit; should one not, the answer quotes the setting's default. */
const DEFAULT_BODY_LIMIT = ServerSchema.shape.bodyLimitBytes.parse(undefined);

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  /** http-errors: the message is meant for the client (4xx). */
  expose?: boolean;
}

/** A request body over `server.bodyLimitBytes` (413), as Azure words it. */
export function payloadTooLarge(limitBytes: number): ApiError {
  return ApiError.invalidRequest(
    'Invalid Request.',
    {
      code: 'InvalidDocumentBatch',
      message: `Request Payload sent is too large to be processed. Limit request size to: ${limitBytes} bytes.`,
    },
    413,
  );
}

/** A body in an encoding or charset the API does not read (415). */
export function unsupportedCharset(): ApiError {
  return ApiError.invalidRequest(
    'Invalid Request.',
    { code: 'InvalidRequestBodyFormat', message: 'Unsupported content encoding or charset.' },
    415,
  );
}

/** Translates anything thrown on the request path into the Azure envelope; never a stack trace. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof ApiError) {
      if (err.status >= 500) logFailure(logger, req, res, err);
      return sendError(res, err);
    }
    const parser = err as BodyParserError;
    if (parser?.type === 'entity.parse.failed') {
      return sendError(
        res,
        ApiError.invalidRequest('Invalid Request.', {
          code: 'InvalidRequestBodyFormat',
          message: 'Request body must be valid JSON.',
        }),
      );
    }
    if (parser?.type === 'entity.too.large') {
      return sendError(res, payloadTooLarge(parser.limit ?? DEFAULT_BODY_LIMIT));
    }
    if (parser?.type === 'encoding.unsupported' || parser?.type === 'charset.unsupported') {
      return sendError(res, unsupportedCharset());
    }
    if (parser?.type === 'request.aborted') return;
    if (err instanceof URIError) {
      // The router could not percent-decode a path parameter (e.g. `/jobs/%E0%A4%A`).
      return sendError(
        res,
        ApiError.invalidRequest('Invalid Request.', {
          code: 'InvalidRequest',
          message: 'The request path is not valid: malformed percent-encoding.',
        }),
      );
    }
    if (parser?.expose && typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      // Any other client error of the body reader: a corrupt gzip/deflate body, a length mismatch.
      return sendError(
        res,
        ApiError.invalidRequest(
          'Invalid Request.',
          { code: 'InvalidRequestBodyFormat', message: 'The request body could not be read.' },
          parser.status,
        ),
      );
    }
    logger.error(
      { err, route: req.path, requestId: res.getHeader('apim-request-id'), status: 500 },
      'unhandled error',
    );
    sendError(res, new ApiError(500, { code: 'InternalServerError', message: 'Internal server error.' }));
  };
}

/**
 * A 5xx the code chose to answer (a model failure, a refusal while billing is unreachable, a full
 * queue): one line with its cause, since the caller's answer deliberately says little and the audit
 * line only the status, at the level `failureLevel` gives.
 */
function logFailure(logger: Logger, req: Request, res: Response, err: ApiError): void {
  const line = {
    requestId: res.getHeader('apim-request-id'),
    method: req.method,
    route: req.path,
    status: err.status,
    code: err.body.code,
    err: err.cause ?? { message: err.message },
  };
  logger[failureLevel(err.status)](line, 'request failed');
}

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(ApiError.notFound());
}

/** API routes take JSON only; anything else gets a clear 415 before the parser runs. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  if (req.is('application/json')) return next();
  const length = req.headers['content-length'];
  // An empty POST (e.g. jobs/{id}:cancel) carries no body at all.
  if ((length === undefined || length === '0') && !req.headers['transfer-encoding']) return next();
  next(
    ApiError.invalidRequest(
      'Invalid Request.',
      { code: 'InvalidRequestBodyFormat', message: 'Content-Type must be application/json.' },
      415,
    ),
  );
}
