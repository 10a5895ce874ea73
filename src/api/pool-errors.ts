import {
  InferenceFailedError,
  PoolClosedError,
  PoolOverloadedError,
  UnknownModelError,
} from '../inference/errors.ts';
import { ApiError } from '../http/errors.ts';

/** Maps what the inference pool throws onto the HTTP errors clients (and the SDK's retry policy) expect. */
export function fromPoolError(err: unknown): unknown {
  if (err instanceof PoolOverloadedError) {
    return ApiError.unavailable(
      'The service is busy; retry after the indicated time.',
      err.retryAfterSeconds,
    );
  }
  if (err instanceof PoolClosedError) return ApiError.unavailable('The service is shutting down.', 5);
  if (err instanceof UnknownModelError) {
    return new ApiError(404, { code: 'NotFound', message: 'The requested model is not loaded.' });
  }
  if (err instanceof InferenceFailedError) {
    return new ApiError(
      500,
      { code: 'InternalServerError', message: 'Internal error while processing the documents.' },
      {},
      { cause: err },
    );
  }
  return err;
}
