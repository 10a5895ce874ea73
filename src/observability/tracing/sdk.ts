/**
 * The OpenTelemetry SDK, imported only when tracing is on (index.ts loads this file dynamically): a
 * Node tracer provider with the W3C trace-context propagator, a batch span processor and the OTLP/HTTP
 * exporter (protobuf or JSON), each configured by its OTEL_* variables as the SDK reads them.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { getNumberFromEnv, W3CTraceContextPropagator } from '@opentelemetry/core';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../logger.ts';
import type { OtlpProtocol } from './settings.ts';
import { VERSION } from '../../version.ts';

/**
 * How long an ended span waits for its batch when OTEL_BSP_SCHEDULE_DELAY is unset: 200 ms, where the SDK
 * waits 5 s. A span held for seconds outlives young-generation GCs and is promoted, and old-generation GC
 * work follows on V8's helper threads: with 10% of traces sampled (a batch of 512 then fills slowly),
 * tracing cost ~30 µs of CPU per request with 5 s and ~15-20 µs with 200 ms in the paired measurement
 * (BENCHMARKS.md, "Tracing overhead"); with every request traced a batch fills sooner and nothing changes.
 * An export costs under a millisecond of CPU, and at most five a second are sent when spans are few.
 */
export const DEFAULT_SCHEDULE_DELAY_MS = 200;

export interface Sdk {
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export async function startSdk(logger: Logger, protocol: OtlpProtocol): Promise<Sdk> {
  // The SDK's own complaints (an export that failed, a bad OTEL_* value) go to our log.
  const log = logger.child({ component: 'tracing' });
  diag.setLogger(
    {
      error: (msg) => log.warn(msg),
      warn: (msg) => log.warn(msg),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override these defaults.
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'ner-gateway',
    [ATTR_SERVICE_VERSION]: VERSION,
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(await exporter(protocol), {
        scheduledDelayMillis: getNumberFromEnv('OTEL_BSP_SCHEDULE_DELAY') ?? DEFAULT_SCHEDULE_DELAY_MS,
      }),
    ],
  });
  // Only W3C trace context: no baggage is read from callers or sent on. No context manager: the hooks
  // pass each request's context explicitly (request.ts says why).
  provider.register({ propagator: new W3CTraceContextPropagator(), contextManager: null });
  return {
    async shutdown() {
      await provider.shutdown();
      diag.disable();
    },
  };
}

/** The OTLP/HTTP exporter for `protocol`; only its package is loaded. */
async function exporter(protocol: OtlpProtocol): Promise<SpanExporter> {
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter();
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter();
}
