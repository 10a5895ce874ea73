import { type Attributes, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { tracer, tracingActive } from './state.ts';

/**
 * A front-door step (authentication, a rate limit, the quota) as a child span of the request: it ends
 * when the step passes the request on (`nergw.outcome: passed`) or answers it (`refused`, with the
 * status). The rest of the chain runs in the request's context, not the step's. With tracing off, or
 * outside a traced request (a websocket upgrade), the step runs as it is.
 */
export function traceStep(name: string, step: RequestHandler): RequestHandler {
  if (!tracingActive()) return step;
  return (req, res, next) => {
    const parent = context.active();
    if (!trace.getSpan(parent)) return step(req, res, next);
    const span = tracer.startSpan(name, undefined, parent);
    const refused = (): void =>
      end(span, { 'nergw.outcome': 'refused', 'http.response.status_code': res.statusCode });
    res.once('finish', refused);
    return context.with(trace.setSpan(parent, span), () =>
      step(req, res, (err?: unknown) => {
        res.off('finish', refused);
        if (err !== undefined && err !== null && err !== 'route')
          end(span, { 'nergw.outcome': 'error' }, true);
        else end(span, { 'nergw.outcome': 'passed' });
        context.with(parent, () => next(err));
      }),
    );
  };
}

function end(span: Span, attributes: Attributes, failed = false): void {
  if (!span.isRecording()) return;
  span.setAttributes(attributes);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * A child span of the active one for the time `work` takes to settle (the ledger commit). `work` is
 * returned as it is; with tracing off, or with no active span, nothing else happens.
 */
export function tracePromise<T>(name: string, attributes: Attributes, work: Promise<T>): Promise<T> {
  if (!tracingActive()) return work;
  const parent = context.active();
  if (!trace.getSpan(parent)) return work;
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
