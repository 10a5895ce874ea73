import { type Attributes, type Context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from './state.ts';

const PASSED: Attributes = Object.freeze({ 'nergw.outcome': 'passed' });

/**
 * A request's front-door checks (authentication, rate limit, quota) as one `admission` span under the
 * request span, with one event per check at the moment it ended (`nergw.outcome`: passed, refused,
 * error; a refusal also has its status). Each check takes microseconds: a span apiece cost more CPU
 * than the checks themselves (BENCHMARKS.md, "Tracing overhead"), while the events keep each one's
 * outcome and time. The span runs from the first check's start to the last one's end: it ends at a
 * refusal or failure, or, when every check passed, once the request ends (with the last check's time,
 * as the span does not know which check is last).
 */
export class Admission {
  private readonly span: Span;
  /** The check running: a check that answers the request itself never says so. */
  private running: string | undefined;
  private passedAt = 0;
  private ended = false;

  constructor(parent: Context) {
    this.span = tracer.startSpan('admission', undefined, parent);
  }

  begin(check: string): void {
    this.running = check;
  }

  passed(check: string): void {
    this.running = undefined;
    this.passedAt = performance.now();
    if (!this.ended) this.span.addEvent(check, PASSED, this.passedAt);
  }

  /** A check refused the request (4xx, passed on as an error or answered itself). */
  refused(check: string, status: number): void {
    this.end(check, { 'nergw.outcome': 'refused', 'http.response.status_code': status });
  }

  /** A check failed (a 5xx passed on, or a throw). */
  failed(check: string): void {
    this.end(check, { 'nergw.outcome': 'error' }, true);
  }

  /**
   * The request ended: a check still running answered it (`sent`) or was left by the caller; otherwise
   * every check passed.
   */
  close(status: number, sent: boolean): void {
    if (this.ended) return;
    if (this.running === undefined) {
      this.ended = true;
      this.span.setAttribute('nergw.outcome', 'passed');
      this.span.end(this.passedAt);
    } else if (!sent) this.end(this.running, { 'nergw.outcome': 'caller_gone' });
    else if (status < 500) this.refused(this.running, status);
    else this.failed(this.running);
  }

  private end(check: string, outcome: Attributes, failed = false): void {
    this.running = undefined;
    if (this.ended) return;
    this.ended = true;
    this.span.addEvent(check, outcome);
    this.span.setAttributes({ ...outcome, 'nergw.check': check });
    if (failed) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}
