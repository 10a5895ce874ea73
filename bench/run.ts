/**
 * `npm run bench`: end-to-end HTTPS+mTLS load against the real server (compiled, started the same
 * way as `npm start`), a trivial route as the HTTP+TLS ceiling, and the bare model rate in one worker.
 * Writes BENCHMARKS.md. Traffic goes to 127.0.0.1 only; every run is bounded in time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InferencePool } from '../src/inference/pool.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import { makeDocument } from './documents.ts';
import { securityScenarios } from './security.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MODEL = process.env.BENCH_MODEL ?? join(PROJECT_ROOT, 'models/default');

interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

interface Row {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  result: LoadResult;
}

/** Waits for a JSON log line of `child` that `pick` recognises; returns what it picks. */
function fromLog<T>(
  child: ChildProcess,
  what: string,
  pick: (msg: Record<string, unknown>) => T | undefined,
): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s`)), 60_000);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const value = pick(JSON.parse(line) as Record<string, unknown>);
      if (value !== undefined) {
        clearTimeout(timer);
        resolve(value);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

/** The demo upstream app (the compose file's), as the proxy benchmark's upstream. */
async function startUpstream(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'dist/scripts/demo-upstream.js'), '--port', '0', '--host', '127.0.0.1'],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await fromLog(child, 'demo upstream', (m) =>
    m.msg === 'demo-upstream listening' ? Number(m.port) : undefined,
  );
  return { child, port };
}

async function startServer(
  dir: string,
  extraArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      join(PROJECT_ROOT, 'dist/src/main.js'),
      'Eula=accept',
      'Server:Port=0',
      'Server:Host=127.0.0.1',
      `Tls:DevCertsDir=${join(dir, 'certs')}`,
      `Models:Default=${MODEL}`,
      `Models:CustomRoot=${join(dir, 'custom')}`,
      'Logging:Level=info',
      ...extraArgs,
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await fromLog(child, 'server', (m) =>
    m.msg === 'ner-gateway listening' && typeof m.url === 'string' ? Number(new URL(m.url).port) : undefined,
  );
  return { child, port };
}

function runLoad(spec: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'bench/load.ts'), JSON.stringify(spec)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load exited ${code}`)),
    );
  });
}

function nerBody(docs: number, seed: number): string {
  return JSON.stringify({
    kind: 'EntityRecognition',
    analysisInput: {
      documents: Array.from({ length: docs }, (_, i) => ({
        id: String(i),
        language: 'en',
        text: makeDocument(seed + i),
      })),
    },
  });
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

async function main(): Promise<void> {
  if (!existsSync(join(MODEL, 'manifest.json')) && !existsSync(join(MODEL, 'config.json'))) {
    throw new Error(`no model at ${MODEL}`);
  }
  console.error('building (tsc) ...');
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-'));
  const upstream = await startUpstream();
  const proxyRoute = { prefix: '/apps/bench', target: `http://127.0.0.1:${upstream.port}` };
  const { child, port } = await startServer(dir, [`Proxy:Routes=${JSON.stringify([proxyRoute])}`]);
  const rows: Row[] = [];
  let proxy: ProxyRows | undefined;
  try {
    const base = {
      url: `https://127.0.0.1:${port}`,
      seconds: SECONDS,
      ca: join(dir, 'certs/dev-ca.crt'),
      cert: join(dir, 'certs/client.crt'),
      key: join(dir, 'certs/client.key'),
    };
    const scenarios: { scenario: string; connections: number; docs: number }[] = [
      { scenario: 'trivial route (GET /livez)', connections: 64, docs: 0 },
      ...[1, 16, 64].flatMap((c) => [
        { scenario: 'NER 1 doc/request', connections: c, docs: 1 },
        { scenario: 'NER 5 docs/request', connections: c, docs: 5 },
      ]),
    ];
    // Warm-up: JIT, worker session, TLS session setup.
    await runLoad({
      ...base,
      path: '/language/:analyze-text?api-version=2023-04-01',
      method: 'POST',
      bodies: [nerBody(5, 0)],
      connections: 16,
      seconds: 2,
    });
    for (const s of scenarios) {
      console.error(`${s.scenario} @ ${s.connections} connections ...`);
      const bodies = Array.from({ length: 16 }, (_, i) => nerBody(s.docs, i));
      const result = await runLoad(
        s.docs === 0
          ? { ...base, path: '/livez', method: 'GET', bodies: [''], connections: s.connections }
          : {
              ...base,
              path: '/language/:analyze-text?api-version=2023-04-01',
              method: 'POST',
              bodies,
              connections: s.connections,
            },
      );
      rows.push({ scenario: s.scenario, connections: s.connections, docsPerRequest: s.docs, result });
    }
    proxy = await proxyVsDirect(base, upstream.port);
  } finally {
    child.kill('SIGTERM');
    upstream.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const security = await securityComparison();
  console.error('bare inference in one worker ...');
  const bare = await bareInference();
  writeReport(rows, bare, proxy!, security);
}

interface ProxyRows {
  direct: LoadResult;
  proxied: LoadResult;
}

/**
 * Issue 6: the same GET against the demo upstream, directly (plain HTTP, as the gateway reaches it)
 * and through the gateway's proxy route (HTTPS + client certificate), 64 connections each.
 */
async function proxyVsDirect(
  base: { url: string; seconds: number; ca: string; cert: string; key: string },
  upstreamPort: number,
): Promise<ProxyRows> {
  const get = { path: '/hello', method: 'GET', bodies: [''], connections: 64, seconds: SECONDS };
  console.error('proxy warm-up ...');
  await runLoad({ ...base, ...get, path: '/apps/bench/hello', seconds: 1 });
  console.error('upstream direct @ 64 connections ...');
  const direct = await runLoad({ url: `http://127.0.0.1:${upstreamPort}`, ...get });
  console.error('upstream through the gateway proxy @ 64 connections ...');
  const proxied = await runLoad({ ...base, ...get, path: '/apps/bench/hello' });
  return { direct, proxied };
}

interface SecurityRow {
  scenario: string;
  result: LoadResult;
}

const SECURITY_CONNECTIONS = 16;

/** NER 1 doc/request at 16 connections against one server per security scenario, same run. */
async function securityComparison(): Promise<SecurityRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-sec-'));
  const rows: SecurityRow[] = [];
  try {
    for (const s of await securityScenarios(dir)) {
      console.error(`security: ${s.name} ...`);
      const { child, port } = await startServer(dir, s.args);
      try {
        const spec = {
          url: `https://127.0.0.1:${port}`,
          ca: join(dir, 'certs/dev-ca.crt'),
          ...(s.clientCertificate
            ? { cert: join(dir, 'certs/client.crt'), key: join(dir, 'certs/client.key') }
            : {}),
          headers: s.headers,
          path: '/language/:analyze-text?api-version=2023-04-01',
          method: 'POST',
          bodies: Array.from({ length: 16 }, (_, i) => nerBody(1, i)),
          connections: SECURITY_CONNECTIONS,
        };
        await runLoad({ ...spec, seconds: 1 }); // warm-up
        rows.push({ scenario: s.name, result: await runLoad({ ...spec, seconds: SECONDS }) });
      } finally {
        child.kill('SIGTERM');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function securitySection(rows: SecurityRow[], fmt: (n: number, d?: number) => string): string {
  const rps = (r: SecurityRow): number => r.result.requests / r.result.seconds;
  const base = rows[0] ? rps(rows[0]) : 0;
  const lines = rows.map((r, i) => {
    const non200 = Object.entries(r.result.statuses)
      .filter(([code]) => code !== '200')
      .reduce((n, [, c]) => n + c, 0);
    const loss = i === 0 ? '-' : `${fmt((100 * (base - rps(r))) / base, 1)}%`;
    return `| ${r.scenario} | ${fmt(rps(r))} | ${loss} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${non200} |`;
  });
  return `## Security overhead (issue 4)

NER 1 doc/request, ${SECURITY_CONNECTIONS} connections, one server per row (bench/security.ts), same run. Target: at most 15% loss vs auth disabled for mTLS + key and mTLS + JWT.

| Security | req/s | loss vs disabled | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|---:|
${lines.join('\n')}
`;
}

function writeReport(
  rows: Row[],
  bare: { single: number; batched: number },
  proxy: ProxyRows,
  security: SecurityRow[],
): void {
  const fmt = (n: number, d = 0): string =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const ceiling = rows.find((r) => r.docsPerRequest === 0)!;
  const ceilingRps = ceiling.result.requests / ceiling.result.seconds;
  const lines = [
    '| Scenario | Connections | req/s | docs/s | p50 ms | p99 ms | non-200 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const rps = r.result.requests / r.result.seconds;
      const non200 = Object.entries(r.result.statuses)
        .filter(([s]) => s !== '200')
        .reduce((n, [, c]) => n + c, 0);
      return `| ${r.scenario} | ${r.connections} | ${fmt(rps)} | ${r.docsPerRequest ? fmt(rps * r.docsPerRequest) : '-'} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${non200} |`;
    }),
  ];
  const best64 = Math.max(
    ...rows
      .filter((r) => r.connections === 64 && r.docsPerRequest > 0)
      .map((r) => (r.result.requests / r.result.seconds) * r.docsPerRequest),
  );
  const p99at16 = Math.max(
    ...rows.filter((r) => r.connections === 16 && r.docsPerRequest > 0).map((r) => r.result.p99),
  );
  const directRps = proxy.direct.requests / proxy.direct.seconds;
  const proxyRps = proxy.proxied.requests / proxy.proxied.seconds;
  const cpu = cpus();
  const report = `# Benchmarks

Command: \`npm run bench\` (BENCH_SECONDS=${SECONDS} per scenario). Written by bench/run.ts on ${new Date().toISOString().slice(0, 10)}.

Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}.
Server: \`node dist/src/main.js\` (the \`npm start\` path) with default settings (inference workers = cores − 1, 1 ONNX thread each), dev PKI, client certificates required.
Load: a separate Node process (bench/load.ts, undici) over HTTPS with keep-alive and a client certificate, to 127.0.0.1.
Documents: two English news-style sentences (~220 characters) each. Model: \`${MODEL.replace(PROJECT_ROOT + '/', '')}\`.

## End to end

${lines.join('\n')}

## Bare inference (one worker, no HTTP)

| Batch | docs/s |
|---|---:|
| 1 document per call | ${fmt(bare.single)} |
| 32 documents per call | ${fmt(bare.batched)} |

## Proxy overhead (issue 6)

GET of a small JSON answer from the demo upstream (scripts/demo-upstream.ts, plain HTTP on 127.0.0.1), 64 connections, in the same run.

| Path | req/s | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|
${[
  ['direct to the upstream (HTTP)', proxy.direct],
  ['through the gateway proxy (HTTPS + client certificate)', proxy.proxied],
]
  .map(([label, r]) => {
    const res = r as LoadResult;
    const non200 = Object.entries(res.statuses)
      .filter(([s]) => s !== '200')
      .reduce((n, [, c]) => n + c, 0);
    return `| ${String(label)} | ${fmt(res.requests / res.seconds)} | ${fmt(res.p50, 1)} | ${fmt(res.p99, 1)} | ${non200} |`;
  })
  .join('\n')}

## Targets (issue 2)

- End-to-end documents/s at 64 connections vs. the trivial-route ceiling: ${fmt(best64)} / ${fmt(ceilingRps)} req/s = **${fmt((100 * best64) / ceilingRps, 0)}%** (target ≥ 50%).
- p99 at 16 connections: **${fmt(p99at16, 1)} ms** (target < 50 ms).

## Target (issue 6)

- Proxy throughput vs direct at 64 connections: ${fmt(proxyRps)} / ${fmt(directRps)} req/s = **${fmt((100 * proxyRps) / directRps, 0)}%** (target ≥ 60%).

${securitySection(security, fmt)}`;
  writeFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), report);
  console.log(report);
}

await main();
