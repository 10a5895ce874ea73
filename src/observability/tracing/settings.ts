/**
 * Whether traces are exported, read from the standard OpenTelemetry variables only (the SDK reads the
 * rest itself: OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*,
 * OTEL_EXPORTER_OTLP_(TRACES_)HEADERS / TIMEOUT / COMPRESSION).
 */
export interface TracingSettings {
  readonly enabled: boolean;
  /** Why tracing is off, or a note about how it runs (for the start-up line). */
  readonly note?: string;
}

/** The only encoding the bundled exporter (@opentelemetry/exporter-trace-otlp-http) sends. */
export const OTLP_PROTOCOL = 'http/json';

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Off unless an OTLP endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT);
 * OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn it off as they do in the SDK.
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings {
  const endpoint =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!endpoint) return { enabled: false, note: 'no OTEL_EXPORTER_OTLP_ENDPOINT' };
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true')
    return { enabled: false, note: 'OTEL_SDK_DISABLED=true' };
  const exporters = value(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase();
  if (exporters === 'none') return { enabled: false, note: 'OTEL_TRACES_EXPORTER=none' };
  const protocol =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    value(env, 'OTEL_EXPORTER_OTLP_PROTOCOL') ??
    OTLP_PROTOCOL;
  if (protocol !== OTLP_PROTOCOL)
    return {
      enabled: true,
      note: `OTLP protocol ${protocol} is not supported: spans are sent as ${OTLP_PROTOCOL}`,
    };
  return { enabled: true };
}
