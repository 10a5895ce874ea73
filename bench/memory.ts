/**
 * Issue 6 (deployment sizing): the server's resident memory, idle, at its peak under the largest
 * requests the API admits, and with a full job store, with the inference workers the Kubernetes
 * StatefulSet runs. The peak is the kernel's high-water mark (VmHWM) of the whole process, worker
 * threads and ONNX arenas included; deploy/k8s/statefulset.yaml's memory request and limit are sized
 * from it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { JobsSchema, LimitsSchema } from '../src/config/schema.ts';
import { SENTENCES } from './documents.ts';
import {
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodyOf,
  non200,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';

/** As deploy/k8s/configmap.yaml sets `inference.workers`. */
const WORKERS = 2;
const CONNECTIONS = 64;
/** Azure's sync limits: 5 documents of 5,120 text elements. */
const MAX_DOCS = 5;
const MAX_CHARS = 5_120;

/** The kernel's view of a process's memory: current and peak resident set, in MiB. */
function residentMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** `chars` characters of news-style English, starting at sentence `seed`. */
function text(seed: number, chars: number): string {
  let out = '';
  for (let i = seed; out.length < chars; i++) out += `${SENTENCES[i % SENTENCES.length]} `;
  return out.slice(0, chars).trimEnd();
}

/** `docs` documents of `chars` characters each (different per body). */
function bodies(docs: number, chars: number): string[] {
  // Four bodies: the load spec travels as one command-line argument (at most 128 KiB).
  return Array.from({ length: 4 }, (_, b) =>
    nerBodyOf(Array.from({ length: docs }, (_, i) => text(b + i, chars))),
  );
}

const JOBS = JobsSchema.parse({});
const LIMITS = LimitsSchema.parse({});
/** The largest job the API admits: documents × characters up to `limits.jobCharacters`, all tasks. */
const JOB_DOCS = LIMITS.jobDocuments;
const JOB_CHARS = Math.floor(LIMITS.jobCharacters / JOB_DOCS);
const JOB_TASKS = LIMITS.jobTasks;
/** How many of them `jobs.maxStoredCharacters` holds at once. */
const STORE_JOBS = Math.floor(JOBS.maxStoredCharacters / (JOB_DOCS * JOB_CHARS * JOB_TASKS));
const JOBS_PATH = '/language/analyze-text/jobs?api-version=2023-04-01';

/** Fills the job store with the largest jobs it holds and waits until all have finished. */
async function fillJobStore(server: Server): Promise<void> {
  const pool = new Pool(server.url, {
    connect: {
      ca: readFileSync(server.tls.ca),
      cert: readFileSync(server.tls.cert),
      key: readFileSync(server.tls.key),
    },
  });
  const request = async (
    path: string,
    body?: string,
  ): Promise<{ status: number; headers: Record<string, unknown>; json: () => Promise<unknown> }> => {
    const res = await pool.request({
      path,
      method: body ? 'POST' : 'GET',
      ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: res.statusCode, headers: res.headers, json: () => res.body.json() };
  };
  try {
    // One at a time: a principal's unfinished jobs may hold at most half of `jobs.maxStoredCharacters`,
    // so the store fills with finished jobs.
    for (let j = 0; j < STORE_JOBS; j++) {
      const documents = Array.from({ length: JOB_DOCS }, (_, i) => ({
        id: String(i + 1),
        language: 'en',
        text: text(j * JOB_DOCS + i, JOB_CHARS),
      }));
      const tasks = Array.from({ length: JOB_TASKS }, (_, i) => ({
        kind: 'EntityRecognition',
        taskName: `t${i}`,
      }));
      const res = await request(JOBS_PATH, JSON.stringify({ analysisInput: { documents }, tasks }));
      await res.json().catch(() => undefined);
      if (res.status !== 202) throw new Error(`job ${j + 1} of ${STORE_JOBS} was refused: ${res.status}`);
      const location = new URL(String(res.headers['operation-location']));
      for (;;) {
        const poll = await request(location.pathname + location.search);
        const { status } = (await poll.json()) as { status: string };
        if (status === 'succeeded') break;
        if (status !== 'running' && status !== 'notStarted') throw new Error(`a job ended ${status}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await pool.close();
  }
}

interface Row {
  readonly scenario: string;
  readonly result?: LoadResult;
  readonly after: { rss: number; peak: number };
}

export async function memorySection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-memory-'));
  const server = await startServer(dir, [`Inference:Workers=${WORKERS}`]);
  const pid = server.child.pid!;
  const rows: Row[] = [];
  let idle: { rss: number; peak: number };
  try {
    await new Promise((r) => setTimeout(r, 2_000));
    idle = residentMiB(pid);
    const load = { url: server.url, ...server.tls, path: NER_PATH, method: 'POST' as const };
    const scenarios = [
      { scenario: 'NER 5 docs/request (~220 characters each)', bodies: bodies(5, 220) },
      {
        scenario: `largest sync requests: ${MAX_DOCS} docs × ${fmt(MAX_CHARS)} characters`,
        bodies: bodies(MAX_DOCS, MAX_CHARS),
      },
    ];
    for (const s of scenarios) {
      console.error(`memory: ${s.scenario} @ ${CONNECTIONS} connections ...`);
      const result = await runLoad({
        ...load,
        bodies: s.bodies,
        connections: CONNECTIONS,
        seconds: SECONDS * 2,
      });
      rows.push({ scenario: s.scenario, result, after: residentMiB(pid) });
    }
    console.error(`memory: job store full (${STORE_JOBS} largest jobs) ...`);
    await fillJobStore(server);
    rows.push({
      scenario: `then the job store full: ${STORE_JOBS} finished jobs of ${JOB_DOCS} docs × ${fmt(JOB_CHARS)} characters × ${JOB_TASKS} tasks (\`jobs.maxStoredCharacters\` ${fmt(JOBS.maxStoredCharacters)})`,
      after: residentMiB(pid),
    });
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const peak = Math.max(...rows.map((r) => r.after.peak));
  return `## Memory (deployment sizing, issue 6)

One server with \`inference.workers=${WORKERS}\` (as deploy/k8s/configmap.yaml), ${CONNECTIONS} connections, ${SECONDS * 2} s per row, one row after the other; resident memory of the whole process (worker threads and ONNX arenas included) from /proc: VmRSS now, VmHWM the peak so far.

| Load | req/s | non-200 | RSS after, MiB | peak so far, MiB |
|---|---:|---:|---:|---:|
| idle, after start | - | - | ${fmt(idle.rss)} | ${fmt(idle.peak)} |
${rows.map((r) => `| ${r.scenario} | ${r.result ? fmt(rps(r.result)) : '-'} | ${r.result ? non200(r.result) : '-'} | ${fmt(r.after.rss)} | ${fmt(r.after.peak)} |`).join('\n')}

- Peak resident memory: **${fmt(peak)} MiB**. deploy/k8s/statefulset.yaml sizes its memory request and limit from it (request ≥ peak, limit ~40% above it; test/deploy.test.ts checks the request against this number).
`;
}
