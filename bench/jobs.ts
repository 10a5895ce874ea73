/**
 * Issue 19: async job throughput and submit-to-done latency with `jobs.store: memory` vs `redis`,
 * one server each, started alike (metering into an in-process billing stub, so both pay for their
 * own metering path), the Redis one with a redis-server of its own (append-only file, fsync every
 * second, as the compose file runs it). Clients submit a job, poll it every POLL_MS until it is done,
 * and submit the next. `tsx bench/jobs.ts` runs this section alone and prints it (the server must
 * be built: `npm run build`); `npm run bench` includes it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDocument } from './documents.ts';
import { fmt, SECONDS, type Server, startBillingStub, startServer } from './harness.ts';

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';
/** How often a client polls its job (the latency's resolution). */
const POLL_MS = 20;
const DOCS_PER_JOB = 10;

interface JobsResult {
  jobs: number;
  seconds: number;
  p50: number;
  p99: number;
  refused: number;
}

interface Client {
  readonly agent: Agent;
  readonly url: string;
}

function send(
  c: Client,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; json: { status?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${c.url}${path}`,
      { method, agent: c.agent, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (s: string) => (text += s));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : {} }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function jobBody(seed: number): string {
  const documents = Array.from({ length: DOCS_PER_JOB }, (_, i) => ({
    id: String(i),
    language: 'en',
    text: makeDocument(seed + i),
  }));
  return JSON.stringify({
    analysisInput: { documents },
    tasks: [{ kind: 'EntityRecognition', parameters: {} }],
  });
}

/** `clients` loops of submit, poll until done, for `seconds`. */
async function measure(server: Server, clients: number, seconds: number): Promise<JobsResult> {
  const tls = {
    ca: readFileSync(server.tls.ca),
    cert: readFileSync(server.tls.cert),
    key: readFileSync(server.tls.key),
  };
  const c: Client = {
    agent: new Agent({ ...tls, keepAlive: true, maxSockets: clients * 2 }),
    url: server.url,
  };
  const latencies: number[] = [];
  let refused = 0;
  const start = Date.now();
  const deadline = start + seconds * 1000;
  const loop = async (worker: number): Promise<void> => {
    for (let n = 0; Date.now() < deadline; n++) {
      const submitted = Date.now();
      const res = await send(c, 'POST', JOBS, jobBody(worker * 1000 + n));
      if (res.status !== 202) {
        refused++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const url = new URL(String(res.headers['operation-location']));
      for (;;) {
        const poll = await send(c, 'GET', `${url.pathname}${url.search}`);
        if (poll.json.status === 'succeeded') break;
        if (poll.status !== 200 || poll.json.status === 'failed')
          throw new Error(`job ended ${poll.status} ${poll.json.status}`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      latencies.push(Date.now() - submitted);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, w) => loop(w)));
  const elapsed = (Date.now() - start) / 1000;
  c.agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { jobs: latencies.length, seconds: elapsed, p50: at(0.5), p99: at(0.99), refused };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** redis-server as compose runs it (append-only file, fsync every second), on a loopback port. */
async function startRedis(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

export async function jobsSection(): Promise<string> {
  const stub = await startBillingStub();
  const billing = stub.args;
  const dirs = ['memory', 'redis', 'redis-data'].map((name) =>
    mkdtempSync(join(tmpdir(), `nergw-bench-jobs-${name}-`)),
  );
  const redis = await startRedis(dirs[2]!);
  const servers: Server[] = [];
  const rows: { clients: number; memory: JobsResult; redis: JobsResult }[] = [];
  try {
    const memory = await startServer(dirs[0]!, [...billing, 'Jobs:Store=memory']);
    servers.push(memory);
    const onRedis = await startServer(dirs[1]!, [
      ...billing,
      'Jobs:Store=redis',
      `Jobs:RedisUrl=${redis.url}`,
    ]);
    servers.push(onRedis);
    for (const s of servers) await measure(s, 8, 2); // warm-up
    for (const clients of [1, 8, 32]) {
      console.error(`jobs memory vs redis: ${clients} client(s) ...`);
      // memory, redis, redis, memory: a machine that speeds up or slows down favours neither.
      const m1 = await measure(memory, clients, SECONDS);
      const r1 = await measure(onRedis, clients, SECONDS);
      const r2 = await measure(onRedis, clients, SECONDS);
      const m2 = await measure(memory, clients, SECONDS);
      rows.push({ clients, memory: merge(m1, m2), redis: merge(r1, r2) });
    }
  } finally {
    for (const s of servers) s.stop();
    redis.stop();
    stub.close();
    await new Promise((r) => setTimeout(r, 1000));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const docsPerSecond = (r: JobsResult): string => fmt((r.jobs * DOCS_PER_JOB) / r.seconds, 0);
  const table = rows
    .map(
      (r) =>
        `| ${r.clients} | ${docsPerSecond(r.memory)} | ${docsPerSecond(r.redis)} | ${fmt(r.memory.p50)} / ${fmt(r.memory.p99)} | ${fmt(r.redis.p50)} / ${fmt(r.redis.p99)} | ${r.memory.refused + r.redis.refused} |`,
    )
    .join('\n');
  return `## Async jobs: \`jobs.store\` memory vs redis (issue 19)

One server per store, started alike (default settings, metering into an in-process billing stub); the Redis one with its own \`redis-server\` (append-only file, fsync every second, as in docker-compose.yml) on the same machine. Each client submits a job of ${DOCS_PER_JOB} documents (one \`EntityRecognition\` task), polls it every ${POLL_MS} ms until it has succeeded, then submits the next; ${SECONDS} s per run, memory, redis, redis, memory, runs of a store combined. Latency: submit to the poll that saw \`succeeded\` (so up to ${POLL_MS} ms above the job's own time). Load average at the end: ${loadavg()
    .map((l) => fmt(l, 1))
    .join(', ')}.

| clients | memory docs/s | redis docs/s | memory p50 / p99 ms | redis p50 / p99 ms | refused |
| ------- | ------------- | ------------ | ------------------- | ------------------ | ------- |
${table}

Command: \`npm run build && BENCH_SECONDS=${SECONDS} npx tsx bench/jobs.ts\` (this section alone), or \`BENCH_ONLY=jobs npm run bench\`.

- With Redis a job costs more than in memory: the submit runs the admission script and BullMQ's add, the worker a fetch, a start, one commit per task (result and usage together) and the end, each a round trip to Redis; every poll reads the job's hash and parses its results (the memory store hands over its object).
- With many clients the Redis replica runs \`jobs.concurrency\` (8) jobs at once and the others wait in the queue, which shows in the p99; memory runs them all at once. Raise \`jobs.concurrency\`, or add replicas: with Redis every replica's pool takes jobs from the one queue, which the memory store cannot do.
`;
}

function merge(a: JobsResult, b: JobsResult): JobsResult {
  return {
    jobs: a.jobs + b.jobs,
    seconds: a.seconds + b.seconds,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    refused: a.refused + b.refused,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await jobsSection());
