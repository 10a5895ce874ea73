import { GatewayError } from '../errors/base.ts';

/** A model directory that cannot be served; the message names the file and what is wrong with it. */
export class ModelLoadError extends GatewayError {
  readonly code = 'MODEL_LOAD_FAILED';
}
