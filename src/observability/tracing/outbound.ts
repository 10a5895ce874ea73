import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Attributes,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { setTracedRoute, traceContextOf } from './request.ts';
import { tracer, tracingActive } from './state.ts';

/**
 * One call the gateway makes for itself (billing) as a CLIENT span, its `traceparent` added to
 * `headers`. `url` is recorded as host and path only: the query is left out.
 */
export async function traceCall<T extends { readonly status: number }>(
  name: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  call: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return call();
  const target = new URL(url);
  const attributes: Attributes = {
    'http.request.method': method,
    'server.address': target.hostname,
    'url.path': target.pathname,
  };
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
  try {
    const res = await call();
    span.setAttribute('http.response.status_code', res.status);
    if (res.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    return res;
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
    throw err;
  } finally {
    span.end();
  }
}

/**
 * A proxied request's upstream call as a CLIENT span, from forwarding until the answer is sent (or the
 * caller leaves). Its `traceparent` replaces whatever the caller sent, and the caller's `tracestate` is
 * dropped, so an upstream sees only the gateway's trace context.
 */
export function traceUpstream(req: IncomingMessage, res: ServerResponse, prefix: string): void {
  if (!tracingActive()) return;
  const parent = traceContextOf(req);
  if (!parent) return;
  setTracedRoute(req, `${prefix}/*`);
  const span = tracer.startSpan(
    'proxy upstream',
    {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': req.method ?? '', 'nergw.proxy.prefix': prefix },
    },
    parent,
  );
  delete req.headers.traceparent;
  delete req.headers.tracestate;
  propagation.inject(trace.setSpan(parent, span), req.headers);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
