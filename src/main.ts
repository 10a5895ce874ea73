/**
 * Entry point (`npm start`, the Dockerfile): `node dist/src/main.js [Eula=accept] [Billing=<url>] [ApiKey=<key>] [Section:Key=value ...]`.
 */
import { assertEulaAccepted, ConfigError, type IgnoredSetting, loadConfig } from './config/load.ts';
import { createServiceLogger } from './observability/service-logger.ts';
import { logStartupNotices } from './observability/startup-notices.ts';
import { CloseStack } from './server/close-stack.ts';

async function main(): Promise<void> {
  let config;
  const ignored: IgnoredSetting[] = [];
  try {
    config = loadConfig({ argv: process.argv.slice(2), ignored });
    assertEulaAccepted(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`ner-gateway: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createServiceLogger(config);
  logStartupNotices(logger, config, ignored);
  // A throw nothing caught leaves the process in an unknown state: say so in the log's own format
  // (JSON, with the stack) and exit for the supervisor to restart it. Usage is already in the ledger.
  const fatal =
    (msg: string) =>
    (err: unknown): void => {
      logger.fatal({ err }, msg);
      process.exit(70);
    };
  process.on('uncaughtException', fatal('uncaught exception; exiting'));
  process.on('unhandledRejection', fatal('unhandled promise rejection; exiting'));
  // Shutdown closes what started here last first: the service (drained), then tracing (its last spans).
  // The service and tracing load only once the settings are valid: a refused start loads neither
  // (and answers in a fraction of the time).
  const [{ startTracing }, { startService }] = await Promise.all([
    import('./observability/tracing/index.ts'),
    import('./server/start.ts'),
  ]);
  const shutdown = new CloseStack();
  shutdown.add('tracing', await startTracing(process.env, logger), (t) => t.shutdown());
  const service = shutdown.add('service', await startService(config, logger), (s) => s.close());
  logger.info(
    { url: service.url, clientCertificates: service.tls?.clientCertMode ?? 'off' },
    'ner-gateway listening',
  );

  const dev = service.tls?.dev;
  if (dev) {
    if (dev.created)
      logger.info(
        { dir: config.tls.devCertsDir },
        'generated a development CA, server and client certificate',
      );
    const body = JSON.stringify({
      kind: 'EntityRecognition',
      analysisInput: {
        documents: [{ id: '1', language: 'en', text: 'Satya Nadella leads Microsoft from Redmond.' }],
      },
    });
    console.log(
      `\nTry it:\n  curl --cacert ${dev.ca} --cert ${dev.clientCert} --key ${dev.clientKey} \\\n` +
        `    -H 'Content-Type: application/json' -d '${body}' \\\n` +
        `    '${service.url}/language/:analyze-text?api-version=2023-04-01'\n`,
    );
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight work');
    shutdown.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    service
      .reloadModels()
      .catch((err: unknown) => logger.error({ err }, 'model reload failed; keeping the loaded models'));
  });
}

main().catch((err: unknown) => {
  console.error(`ner-gateway: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
