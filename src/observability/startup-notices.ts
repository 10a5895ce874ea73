import type { IgnoredSetting } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { describeProxy, proxyConfigured } from '../outbound/proxy.ts';
import type { Logger } from './logger.ts';
import { diskLogDir, type ServiceLoggerSettings } from './service-logger.ts';

/** Said once when ApplicationInsights is set: Azure's containers send telemetry there, this one does not. */
export const APPLICATION_INSIGHTS_NOTICE =
  'ApplicationInsights is set but ner-gateway makes no connection to Azure Application Insights and sends it nothing; ' +
  'its telemetry is Prometheus /metrics, the JSON logs (Logging:Disk, Fluentd) and OpenTelemetry traces to a collector named by OTEL_EXPORTER_OTLP_ENDPOINT (README "Tracing")';

/** The settings the start-up notices read: ApplicationInsights, the outbound proxy, and where logs go. */
export type StartupNoticeSettings = Pick<Config, 'applicationInsights' | 'outbound'> & ServiceLoggerSettings;

/**
 * The start-up lines about Azure's settings: which were accepted but are not used, what happens
 * with ApplicationInsights, and where logs and outbound calls go (never a credential).
 */
export function logStartupNotices(
  logger: Logger,
  config: StartupNoticeSettings,
  ignored: readonly IgnoredSetting[],
): void {
  for (const setting of ignored)
    logger.warn(
      { setting: setting.name, from: setting.origin },
      'Azure setting accepted but not used by ner-gateway',
    );
  const insights = config.applicationInsights;
  if (insights.instrumentationKey || insights.connectionString) logger.info(APPLICATION_INSIGHTS_NOTICE);
  if (proxyConfigured(config.outbound))
    logger.info(
      describeProxy(config.outbound),
      "outbound calls of the gateway's own (billing, OAuth token, JWKS) go through the HTTP proxy",
    );
  const disk = config.logging.disk;
  if (disk.format === 'json')
    logger.info(
      { dir: diskLogDir(config), maxFileSizeMb: disk.maxFileSize, maxFiles: disk.maxFiles },
      'JSON log files are written to the output mount',
    );
  const fluentd = config.fluentd;
  if (fluentd.host)
    logger.info(
      { host: fluentd.host, port: fluentd.port, tls: fluentd.useTls },
      'logs are shipped to Fluentd',
    );
}
