import { type Attributes, type Context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { traceContextOf } from './request.ts';
import { tracer, tracingActive } from './state.ts';

/**
 * A front-door step (authentication, a rate limit, the quota) as a child span of the request: it ends
 * when the step passes the request on (`nergw.outcome: passed`) or answers it (`refused`, with the
 * status). With tracing off, or outside a traced request (a websocket upgrade), the step runs as it is.
 */
export function traceStep(name: string, step: RequestHandler): RequestHandler {
  if (!tracingActive()) return step;
  return (req, res, next) => {
    const parent = traceContextOf(req);
    if (!parent) return step(req, res, next);
    const span = tracer.startSpan(name, undefined, parent);
    const refused = (): void =>
      end(span, { 'nergw.outcome': 'refused', 'http.response.status_code': res.statusCode });
    res.once('finish', refused);
    return step(req, res, (err?: unknown) => {
      res.off('finish', refused);
      if (err === undefined || err === null || err === 'route') end(span, { 'nergw.outcome': 'passed' });
      else end(span, ...failure(err));
      next(err);
    });
  };
}

/** A refusal passed on as an error (401, 403, 429 …), or a failure of the step itself (5xx, a throw). */
function failure(err: unknown): [Attributes, boolean] {
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status < 500)
    return [{ 'nergw.outcome': 'refused', 'http.response.status_code': status }, false];
  return [{ 'nergw.outcome': 'error' }, true];
}

function end(span: Span, attributes: Attributes, failed = false): void {
  if (!span.isRecording()) return;
  span.setAttributes(attributes);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
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
