import { type Attributes, type Context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from './state.ts';

/** Where each check goes: an event on the request span, or a child span of it (`tracing.frontDoorChecks`). */
export type CheckRecording = 'events' | 'spans';

/**
 * A request's front-door checks (authentication, rate limit, quota) as events on its request span, one
 * per check at the moment it ended: `nergw.outcome` (passed, refused, error, caller_gone),
 * `nergw.duration_ms`, and a refusal's status. Each check takes microseconds (a Redis-backed one, a
 * round trip): a child span apiece cost more CPU than the checks themselves, and a span is the SDK's
 * dearest object (BENCHMARKS.md, "Tracing overhead"), while an event keeps each check's outcome and
 * time. With `tracing.frontDoorChecks: spans` each check is a child span instead, from its start to
 * its end, with the same attributes (an error status when it failed).
 */
export class Admission {
  /** The check running, and since when: a check that answers the request itself never says so. */
  private running: string | undefined;
  private startedAt = 0;

  constructor(
    private readonly span: Span,
    private readonly context: Context,
    private readonly recording: CheckRecording,
  ) {}

  begin(check: string): void {
    this.running = check;
    this.startedAt = performance.now();
  }

  passed(check: string): void {
    this.record(check, { 'nergw.outcome': 'passed' });
  }

  /** A check refused the request (a 4xx passed on as an error, or answered itself). */
  refused(check: string, status: number): void {
    this.record(check, { 'nergw.outcome': 'refused', 'http.response.status_code': status });
  }

  /** A check failed (a 5xx passed on, or a throw). */
  failed(check: string): void {
    this.record(check, { 'nergw.outcome': 'error' });
  }

  /** The request ends: a check still running answered it (`sent`), or its caller left. */
  close(status: number, sent: boolean): void {
    if (this.running === undefined) return;
    if (!sent) this.record(this.running, { 'nergw.outcome': 'caller_gone' });
    else if (status < 500) this.refused(this.running, status);
    else this.failed(this.running);
  }

  private record(check: string, outcome: Attributes): void {
    this.running = undefined;
    const now = performance.now();
    outcome['nergw.duration_ms'] = Math.round((now - this.startedAt) * 1000) / 1000;
    if (this.recording === 'events') {
      this.span.addEvent(check, outcome, now);
      return;
    }
    const span = tracer.startSpan(check, { startTime: this.startedAt, attributes: outcome }, this.context);
    if (outcome['nergw.outcome'] === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(now);
  }
}
