/**
 * What every benchmark section shares: the compiled server started the way `npm start` starts it,
 * the load generator (bench/load.ts in its own process) and formatting. Traffic goes to 127.0.0.1
 * only; every run is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBillingStub } from '../src/billing-stub/server.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import { makeDocument, RICH_SENTENCES } from './documents.ts';
import { mergeSorted, percentile } from './latency.ts';
import type { LoadSpec } from './load.ts';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const MODEL = process.env.BENCH_MODEL ?? join(PROJECT_ROOT, 'models/default');
export const NER_PATH = '/language/:analyze-text?api-version=2023-04-01';

/**
 * Every benchmarked server has rate limiting on (the default), with a limit the load never reaches:
 * the cost of counting is measured, a 429 would only hide it.
 */
export const BENCH_RATE_LIMIT = `RateLimits:Routes=${JSON.stringify([
  { prefix: '/', windowSeconds: 60, max: 100_000_000 },
])}`;

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Every request's latency in ms, ascending (absent where a result is not from bench/load.ts). */
  latencies?: number[];
}

export interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** Dev CA and client certificate of the server's generated PKI. */
  readonly tls: { readonly ca: string; readonly cert: string; readonly key: string };
  stop(): void;
}

/** Waits for a JSON log line of `child` that `pick` recognises; returns what it picks. */
export function fromLog<T>(
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

/**
 * `node dist/src/main.js` in `dir` (dev PKI, ledger and key files there) with `extraArgs`; `env`: the
 * server's environment (default: this process's); `root`: the built checkout to run (default: this
 * one; bench/compare-revisions.ts runs another revision's).
 */
export async function startServer(
  dir: string,
  extraArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  root = PROJECT_ROOT,
): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      join(root, 'dist/src/main.js'),
      'Eula=accept',
      'Server:Port=0',
      'Server:Host=127.0.0.1',
      `Tls:DevCertsDir=${join(dir, 'certs')}`,
      `Models:Default=${MODEL}`,
      `Models:CustomRoot=${join(dir, 'custom')}`,
      `Entities:Lists=${join(PROJECT_ROOT, 'models/entities')}`,
      `Metering:DataDir=${join(dir, 'metering')}`,
      `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
      `Security:KeyStoreFile=${join(dir, 'keys.json')}`,
      'Logging:Level=info',
      'Logging:Audit=false',
      BENCH_RATE_LIMIT,
      ...extraArgs,
    ],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await fromLog(child, 'server', (m) =>
    m.msg === 'ner-gateway listening' && typeof m.url === 'string' ? Number(new URL(m.url).port) : undefined,
  );
  return {
    child,
    port,
    url: `https://127.0.0.1:${port}`,
    tls: {
      ca: join(dir, 'certs/dev-ca.crt'),
      cert: join(dir, 'certs/client.crt'),
      key: join(dir, 'certs/client.key'),
    },
    stop: () => void child.kill('SIGTERM'),
  };
}

/**
 * CPU time (user + system, ms) in a /proc `stat` line: utime and stime, the 12th and 13th fields after
 * the command name (which may hold spaces).
 */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100
}

/**
 * CPU time (user + system, all threads, ms) process `pid` has used, from /proc (Linux; undefined
 * elsewhere). On a shared machine the CPU a request costs is steadier than the rate it is served at.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  return statCpuMs(readFileSync(file, 'utf8'));
}

/**
 * CPU time (user + system, ms) of each thread of process `pid`, by thread id, from /proc (Linux; empty
 * elsewhere). The process's own id is its main thread.
 */
export function threadCpuMs(pid: number | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const dir = `/proc/${pid}/task`;
  if (pid === undefined || !existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      out.set(Number(tid), statCpuMs(readFileSync(`${dir}/${tid}/stat`, 'utf8')));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** Runs one load in a separate process (so the client does not share the server's event loop). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'bench/load.ts'), JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load exited ${code}`)),
    );
  });
}

/** An EntityRecognition request body with these document texts. */
export function nerBodyOf(texts: readonly string[]): string {
  return JSON.stringify({
    kind: 'EntityRecognition',
    analysisInput: {
      documents: texts.map((text, i) => ({ id: String(i), language: 'en', text })),
    },
  });
}

/** An EntityRecognition request body with `docs` benchmark documents. */
export function nerBody(docs: number, seed: number): string {
  return nerBodyOf(Array.from({ length: docs }, (_, i) => makeDocument(seed + i)));
}

/** 16 different request bodies of `docs` documents each. */
export function nerBodies(docs: number): string[] {
  return Array.from({ length: 16 }, (_, i) => nerBody(docs, i));
}

/** The entity benchmarks' path: api-version 2025-11-01, entities with their types, tags and metadata. */
export const RICH_NER_PATH = '/language/:analyze-text?api-version=2025-11-01';

/** A document of `sentences` rich sentences (dates, amounts, roles, addresses ...), varied by `seed`. */
export function richDocument(seed: number, sentences = 2): string {
  return Array.from({ length: sentences }, (_, i) => RICH_SENTENCES[(seed + i) % RICH_SENTENCES.length]).join(
    ' ',
  );
}

/** 16 different request bodies of `docs` rich documents each. */
export function richNerBodies(docs: number): string[] {
  return Array.from({ length: 16 }, (_, i) =>
    nerBodyOf(Array.from({ length: docs }, (_, d) => richDocument(i * docs + d))),
  );
}

/** Two runs of one scenario as one: requests and time add up; percentiles are pooled (see below). */
export function combine(a: LoadResult, b: LoadResult): LoadResult {
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [k, v] of Object.entries(b.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sums = { requests: a.requests + b.requests, seconds: a.seconds + b.seconds, statuses };
  if (a.latencies && b.latencies) {
    // Pooled: the percentiles of every request of both runs.
    const latencies = mergeSorted(a.latencies, b.latencies);
    return { ...sums, p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies };
  }
  // Without the latencies, the worse run's: an upper bound.
  return { ...sums, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99) };
}

/**
 * Runs `run` on every item in order, then in reverse, `rounds` times (each item's runs combined, in
 * the items' order), so a machine that speeds up or slows down during the runs favours none of them.
 */
export async function alternating<T>(
  items: readonly T[],
  rounds: number,
  run: (item: T) => Promise<LoadResult>,
): Promise<LoadResult[]> {
  const results: (LoadResult | undefined)[] = items.map(() => undefined);
  const order = items.map((_, i) => i);
  for (let round = 0; round < rounds; round++) {
    for (const i of [...order, ...order.toReversed()]) {
      const r = await run(items[i]!);
      const before = results[i];
      results[i] = before ? combine(before, r) : r;
    }
  }
  return results as LoadResult[];
}

export function rps(r: LoadResult): number {
  return r.requests / r.seconds;
}

export function non200(r: LoadResult): number {
  return Object.entries(r.statuses)
    .filter(([code]) => code !== '200')
    .reduce((n, [, c]) => n + c, 0);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** An in-process billing stub on a loopback port (hourly periods, no faults). */
export interface BenchBillingStub {
  /** Gateway settings that meter into it. */
  readonly args: readonly string[];
  close(): void;
}

export async function startBillingStub(): Promise<BenchBillingStub> {
  const apiKey = 'bench-billing-key';
  const stub = createBillingStub({
    apiKey,
    periodSeconds: 3600,
    expireSeconds: 86_400,
    maxBatch: 25,
    faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
  });
  await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
  const port = (stub.server.address() as { port: number }).port;
  return {
    args: [`Billing=http://127.0.0.1:${port}/api`, `ApiKey=${apiKey}`],
    close: () => void stub.server.close(),
  };
}
