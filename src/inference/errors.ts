/** Errors the pool raises; the API layer maps them to HTTP statuses. */
export class PoolOverloadedError extends Error {
  override name = 'PoolOverloadedError';
  constructor(readonly retryAfterSeconds: number) {
    super('the inference queue is full');
  }
}

export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
  constructor() {
    super('the inference pool is shutting down');
  }
}

export class UnknownModelError extends Error {
  override name = 'UnknownModelError';
  constructor(readonly model: string) {
    super(`model "${model}" is not loaded`);
  }
}

/** The model failed on a batch, or a worker died twice while holding it. */
export class InferenceFailedError extends Error {
  override name = 'InferenceFailedError';
}
