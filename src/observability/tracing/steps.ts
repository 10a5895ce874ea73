import { type Attributes, type Context, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { admissionOf } from './request.ts';
import { tracer, tracingActive } from './state.ts';

/**
 * A front-door check (authentication, a rate limit, the quota), recorded as an event on the request
 * span (admission.ts): it passed when it passes the request on, was refused when it passes on a 4xx or
 * answers the request itself, failed on a 5xx or a throw. With tracing off, outside a traced request (a
 * websocket upgrade) or in an unsampled one, the check runs as it is.
 */
export function traceStep(name: string, step: RequestHandler): RequestHandler {
  if (!tracingActive()) return step;
  return (req, res, next) => {
    const admission = admissionOf(req);
    if (!admission) return step(req, res, next);
    admission.begin(name);
    return step(req, res, (err?: unknown) => {
      if (err === undefined || err === null || err === 'route' || err === 'router') admission.passed(name);
      else {
        const status = (err as { status?: unknown }).status;
        if (typeof status === 'number' && status < 500) admission.refused(name, status);
        else admission.failed(name);
      }
      next(err);
    });
  };
}

/**
 * Whether `value` is the trace context of a sampled trace (what `traceContextOf` gives, carried as a pool
 * `correlation`). Under an unsampled trace no child span is started: every standard sampler would drop it
 * too (parent-based ones follow the parent; a trace-id ratio decides the same for the same trace), and
 * the span ids it would draw go nowhere.
 */
export function isSampledContext(value: unknown): value is Context {
  if (typeof value !== 'object' || value === null || typeof (value as Context).getValue !== 'function')
    return false;
  const span = trace.getSpan(value as Context);
  return span !== undefined && (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}

/**
 * A child span of `parent` (a request's trace context) for the time `work` takes to settle (the ledger
 * commit). `work` is returned as it is; with tracing off, or no sampled trace, nothing else happens.
 */
export function tracePromise<T>(
  name: string,
  attributes: Attributes,
  work: Promise<T>,
  parent?: unknown,
): Promise<T> {
  if (!tracingActive() || !isSampledContext(parent)) return work;
  const span = tracer.startSpan(name, { attributes }, parent);
  work.then(
    () => span.end(),
    () => {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  );
  return work;
}
