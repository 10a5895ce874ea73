import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolEvents } from '../inference/events.ts';

export interface MeteringSource {
  totals(): Promise<{ pending: number; delivered: number; deadLettered: number }>;
  reachable(): boolean;
}

/** The service's Prometheus metrics, on a registry of its own (so tests can run several servers). */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'nergw_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'nergw_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'nergw_inference_queue_documents',
    help: 'Documents waiting for an inference worker',
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'nergw_inference_batch_documents',
    help: 'Documents per model call (micro-batch size)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'nergw_inference_batch_duration_seconds',
    help: 'Time a worker spent on one batch',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly documents = new Counter({
    name: 'nergw_documents_total',
    help: 'Documents analysed, by model and outcome',
    labelNames: ['model', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly workerRestarts = new Counter({
    name: 'nergw_inference_worker_restarts_total',
    help: 'Inference workers replaced after an unexpected exit',
    registers: [this.registry],
  });

  constructor(defaultMetrics = true) {
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'nergw_' });
  }

  /**
   * Metering gauges, read from the usage ledger at scrape time: text records pending, delivered and
   * dead-lettered (over the ledger's lifetime), and whether the billing endpoint is reachable.
   */
  meteringSource(source: MeteringSource): void {
    new Gauge({
      name: 'nergw_metering_records',
      help: 'Text records by metering state (pending, delivered, dead_lettered)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const t = await source.totals();
        this.set({ state: 'pending' }, t.pending);
        this.set({ state: 'delivered' }, t.delivered);
        this.set({ state: 'dead_lettered' }, t.deadLettered);
      },
    });
    new Gauge({
      name: 'nergw_billing_reachable',
      help: '1 while the last usage report reached the billing endpoint (or the output folder)',
      registers: [this.registry],
      collect() {
        this.set(source.reachable() ? 1 : 0);
      },
    });
  }

  /** Feeds these metrics from the inference pool's events. */
  watchPool(pool: Pick<PoolEvents, 'on'>): void {
    pool.on('batchEnd', ({ model, documents, seconds, outcome }) => {
      if (outcome === 'lost') return; // its requests are retried or fail: counted where they end
      this.batchSize.observe(documents);
      this.batchSeconds.observe(seconds);
      this.documents.inc({ model, outcome: outcome === 'ok' ? 'ok' : 'failed' }, documents);
    });
    pool.on('queueDepth', ({ documents }) => this.queueDepth.set(documents));
    pool.on('workerExit', () => this.workerRestarts.inc());
  }
}
