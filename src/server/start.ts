import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { JobStore } from '../api/jobs/store.ts';
import type { Config } from '../config/schema.ts';
import { combineObservers } from '../inference/observers.ts';
import { InferencePool } from '../inference/pool.ts';
import { startMetering } from '../metering/service.ts';
import { discoverModels } from '../model/catalog.ts';
import type { Logger } from '../observability/logger.ts';
import { Metrics } from '../observability/metrics.ts';
import { createApp } from './app.ts';
import { resolveTls, type TlsSetup } from './tls.ts';
import { VERSION } from '../version.ts';

export interface RunningService {
  readonly server: Server;
  readonly pool: InferencePool;
  readonly metrics: Metrics;
  readonly tls: TlsSetup | undefined;
  /** e.g. https://localhost:5000 */
  readonly url: string;
  /** Reloads the model set (new custom deployments, updated models) without a restart. */
  reloadModels(): Promise<void>;
  /** Stops accepting, drains in-flight work, stops the workers. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Test-only fault injection passed to the pool. */
  readonly crashOnText?: string;
}

/** Assembles and starts the whole service from a validated config. */
export async function startService(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningService> {
  const metrics = new Metrics();
  const tls = config.server.plainHttp ? undefined : await resolveTls(config);
  const metering = await startMetering(config, logger, metrics);
  const inf = config.inference;
  const pool = await InferencePool.start({
    models: discoverModels(config.models),
    workers: inf.workers,
    intraOpThreads: inf.intraOpThreads,
    maxBatchDocuments: inf.maxBatchDocuments,
    maxBatchWaitMs: inf.maxBatchWaitMs,
    maxQueuedDocuments: inf.maxQueuedDocuments,
    retryAfterSeconds: inf.retryAfterSeconds,
    observer: combineObservers(metrics.poolObserver(), metering.observer),
    logger,
    ...(options.crashOnText !== undefined ? { crashOnText: options.crashOnText } : {}),
  }).catch(async (err: unknown) => {
    await metering.close();
    throw err;
  });
  logger.info({ models: pool.models, workers: pool.workerCount }, 'models loaded');

  let accepting = true;
  const jobs = new JobStore(config.jobs.maxJobs);
  const app = createApp({
    config,
    pool,
    logger,
    metrics,
    jobs,
    clientCertMode: tls?.clientCertMode ?? 'off',
    anonymousPaths: config.server.anonymousPaths,
    version: VERSION,
    accepting: () => accepting,
    metering,
  });
  const server = tls ? createHttpsServer(tls.options, app) : createHttpServer(app);
  server.requestTimeout = config.server.requestTimeoutMs;
  server.headersTimeout = config.server.headersTimeoutMs;
  server.keepAliveTimeout = config.server.keepAliveTimeoutMs;
  if (!tls) logger.warn('serving plain HTTP: only do this behind a trusted TLS-terminating proxy');

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${tls ? 'https' : 'http'}://localhost:${port}`;

  return {
    server,
    pool,
    metrics,
    tls,
    url,
    async reloadModels() {
      const models = await pool.reload(discoverModels(config.models));
      logger.info({ models }, 'models reloaded');
    },
    async close() {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await pool.close(config.server.shutdownGraceMs);
      jobs.close();
      await metering.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
