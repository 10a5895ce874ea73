/**
 * Issue 2: end-to-end NER over HTTPS + mTLS at 1, 16 and 64 connections, a trivial route as the
 * HTTP + TLS ceiling of the same server, and the bare model rate in one worker without HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferencePool } from '../src/inference/pool.ts';
import { makeDocument } from './documents.ts';
import {
  fmt,
  type LoadResult,
  MODEL,
  NER_PATH,
  nerBodies,
  non200,
  rps,
  runLoad,
  SECONDS,
  startServer,
} from './harness.ts';

interface Row {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  result: LoadResult;
}

async function endToEnd(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-'));
  const server = await startServer(dir);
  const rows: Row[] = [];
  try {
    const base = { url: server.url, seconds: SECONDS, ...server.tls };
    const ner = { ...base, path: NER_PATH, method: 'POST' as const };
    // Warm-up: JIT, worker session, TLS session setup.
    await runLoad({ ...ner, bodies: nerBodies(5), connections: 16, seconds: 2 });
    const scenarios = [
      { scenario: 'trivial route (GET /livez)', connections: 64, docs: 0 },
      ...[1, 16, 64].flatMap((c) => [
        { scenario: 'NER 1 doc/request', connections: c, docs: 1 },
        { scenario: 'NER 5 docs/request', connections: c, docs: 5 },
      ]),
    ];
    for (const s of scenarios) {
      console.error(`${s.scenario} @ ${s.connections} connections ...`);
      const result = await runLoad(
        s.docs === 0
          ? { ...base, path: '/livez', method: 'GET', bodies: [''], connections: s.connections }
          : { ...ner, bodies: nerBodies(s.docs), connections: s.connections },
      );
      rows.push({ scenario: s.scenario, connections: s.connections, docsPerRequest: s.docs, result });
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function bareInference(): Promise<{ single: number; batched: number }> {
  const pool = await InferencePool.start({ models: { default: MODEL }, workers: 1, intraOpThreads: 1 });
  try {
    const rate = async (batch: number): Promise<number> => {
      let docs = 0;
      const end = performance.now() + SECONDS * 1000;
      const start = performance.now();
      while (performance.now() < end) {
        await pool.analyze(
          'default',
          Array.from({ length: batch }, (_, i) => makeDocument(docs + i)),
        );
        docs += batch;
      }
      return docs / ((performance.now() - start) / 1000);
    };
    await rate(8);
    return { single: await rate(1), batched: await rate(32) };
  } finally {
    await pool.close();
  }
}

export async function coreSection(): Promise<string> {
  const rows = await endToEnd();
  console.error('bare inference in one worker ...');
  const bare = await bareInference();
  const ceiling = rps(rows.find((r) => r.docsPerRequest === 0)!.result);
  const best64 = Math.max(
    ...rows
      .filter((r) => r.connections === 64 && r.docsPerRequest > 0)
      .map((r) => rps(r.result) * r.docsPerRequest),
  );
  const p99at16 = Math.max(
    ...rows.filter((r) => r.connections === 16 && r.docsPerRequest > 0).map((r) => r.result.p99),
  );
  const table = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.connections} | ${fmt(rps(r.result))} | ${r.docsPerRequest ? fmt(rps(r.result) * r.docsPerRequest) : '-'} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${non200(r.result)} |`,
  );
  return `## End to end (issue 2)

| Scenario | Connections | req/s | docs/s | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|---:|---:|
${table.join('\n')}

Bare inference (one worker, no HTTP): ${fmt(bare.single)} docs/s one document per call, ${fmt(bare.batched)} docs/s in batches of 32.

- End-to-end documents/s at 64 connections vs. the trivial-route ceiling: ${fmt(best64)} / ${fmt(ceiling)} req/s = **${fmt((100 * best64) / ceiling, 0)}%** (target ≥ 50%).
- p99 at 16 connections: **${fmt(p99at16, 1)} ms** (target < 50 ms).
`;
}
