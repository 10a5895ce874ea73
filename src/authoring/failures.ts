import { ApiError } from '../http/errors.ts';
import { type ErrorBody } from '../http/envelope.ts';
import { ProjectValidationError } from '../training/custom/index.ts';

/** The authoring API's errors, in Azure's envelope (codes of the authoring spec's `ErrorCode`). */
export const authoringErrors = {
  invalid: (message: string, target?: string) =>
    ApiError.invalidRequest('Invalid Request.', {
      code: 'InvalidParameterValue',
      message,
      ...(target ? { target } : {}),
    }),
  projectNotFound: (projectName: string) =>
    new ApiError(404, {
      code: 'ProjectNotFound',
      message: `The project ${projectName} could not be found.`,
      target: 'projectName',
    }),
  notFound: (message: string) => new ApiError(404, { code: 'NotFound', message }),
  jobNotFound: (jobId: string) =>
    new ApiError(404, { code: 'OperationNotFound', message: `The job ${jobId} could not be found.` }),
  conflict: (message: string) => new ApiError(409, { code: 'Conflict', message }),
  quota: (message: string) => new ApiError(400, { code: 'QuotaExceeded', message }),
};

/** What a failed job reports in its `errors`: Azure's `Error` shape, never a stack trace. */
export function jobError(err: unknown): ErrorBody {
  if (err instanceof ApiError) return err.body;
  if (err instanceof ProjectValidationError) {
    return {
      code: 'InvalidRequest',
      message: err.message,
      innererror: { code: 'InvalidDocument', message: `${err.code}: ${err.message}` },
    };
  }
  // Anything else may carry file paths or internals: the caller logs it, the client gets the code.
  return { code: 'InternalServerError', message: 'Internal server error.' };
}
