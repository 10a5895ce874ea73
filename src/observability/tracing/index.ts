/**
 * OpenTelemetry tracing (README "Tracing"). `startTracing` loads the SDK only when an OTLP endpoint is
 * configured; until then, and with it off, every hook below is a no-op.
 */
import { proxyOrigin } from '../../outbound/proxy.ts';
import type { Logger } from '../logger.ts';
import { setTracingActive } from './state.ts';
import { tracingSettings } from './settings.ts';

export { tracingActive } from './state.ts';
export { requestTracing, setTracedRoute, traceContextOf } from './request.ts';
export { tracePromise, traceStep } from './steps.ts';
export { traceCall, traceUpstream } from './outbound.ts';
export { tracePool } from './pool.ts';

export interface Tracing {
  /** Sends the spans still buffered (bounded by OTEL_BSP_EXPORT_TIMEOUT), then stops. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { shutdown: async () => {} };

/** Call once per process, before the service starts (hooks are wired as the app is built). */
export async function startTracing(env: NodeJS.ProcessEnv, logger: Logger): Promise<Tracing> {
  const settings = tracingSettings(env);
  if (!settings.enabled) return OFF;
  const { startSdk } = await import('./sdk.ts');
  const sdk = await startSdk(logger, settings.protocol);
  setTracingActive(true);
  const endpoint =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || '';
  logger.info(
    {
      endpoint: origin(endpoint),
      protocol: settings.protocol,
      ...(settings.note ? { note: settings.note } : {}),
    },
    'tracing: spans are exported with OTLP over HTTP',
  );
  return {
    async shutdown() {
      setTracingActive(false);
      await sdk.shutdown();
    },
  };
}

/** Scheme, host and port of the endpoint: a `user:password@` in it is a secret. */
function origin(url: string): string {
  try {
    return proxyOrigin(url) ?? '';
  } catch {
    return 'invalid URL';
  }
}
