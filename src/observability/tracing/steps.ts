import { type Attributes, type Context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { admissionOf } from './request.ts';
import { tracer, tracingActive } from './state.ts';

/**
 * A front-door check (authentication, a rate limit, the quota), recorded as an event on the request
 * span (admission.ts): it passed when it passes the request on, was refused when it passes on a 4xx or
 * answers the request itself, failed on a 5xx or a throw. With tracing off, or outside a traced request
 * (a websocket upgrade), the check runs as it is.
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

/** Whether `value` is a trace context (what `traceContextOf` gives, carried as a pool `correlation`). */
export function isTraceContext(value: unknown): value is Context {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Context).getValue === 'function' &&
    trace.getSpan(value as Context) !== undefined
  );
}

/**
 * A child span of `parent` (a request's trace context) for the time `work` takes to settle (the ledger
 * commit). `work` is returned as it is; with tracing off, or no trace context, nothing else happens.
 */
export function tracePromise<T>(
  name: string,
  attributes: Attributes,
  work: Promise<T>,
  parent?: unknown,
): Promise<T> {
  if (!tracingActive() || !isTraceContext(parent)) return work;
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
