import { SpanStatusCode } from '@opentelemetry/api';
import type { PoolEventListener, PoolEventName } from '../../inference/events.ts';
import { tracer, tracingActive } from './state.ts';
import { isSampledContext } from './steps.ts';

/** What tracing needs of the pool: its events (inference/events.ts). */
export interface TracedPool {
  on<K extends PoolEventName>(name: K, listener: PoolEventListener<K>): () => void;
}

/**
 * The pool's part of a request's trace, from its events: `inference queue` (entering the queue to
 * leaving it in a batch) and `inference batch` (the model call that request was part of: model, batch
 * size, worker, outcome), under the trace context passed as `analyze`'s `correlation`. Times are the
 * pool's own (`performance.now()`, which OpenTelemetry reads against the same time origin). With
 * tracing off nothing is subscribed.
 */
export function tracePool(pool: TracedPool): void {
  if (!tracingActive()) return;
  pool.on('batchEnd', (batch) => {
    for (const queued of batch.requests) {
      const parent = queued.request.correlation;
      if (!isSampledContext(parent)) continue;
      const attributes = { 'nergw.model': batch.model, 'nergw.attempt': queued.attempt };
      tracer
        .startSpan('inference queue', { startTime: queued.queuedAt, attributes }, parent)
        .end(batch.startedAt);
      const span = tracer.startSpan(
        'inference batch',
        {
          startTime: batch.startedAt,
          attributes: {
            'nergw.model': batch.model,
            'nergw.batch.documents': batch.documents,
            'nergw.batch.requests': batch.requests.length,
            'nergw.batch.id': batch.id,
            'nergw.worker': batch.worker,
            'nergw.outcome': batch.outcome,
          },
        },
        parent,
      );
      if (batch.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(batch.endedAt);
    }
  });
}
