import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PoolEventListener, PoolEventMap, PoolEventName } from '../../inference/events.ts';
import { tracer, tracingActive } from './state.ts';
import { isSampledContext } from './steps.ts';

/** What tracing needs of the pool: its events (inference/events.ts). */
export interface TracedPool {
  on<K extends PoolEventName>(name: K, listener: PoolEventListener<K>): () => void;
}

/** How a request's time in the pool is recorded (`tracing.inference`). */
export type PoolRecording = 'events' | 'spans';

type BatchEnd = PoolEventMap['batchEnd'];

/**
 * The pool's part of a request's trace, from its `batchEnd` events, under the trace context passed as
 * `analyze`'s `correlation`. `events` (the default): one `inference batch` event on the request span per
 * batch the request was in, at the batch's end, with the time it queued and the model call took
 * (`nergw.queue_ms`, `nergw.batch_ms`) beside the batch's model, size, worker and outcome. Two child
 * spans per request cost several times the CPU of one event (BENCHMARKS.md, "Tracing overhead"), and the
 * event keeps every number. `spans`: child spans `inference queue` (entering the queue to leaving it in
 * a batch) and `inference batch` (the model call). Times are the pool's own (`performance.now()`, which
 * OpenTelemetry reads against the same time origin). With tracing off nothing is subscribed.
 */
export function tracePool(pool: TracedPool, recording: PoolRecording = 'events'): void {
  if (!tracingActive()) return;
  pool.on('batchEnd', recording === 'spans' ? batchSpans : batchEvents);
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

function batchEvents(batch: BatchEnd): void {
  let shared: Attributes | undefined;
  for (const queued of batch.requests) {
    const parent = queued.request.correlation;
    if (!isSampledContext(parent)) continue;
    // The request span is still open while its batch ends (its answer is sent after), unless a closing
    // pool gave up on it after the request ended.
    const span = trace.getSpan(parent) as Span;
    if (!span.isRecording()) continue;
    shared ??= { ...batchAttributes(batch), 'nergw.batch_ms': ms(batch.startedAt, batch.endedAt) };
    span.addEvent(
      'inference batch',
      { ...shared, 'nergw.attempt': queued.attempt, 'nergw.queue_ms': ms(queued.queuedAt, batch.startedAt) },
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
      .end(batch.startedAt);
    shared ??= batchAttributes(batch);
    const span = tracer.startSpan(
      'inference batch',
      { startTime: batch.startedAt, attributes: shared },
      parent,
    );
    if (batch.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(batch.endedAt);
  }
}
