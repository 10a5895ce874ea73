import type { IncomingMessage } from 'node:http';
import {
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { compile as compileTrust } from 'proxy-addr';
import type { Config } from '../../config/schema.ts';
import { principalOf } from '../../http/principal.ts';
import { Admission, type CheckRecording } from './admission.ts';
import { tracer, tracingActive } from './state.ts';

/** What tracing holds for one request: its request span, its context, and its front-door checks. */
interface RequestTrace {
  readonly span: Span;
  readonly context: Context;
  /** How its front-door checks are recorded (`tracing.frontDoorChecks`). */
  readonly checks: CheckRecording;
  admission?: Admission;
  /** The route the span is named by, when Express's route template does not give it (proxy routes). */
  route?: string;
}

const TRACE = Symbol('nergw.trace');
type Traced = IncomingMessage & { [TRACE]?: RequestTrace };

/**
 * Each traced request's trace is kept on the request under a symbol: a WeakMap would do, but its
 * entries are ephemerons that every young-generation GC must revisit (measured: a WeakMap entry per
 * request cost more than an unsampled request's span). Contexts are passed explicitly, from the
 * request to the front-door checks, the pool (`analyze`'s `correlation`) and the ledger: no async
 * context manager is registered, because Node 20's AsyncLocalStorage hooks every promise of the
 * process (measured in the tracing benchmark: it cost more than the spans themselves).
 */
function traceOf(req: IncomingMessage): RequestTrace | undefined {
  return (req as Traced)[TRACE];
}

/** The trace context of a request (undefined with tracing off): what `analyze`'s `correlation` takes. */
export function traceContextOf(req: IncomingMessage): Context | undefined {
  return traceOf(req)?.context;
}

/** Where the request's front-door checks are recorded (undefined outside a sampled request). */
export function admissionOf(req: IncomingMessage): Admission | undefined {
  const traced = traceOf(req);
  if (!traced || !traced.span.isRecording()) return undefined;
  return (traced.admission ??= new Admission(traced.span, traced.context, traced.checks));
}

export function setTracedRoute(req: IncomingMessage, route: string): void {
  const traced = traceOf(req);
  if (traced) traced.route = route;
}

/**
 * Who may continue a trace (`tracing.traceparentFrom`): a caller's `traceparent` is an instruction to
 * file this request's spans under its trace, so only peers the operator already trusts (the
 * `server.trustProxy` addresses: the balancer, API gateway or mesh in front) are followed. The rule
 * looks at the connection's address because the request span starts before authentication.
 */
function continuesTraces(config: Config): (req: IncomingMessage) => boolean {
  switch (config.tracing.traceparentFrom) {
    case 'any':
      return () => true;
    case 'none':
      return () => false;
    case 'trustProxy': {
      if (config.server.trustProxy.length === 0) return () => false;
      const trusted = compileTrust([...config.server.trustProxy]);
      return (req) => trusted(req.socket.remoteAddress ?? '', 0);
    }
  }
}

/**
 * The first front-door step when tracing is on (none otherwise): one SERVER span per request, named
 * `<method> <route>` once the route is known, with its status and principal id. Nothing of the URL
 * but the route template is recorded (a query may carry a key), and no header or body.
 */
export function requestTracing(config: Config): RequestHandler[] {
  if (!tracingActive()) return [];
  const continues = continuesTraces(config);
  const checks = config.tracing.frontDoorChecks;
  return [
    (req, res, next) => {
      const parent = continues(req) ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
      const span = tracer.startSpan(
        req.method,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
        parent,
      );
      const traced: RequestTrace = { span, context: trace.setSpan(parent, span), checks };
      (req as Traced)[TRACE] = traced;
      // A response emits `close` once, whether it was sent or its caller left.
      res.once('close', () => {
        traced.admission?.close(res.statusCode, res.writableFinished);
        endRequestSpan(span, req, res.statusCode, principalOf(res).id, res.writableFinished);
      });
      next();
    },
  ];
}

function endRequestSpan(
  span: Span,
  req: IncomingMessage,
  status: number,
  principal: string,
  sent: boolean,
): void {
  const template = (req as { route?: { path?: unknown } }).route?.path;
  // Express's template escapes a literal colon (`/language/\\:analyze-text`).
  const route = traceOf(req)?.route ?? (template ? String(template).replaceAll('\\:', ':') : 'unmatched');
  span.updateName(`${req.method} ${route}`);
  span.setAttribute('http.route', route);
  span.setAttribute('http.response.status_code', status);
  span.setAttribute('enduser.id', principal);
  if (!sent) span.setAttribute('nergw.caller_gone', true);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
