import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors.ts';

/** api-versions of the authoring API served here (their shapes are the same for Custom NER). */
export const AUTHORING_API_VERSIONS = ['2022-05-01', '2023-04-01'] as const;

/** Requires a supported `api-version`: missing is a 400, unknown Azure's 404 (as the analyze-text API). */
export function requireAuthoringApiVersion(req: Request, _res: Response, next: NextFunction): void {
  const value = req.query['api-version'];
  const supported = AUTHORING_API_VERSIONS.join(', ');
  if (value === undefined || value === '') {
    return next(
      ApiError.invalidRequest('The api-version query parameter is required.', {
        code: 'InvalidParameterValue',
        message: `Missing api-version. Supported values: ${supported}.`,
        target: 'api-version',
      }),
    );
  }
  if (typeof value !== 'string' || !(AUTHORING_API_VERSIONS as readonly string[]).includes(value)) {
    return next(
      ApiError.gateway(
        404,
        `Resource not found. The api-version is not supported; supported values: ${supported}.`,
      ),
    );
  }
  next();
}
