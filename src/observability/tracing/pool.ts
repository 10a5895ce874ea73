import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PoolEventListener, PoolEventMap, PoolEventName } from '../../inference/events.ts';
import { tracer, tracingActive } from './state.ts';
import { isSampledContext } from './steps.ts';

/** What tracing needs of the pool: its events (inference/events.ts). */
export interface TracedPool {
  on<K extends PoolEventName>(name: K, listener: PoolEventListener<K>): () => void;
}

/** How a request's time in the pool is recorded (`tracing.inference`). */
export type PoolRecording = 'attributes' | 'events' | 'spans';

type BatchEnd = PoolEventMap['batchEnd'];

/**
 * The pool's part of a request's trace, from its `batchEnd` events, under the trace context passed as
 * `analyze`'s `correlation`. Times are the pool's own (`performance.now()`, which OpenTelemetry reads
 * against the same time origin). With tracing off nothing is subscribed.
 * - `attributes` (the default): the request span gets its batch's `nergw.model`,
 *   `nergw.batch.documents`, `nergw.queue_ms` (queued until its worker began the batch: in the pool's
 *   queue, then in the worker's port behind the batch before it) and `nergw.batch_ms` (the worker's time on
 *   the batch); after a worker crash, the retry's batch overwrites them, with
 *   `nergw.attempt` (2) and `nergw.batch.outcome`, also set for a batch that did not end `ok`. Recording
 *   costs a few attribute writes: what tracing costs a request is mostly what it records
 *   (BENCHMARKS.md, "Tracing overhead").
 * - `events`: one `inference batch` event on the request span per batch it was in, at the batch's end,
 *   with the same times, the batch's id, size, worker, outcome and the attempt.
 * - `spans`: child spans `inference queue` (entering the queue until its worker began the batch) and
 *   `inference batch` (the worker's time on it) with the same facts; two spans per request cost several times an
 *   event.
 */
export function tracePool(pool: TracedPool, recording: PoolRecording = 'attributes'): void {
  if (!tracingActive()) return;
  pool.on(
    'batchEnd',
    recording === 'spans' ? batchSpans : recording === 'events' ? batchEvents : batchAttributesOnRequest,
  );
}

function batchAttributes(batch: BatchEnd): Attributes {
  return {
    'nergw.model': batch.model,
    'nergw.batch.documents': batch.documents,
    'nergw.batch.requests': batch.requests.length,
    'nergw.batch.id': batch.id,
    'nergw.worker': batch.worker,
    'nergw.outcome': batch.outcome,
  };
}

const ms = (from: number, to: number): number => Math.round((to - from) * 1000) / 1000;

/** The request span of a sampled trace, while it is open (undefined otherwise). */
function openRequestSpan(parent: unknown): Span | undefined {
  if (!isSampledContext(parent)) return undefined;
  // The request span is still open while its batch ends (its answer is sent after), unless a closing
  // pool gave up on it after the request ended.
  const span = trace.getSpan(parent) as Span;
  return span.isRecording() ? span : undefined;
}

function batchAttributesOnRequest(batch: BatchEnd): void {
  let shared: Attributes | undefined;
  for (const queued of batch.requests) {
    const span = openRequestSpan(queued.request.correlation);
    if (!span) continue;
    shared ??= {
      'nergw.model': batch.model,
      'nergw.batch.documents': batch.documents,
      'nergw.batch_ms': ms(batch.runStartedAt, batch.endedAt),
    };
    span.setAttributes(shared);
    span.setAttribute('nergw.queue_ms', ms(queued.queuedAt, batch.runStartedAt));
    if (queued.attempt > 1 || batch.outcome !== 'ok') {
      span.setAttribute('nergw.attempt', queued.attempt);
      span.setAttribute('nergw.batch.outcome', batch.outcome);
    }
  }
}

function batchEvents(batch: BatchEnd): void {
  let shared: Attributes | undefined;
  for (const queued of batch.requests) {
    const span = openRequestSpan(queued.request.correlation);
    if (!span) continue;
    shared ??= { ...batchAttributes(batch), 'nergw.batch_ms': ms(batch.runStartedAt, batch.endedAt) };
    span.addEvent(
      'inference batch',
      {
        ...shared,
        'nergw.attempt': queued.attempt,
        'nergw.queue_ms': ms(queued.queuedAt, batch.runStartedAt),
      },
      batch.endedAt,
    );
  }
}

function batchSpans(batch: BatchEnd): void {
  let shared: Attributes | undefined;
  for (const queued of batch.requests) {
    const parent = queued.request.correlation;
    if (!isSampledContext(parent)) continue;
    const attributes = { 'nergw.model': batch.model, 'nergw.attempt': queued.attempt };
    tracer
      .startSpan('inference queue', { startTime: queued.queuedAt, attributes }, parent)
      .end(batch.runStartedAt);
    shared ??= batchAttributes(batch);
    const span = tracer.startSpan(
      'inference batch',
      { startTime: batch.runStartedAt, attributes: shared },
      parent,
    );
    if (batch.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(batch.endedAt);
  }
}
