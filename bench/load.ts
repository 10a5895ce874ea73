/**
 * Load generator, run as a separate process by bench/run.ts: keep-alive HTTPS with a client
 * certificate, `connections` concurrent request loops for `seconds`. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { percentile } from './latency.ts';

export interface LoadSpec {
  url: string;
  path: string;
  method: 'GET' | 'POST';
  bodies: string[];
  connections: number;
  seconds: number;
  /** CA of the server; absent for a plain-HTTP target (the proxy benchmark's upstream). */
  ca?: string;
  /** Client certificate and key (optional: scenarios without mTLS). */
  cert?: string;
  key?: string;
  headers?: Record<string, string>;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const pool = new Pool(spec.url, {
  connections: spec.connections,
  pipelining: 1,
  ...(spec.ca
    ? {
        connect: {
          ca: readFileSync(spec.ca),
          ...(spec.cert && spec.key ? { cert: readFileSync(spec.cert), key: readFileSync(spec.key) } : {}),
        },
      }
    : {}),
});

const latencies: number[] = [];
const statuses: Record<number, number> = {};
const deadline = performance.now() + spec.seconds * 1000;

async function loop(worker: number): Promise<void> {
  let i = worker;
  while (performance.now() < deadline) {
    const body = spec.bodies[i++ % spec.bodies.length];
    const started = performance.now();
    const res = await pool.request({
      path: spec.path,
      method: spec.method,
      headers: { ...spec.headers, ...(spec.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(spec.method === 'POST' ? { body } : {}),
    });
    await res.body.text();
    latencies.push(performance.now() - started);
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: spec.connections }, (_, w) => loop(w)));
const elapsed = (performance.now() - started) / 1000;
await pool.close();
latencies.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    requests: latencies.length,
    seconds: elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    // Every latency (to 10 µs), so the runs of a row can be pooled (bench/harness.ts combine).
    latencies: latencies.map((ms) => Math.round(ms * 100) / 100),
  }),
);
