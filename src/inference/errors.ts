import { GatewayError } from '../errors/base.ts';

/** Errors the pool raises; the API layer maps them to HTTP statuses. */
export class PoolOverloadedError extends GatewayError {
  readonly code = 'POOL_OVERLOADED';
  constructor(readonly retryAfterSeconds: number) {
    super('the inference queue is full');
  }
}

export class PoolClosedError extends GatewayError {
  readonly code = 'POOL_CLOSED';
  constructor() {
    super('the inference pool is shutting down');
  }
}

export class UnknownModelError extends GatewayError {
  readonly code = 'UNKNOWN_MODEL';
  constructor(readonly model: string) {
    super(`model "${model}" is not loaded`);
  }
}

/** The model failed on a batch, or a worker died twice while holding it. */
export class InferenceFailedError extends GatewayError {
  readonly code = 'INFERENCE_FAILED';
}
