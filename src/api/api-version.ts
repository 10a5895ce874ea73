import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors.ts';

/** Stable api-versions of the analyze-text API this service implements. */
export const SUPPORTED_API_VERSIONS = ['2022-05-01', '2023-04-01', '2024-11-01', '2025-11-01'] as const;
export type ApiVersion = (typeof SUPPORTED_API_VERSIONS)[number];

declare module 'express-serve-static-core' {
  interface Request {
    apiVersion?: ApiVersion;
  }
}

/** Requires a supported `api-version` query parameter; Azure answers an unknown one with 404. */
export function requireApiVersion(req: Request, _res: Response, next: NextFunction): void {
  const value = req.query['api-version'];
  if (value === undefined || value === '') {
    return next(
      ApiError.invalidRequest('The api-version query parameter is required.', {
        code: 'InvalidParameterValue',
        message: `Missing api-version. Supported values: ${SUPPORTED_API_VERSIONS.join(', ')}.`,
        target: 'api-version',
      }),
    );
  }
  if (typeof value !== 'string' || !(SUPPORTED_API_VERSIONS as readonly string[]).includes(value)) {
    return next(
      ApiError.gateway(
        404,
        `Resource not found. The api-version is not supported; supported values: ${SUPPORTED_API_VERSIONS.join(', ')}.`,
      ),
    );
  }
  req.apiVersion = value as ApiVersion;
  next();
}
