/**
 * Whether traces are exported, read from the standard OpenTelemetry variables only (the SDK reads the
 * rest itself: OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*,
 * OTEL_EXPORTER_OTLP_(TRACES_)HEADERS / TIMEOUT / COMPRESSION).
 */
export interface TracingSettings {
  readonly enabled: boolean;
  /** The OTLP/HTTP encoding spans are sent in. */
  readonly protocol: OtlpProtocol;
  /** Why tracing is off, or a note about how it runs (for the start-up line). */
  readonly note?: string;
}

/** The encodings the bundled OTLP/HTTP exporters send. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/**
 * The OpenTelemetry specification's default, and the cheaper one: the SDK writes protobuf straight from
 * its spans, where JSON builds a copy of each span, stringifies it and encodes the string (BENCHMARKS.md,
 * "Tracing overhead").
 */
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Off unless an OTLP endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT);
 * OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn it off as they do in the SDK.
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings {
  const protocol = DEFAULT_OTLP_PROTOCOL;
  const endpoint =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!endpoint) return { enabled: false, protocol, note: 'no OTEL_EXPORTER_OTLP_ENDPOINT' };
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true')
    return { enabled: false, protocol, note: 'OTEL_SDK_DISABLED=true' };
  const exporters = value(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase();
  if (exporters === 'none') return { enabled: false, protocol, note: 'OTEL_TRACES_EXPORTER=none' };
  const asked =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? value(env, 'OTEL_EXPORTER_OTLP_PROTOCOL') ?? protocol;
  if (asked === 'http/protobuf' || asked === 'http/json') return { enabled: true, protocol: asked };
  return {
    enabled: true,
    protocol,
    note: `OTLP protocol ${asked} is not supported: spans are sent as ${protocol}`,
  };
}
