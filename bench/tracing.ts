/**
 * Issue 18: what OpenTelemetry tracing costs. NER, one document per request, 16 connections over
 * HTTPS + mTLS: a server with tracing off (no OTEL_* variable: no SDK loaded) against the same
 * server exporting every request's spans (default sampler), and one sampling 10% of the traces, all
 * with OTLP/HTTP JSON to a receiver in this process, side by side, in alternating runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpReceiver } from '../test/helpers/otlp-receiver.ts';
import {
  alternating,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  non200,
  rps,
  runLoad,
  SECONDS,
  startServer,
} from './harness.ts';

const CONNECTIONS = 16;

/** This process's environment without any OTEL_* variable. */
function withoutOtel(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^OTEL_/i.test(k)));
}

export async function tracingSection(): Promise<string> {
  const receiver = await OtlpReceiver.start();
  const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'nergw-bench-')));
  const off = await startServer(dirs[0]!, [], withoutOtel());
  const traced = {
    ...withoutOtel(),
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  };
  const on = await startServer(dirs[1]!, [], traced);
  const sampled = await startServer(dirs[2]!, [], {
    ...traced,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  });
  const servers = [off, on, sampled];
  let results: LoadResult[];
  try {
    const load = (server: typeof off, seconds: number): Promise<LoadResult> =>
      runLoad({
        url: server.url,
        path: NER_PATH,
        method: 'POST',
        ...server.tls,
        bodies: nerBodies(1),
        connections: CONNECTIONS,
        seconds,
      });
    for (const server of servers) await load(server, 2); // warm-up
    console.error(`tracing off vs on: 1 doc/request @ ${CONNECTIONS} connections ...`);
    results = await alternating(servers, 3, (server) => load(server, SECONDS / 2));
  } finally {
    for (const server of servers) server.stop();
  }
  // A stopping server exports the spans it still holds: count them once both traced ones have exited.
  for (const { child } of [on, sampled])
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));
  const spans = receiver.spans().length;
  await receiver.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  const [offResult, onResult, sampledResult] = results as [LoadResult, LoadResult, LoadResult];
  const loss = (r: LoadResult): number =>
    (100 * (rps(offResult) - rps(r))) / Math.max(rps(offResult), Number.EPSILON);
  const row = (name: string, r: LoadResult): string =>
    `| ${name} | ${fmt(rps(r))} | ${r === offResult ? '-' : `${fmt(loss(r), 1)}%`} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${non200(r)} |`;
  return `## Tracing overhead (issue 18)

NER, one document per request, ${CONNECTIONS} connections. "Off": no OTEL_* variable (the OpenTelemetry SDK is
not loaded; every hook is one boolean test). "On": \`OTEL_EXPORTER_OTLP_ENDPOINT\` set, default sampler
(parent-based, always on: every request is recorded), spans batched and exported with OTLP/HTTP JSON to a
receiver on 127.0.0.1 in the benchmark process (${fmt(spans)} spans received); "on, 10%":
\`OTEL_TRACES_SAMPLER=parentbased_traceidratio\`, \`OTEL_TRACES_SAMPLER_ARG=0.1\`. The three servers run side by
side, measured in alternating runs of ${fmt(SECONDS / 2, 1)} s (three rounds of off, on, on 10%, then the reverse).

| tracing | req/s | loss | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|---:|
${row('off', offResult)}
${row('on (every request)', onResult)}
${row('on, 10% sampled', sampledResult)}

- Throughput loss with tracing on, every request traced: **${fmt(loss(onResult), 1)}%** (target ≤ 10%).
`;
}
