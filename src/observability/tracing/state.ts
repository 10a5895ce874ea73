import { type Tracer, trace } from '@opentelemetry/api';
import { VERSION } from '../../version.ts';

let active = false;

/**
 * Whether spans are recorded in this process. Every hook checks it first, so with tracing off a request
 * costs one boolean test per hook: no SDK is loaded and no span object is made.
 */
export function tracingActive(): boolean {
  return active;
}

export function setTracingActive(on: boolean): void {
  active = on;
}

/** The gateway's tracer (the API's no-op tracer until an SDK provider is registered). */
export const tracer: Tracer = trace.getTracer('ner-gateway', VERSION);
