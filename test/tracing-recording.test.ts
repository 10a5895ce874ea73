/**
 * How a traced request's front-door checks and pool work land on its request span with the default
 * recording (`attributes`), in process with the real OpenTelemetry SDK (an in-memory exporter): the
 * paths the end-to-end tests (tracing.test.ts) cannot provoke on demand, a batch lost with its worker
 * and its retry, and a check that answered the request itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { PoolEventMap, PoolRequest } from '../src/inference/events.ts';
import { Admission } from '../src/observability/tracing/admission.ts';
import { tracePool } from '../src/observability/tracing/pool.ts';
import { setTracingActive, tracer } from '../src/observability/tracing/state.ts';

type BatchEnd = PoolEventMap['batchEnd'];

describe('tracing: what the request span records by default', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let emit: (batch: BatchEnd) => void = () => assert.fail('tracePool subscribed nothing');

  before(() => {
    trace.setGlobalTracerProvider(provider);
    setTracingActive(true);
    tracePool({
      on: (name, listener) => {
        assert.equal(name, 'batchEnd');
        emit = listener as (batch: BatchEnd) => void;
        return () => {};
      },
    });
  });

  after(async () => {
    setTracingActive(false);
    await provider.shutdown();
    trace.disable();
  });

  /** A request span, and the pool request that carries its context as `correlation`. */
  function requestSpan(): { span: Span; request: PoolRequest } {
    const span = tracer.startSpan('POST /language/:analyze-text');
    const correlation = trace.setSpan(ROOT_CONTEXT, span);
    return { span, request: { id: 1, correlation, admittedAt: 0 } as unknown as PoolRequest };
  }

  function batch(request: PoolRequest, attempt: number, outcome: BatchEnd['outcome'], at: number): BatchEnd {
    return {
      id: attempt,
      model: 'default',
      documents: attempt === 1 ? 4 : 1,
      worker: attempt - 1,
      requests: [{ request, queuedAt: at, attempt }],
      startedAt: at + 1,
      runStartedAt: at + 1.5,
      endedAt: at + 4,
      seconds: 0.0025,
      outcome,
    };
  }

  const ended = (span: Span) => {
    span.end();
    const id = span.spanContext().spanId;
    return exporter.getFinishedSpans().find((s) => s.spanContext().spanId === id)!;
  };

  test('a batch that ended ok: model, size, queue and model-call times; no attempt, no event', () => {
    const { span, request } = requestSpan();
    emit(batch(request, 1, 'ok', 100));
    const done = ended(span);
    assert.deepEqual(done.attributes, {
      'nergw.model': 'default',
      'nergw.batch.documents': 4,
      'nergw.batch_ms': 2.5,
      'nergw.queue_ms': 1.5,
    });
    assert.deepEqual(done.events, []);
  });

  test("a batch lost with its worker, then the retry's batch: the retry's facts, with its attempt and outcome", () => {
    const { span, request } = requestSpan();
    emit(batch(request, 1, 'lost', 100));
    emit(batch(request, 2, 'ok', 200));
    const done = ended(span);
    assert.equal(done.attributes['nergw.attempt'], 2);
    assert.equal(done.attributes['nergw.batch.outcome'], 'ok');
    assert.equal(done.attributes['nergw.batch.documents'], 1);
    assert.equal(done.attributes['nergw.queue_ms'], 1.5);
  });

  test('a batch that failed and was not retried says so', () => {
    const { span, request } = requestSpan();
    emit(batch(request, 1, 'error', 100));
    const done = ended(span);
    assert.equal(done.attributes['nergw.attempt'], 1);
    assert.equal(done.attributes['nergw.batch.outcome'], 'error');
  });

  test('a request span already ended (a closing pool gave up on it) gets nothing', () => {
    const { span, request } = requestSpan();
    const done = ended(span);
    emit(batch(request, 1, 'ok', 100));
    assert.deepEqual(done.attributes, {});
  });

  test("checks: each one's duration; an outcome only for the one that did not pass", () => {
    const { span } = requestSpan();
    const admission = new Admission(span, trace.setSpan(ROOT_CONTEXT, span), 'attributes');
    admission.begin('authenticate');
    admission.passed('authenticate');
    admission.begin('rate limit');
    // The limiter answers 429 itself: the request's end tells the admission.
    admission.close(429, true);
    const done = ended(span);
    assert.equal(typeof done.attributes['nergw.authenticate.duration_ms'], 'number');
    assert.equal(done.attributes['nergw.authenticate.outcome'], undefined);
    assert.equal(typeof done.attributes['nergw.rate_limit.duration_ms'], 'number');
    assert.equal(done.attributes['nergw.rate_limit.outcome'], 'refused');
    assert.equal(done.attributes['nergw.quota.duration_ms'], undefined);
    assert.deepEqual(done.events, []);
  });

  test('a caller that left during a check, and a check that failed', () => {
    const { span } = requestSpan();
    const admission = new Admission(span, trace.setSpan(ROOT_CONTEXT, span), 'attributes');
    admission.begin('quota');
    admission.failed('quota');
    admission.begin('authenticate');
    admission.close(0, false);
    const done = ended(span);
    assert.equal(done.attributes['nergw.quota.outcome'], 'error');
    assert.equal(done.attributes['nergw.authenticate.outcome'], 'caller_gone');
  });
});
