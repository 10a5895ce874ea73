import { type Context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from './state.ts';

/**
 * Where each check goes (`tracing.frontDoorChecks`): attributes of the request span, an event on it, or
 * a child span of it.
 */
export type CheckRecording = 'attributes' | 'events' | 'spans';

/** How a check ended: it passed the request on, refused it (4xx), failed (5xx or a throw), or its caller left. */
type CheckOutcome = 'passed' | 'refused' | 'error' | 'caller_gone';

/** The request span's attribute names for one check (`rate limit` → `nergw.rate_limit.duration_ms`). */
interface CheckKeys {
  readonly duration: string;
  readonly outcome: string;
}
const checkKeys = new Map<string, CheckKeys>();
function keysOf(check: string): CheckKeys {
  let keys = checkKeys.get(check);
  if (!keys) {
    const id = `nergw.${check.replaceAll(' ', '_')}`;
    keys = { duration: `${id}.duration_ms`, outcome: `${id}.outcome` };
    checkKeys.set(check, keys);
  }
  return keys;
}

/**
 * A request's front-door checks (authentication, rate limit, quota), recorded when each ends. Each
 * takes microseconds (a Redis-backed one, a round trip), and what recording them costs is what tracing
 * costs a request (BENCHMARKS.md, "Tracing overhead"):
 * - `attributes` (default): `nergw.<check>.duration_ms` on the request span (`nergw.authenticate.…`,
 *   `nergw.rate_limit.…`, `nergw.quota.…`), and `nergw.<check>.outcome` when it did not pass (refused,
 *   error, caller_gone; the refusal's status is the request's). The cheapest: no object of the SDK's.
 * - `events`: an event apiece at the moment it ended, with `nergw.outcome`, `nergw.duration_ms` and a
 *   refusal's `http.response.status_code`: where each check sits on the request's timeline.
 * - `spans`: a child span apiece from its start to its end with the same attributes (an error status
 *   when it failed), for backends that chart spans only; a span is the SDK's dearest object.
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
    this.record(check, 'passed');
  }

  /** A check refused the request (a 4xx passed on as an error, or answered itself). */
  refused(check: string, status: number): void {
    this.record(check, 'refused', status);
  }

  /** A check failed (a 5xx passed on, or a throw). */
  failed(check: string): void {
    this.record(check, 'error');
  }

  /** The request ends: a check still running answered it (`sent`), or its caller left. */
  close(status: number, sent: boolean): void {
    if (this.running === undefined) return;
    if (!sent) this.record(this.running, 'caller_gone');
    else if (status < 500) this.refused(this.running, status);
    else this.failed(this.running);
  }

  private record(check: string, outcome: CheckOutcome, status?: number): void {
    this.running = undefined;
    const now = performance.now();
    const duration = Math.round((now - this.startedAt) * 1000) / 1000;
    if (this.recording === 'attributes') {
      const keys = keysOf(check);
      this.span.setAttribute(keys.duration, duration);
      if (outcome !== 'passed') this.span.setAttribute(keys.outcome, outcome);
      return;
    }
    const attributes = {
      'nergw.outcome': outcome,
      'nergw.duration_ms': duration,
      ...(status !== undefined ? { 'http.response.status_code': status } : {}),
    };
    if (this.recording === 'events') {
      this.span.addEvent(check, attributes, now);
      return;
    }
    const span = tracer.startSpan(check, { startTime: this.startedAt, attributes }, this.context);
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(now);
  }
}
