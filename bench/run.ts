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
import { createBillingStub } from '../src/billing-stub/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MODEL = process.env.BENCH_MODEL ?? join(PROJECT_ROOT, 'models/default');

interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

interface MeteringRow {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  off: LoadResult;
  on: LoadResult;
}

interface Row {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  result: LoadResult;
}

async function startServer(
  dir: string,
  extra: string[] = [],
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
      ...extra,
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const msg = JSON.parse(line) as { msg?: string; url?: string };
      if (msg.msg === 'ner-gateway listening' && msg.url) {
        clearTimeout(timer);
        resolve(Number(new URL(msg.url).port));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
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

/** Two runs of one scenario as one: requests and time add up; percentiles are the worse of the two. */
function combine(a: LoadResult, b: LoadResult): LoadResult {
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [k, v] of Object.entries(b.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    requests: a.requests + b.requests,
    seconds: a.seconds + b.seconds,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    statuses,
  };
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
  const { child, port } = await startServer(dir);
  const rows: Row[] = [];
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
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const metering = await meteringOverhead();
  console.error('bare inference in one worker ...');
  const bare = await bareInference();
  writeReport(rows, bare, metering);
}

/**
 * Metering on vs off in the same run: two servers started alike, one without metering, one
 * metering into its ledger and delivering to an in-process billing stub; each scenario runs on
 * one, then the other.
 */
async function meteringOverhead(): Promise<MeteringRow[]> {
  const apiKey = 'bench-billing-key';
  const stub = createBillingStub({
    apiKey,
    periodSeconds: 3600,
    expireSeconds: 86_400,
    maxBatch: 25,
    faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
  });
  await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
  const stubPort = (stub.server.address() as { port: number }).port;
  const offDir = mkdtempSync(join(tmpdir(), 'nergw-bench-off-'));
  const onDir = mkdtempSync(join(tmpdir(), 'nergw-bench-on-'));
  const off = await startServer(offDir, ['Metering:Enabled=false']);
  const on = await startServer(onDir, [
    `Billing=http://127.0.0.1:${stubPort}/api`,
    `ApiKey=${apiKey}`,
    `Metering:DataDir=${join(onDir, 'ledger')}`,
  ]);
  const rows: MeteringRow[] = [];
  try {
    const target = (port: number, d: string): object => ({
      url: `https://127.0.0.1:${port}`,
      seconds: SECONDS,
      ca: join(d, 'certs/dev-ca.crt'),
      cert: join(d, 'certs/client.crt'),
      key: join(d, 'certs/client.key'),
      path: '/language/:analyze-text?api-version=2023-04-01',
      method: 'POST',
    });
    for (const [port, d] of [
      [off.port, offDir],
      [on.port, onDir],
    ] as const) {
      await runLoad({ ...target(port, d), bodies: [nerBody(5, 0)], connections: 16, seconds: 2 });
    }
    for (const s of [
      { connections: 16, docs: 1 },
      { connections: 16, docs: 5 },
      { connections: 64, docs: 1 },
    ]) {
      console.error(`metering off vs on: NER ${s.docs} doc(s)/request @ ${s.connections} connections ...`);
      const bodies = Array.from({ length: 16 }, (_, i) => nerBody(s.docs, i));
      const run = (port: number, d: string): Promise<LoadResult> =>
        runLoad({ ...target(port, d), bodies, connections: s.connections });
      // off, on, on, off: a machine that speeds up or slows down during the runs favours neither.
      const off1 = await run(off.port, offDir);
      const on1 = await run(on.port, onDir);
      const on2 = await run(on.port, onDir);
      const off2 = await run(off.port, offDir);
      const offResult = combine(off1, off2);
      const onResult = combine(on1, on2);
      rows.push({
        scenario: `NER ${s.docs} doc${s.docs > 1 ? 's' : ''}/request`,
        connections: s.connections,
        docsPerRequest: s.docs,
        off: offResult,
        on: onResult,
      });
    }
  } finally {
    off.child.kill('SIGTERM');
    on.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    stub.server.close();
    rmSync(offDir, { recursive: true, force: true });
    rmSync(onDir, { recursive: true, force: true });
  }
  return rows;
}

function writeReport(rows: Row[], bare: { single: number; batched: number }, metering: MeteringRow[]): void {
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
  const docsPerSecond = (r: LoadResult, docs: number): number => (r.requests / r.seconds) * docs;
  const overheads = metering.map(
    (m) => 1 - docsPerSecond(m.on, m.docsPerRequest) / docsPerSecond(m.off, m.docsPerRequest),
  );
  const meteringLines = [
    '| Scenario | Connections | docs/s off | docs/s on | p99 ms off | p99 ms on | overhead |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...metering.map(
      (m, i) =>
        `| ${m.scenario} | ${m.connections} | ${fmt(docsPerSecond(m.off, m.docsPerRequest))} | ${fmt(docsPerSecond(m.on, m.docsPerRequest))} | ${fmt(m.off.p99, 1)} | ${fmt(m.on.p99, 1)} | ${fmt(100 * overheads[i]!, 1)}% |`,
    ),
  ];
  const worstOverhead = Math.max(...overheads);
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

## Metering on vs off (same run)

Two servers started alike: one with \`Metering:Enabled=false\`, one metering every request into its SQLite ledger (WAL, synchronous=FULL, group commit in the ledger thread) before answering and delivering to an in-process billing stub. Each scenario runs off, on, on, off (the two runs of each side summed; p99 is the worse of the two).

${meteringLines.join('\n')}

## Targets (issue 2)

- End-to-end documents/s at 64 connections vs. the trivial-route ceiling: ${fmt(best64)} / ${fmt(ceilingRps)} req/s = **${fmt((100 * best64) / ceilingRps, 0)}%** (target ≥ 50%).
- p99 at 16 connections: **${fmt(p99at16, 1)} ms** (target < 50 ms).
- Metering overhead on documents/s, worst scenario: **${fmt(100 * worstOverhead, 1)}%** (target < 5%, issue 5).
`;
  writeFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), report);
  console.log(report);
}

await main();
