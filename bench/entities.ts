/**
 * Issue 15: what the entity taxonomy costs. End to end (HTTPS + mTLS, api-version 2025-11-01 with
 * metadata) at 1 and 5 documents per request and 16 and 64 connections, the whole taxonomy against
 * the model alone (`Entities:Recognizers=` empty), in alternating runs of the same session; then the
 * pipeline's own time per document as documents grow to 5,120 characters, beside the model's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitiesSchema } from '../src/config/schema.ts';
import { createPipeline } from '../src/entities/pipeline.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import { RICH_SENTENCES } from './documents.ts';
import {
  alternating,
  combine,
  fmt,
  type LoadResult,
  MODEL,
  RICH_NER_PATH,
  richNerBodies,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
  threadCpuMs,
} from './harness.ts';

const LISTS = join(PROJECT_ROOT, 'models/entities');
/** Warm-up of each server at each request size. */
const WARM_UP_SECONDS = 5;
/** Rounds per row: taxonomy, model alone, model alone, taxonomy. */
const ROUNDS = 3;

/** Throughput loss of the taxonomy against the model alone, in %. */
function lossOf(taxonomy: LoadResult, modelOnly: LoadResult): number {
  return (100 * (rps(modelOnly) - rps(taxonomy))) / Math.max(rps(modelOnly), Number.EPSILON);
}

/** The loss of each round on its own: the two runs of each server in it, combined. */
function roundLosses(taxonomy: readonly LoadResult[], modelOnly: readonly LoadResult[]): number[] {
  const losses: number[] = [];
  for (let r = 0; r + 1 < taxonomy.length && r + 1 < modelOnly.length; r += 2)
    losses.push(lossOf(combine(taxonomy[r]!, taxonomy[r + 1]!), combine(modelOnly[r]!, modelOnly[r + 1]!)));
  return losses;
}

/** A document of about `chars` characters of rich sentences. */
function documentOfLength(chars: number, seed = 0): string {
  let text = '';
  for (let i = seed; text.length < chars; i++)
    text += (text ? ' ' : '') + RICH_SENTENCES[i % RICH_SENTENCES.length];
  return text.slice(0, chars);
}

/**
 * Server CPU time over some runs: the inference worker (its busiest thread besides the main one), the
 * main thread, and all its threads (with the worker's rule recogniser thread and V8's helpers).
 */
interface CpuUse {
  workerMs: number;
  mainMs: number;
  allMs: number;
  documents: number;
}

interface Row {
  readonly docs: number;
  readonly connections: number;
  readonly taxonomy: LoadResult;
  readonly modelOnly: LoadResult;
  /** The throughput loss of each round on its own (its two runs of each server), in %. */
  readonly roundLosses: readonly number[];
  readonly taxonomyCpu: CpuUse;
  readonly modelOnlyCpu: CpuUse;
}

/** Runs `load` against `server` and adds the CPU its threads spent to `use`. */
async function measured(
  server: Server,
  use: CpuUse,
  docs: number,
  load: () => Promise<LoadResult>,
): Promise<LoadResult> {
  const pid = server.child.pid;
  const before = threadCpuMs(pid);
  const result = await load();
  let worker = 0;
  for (const [tid, ms] of threadCpuMs(pid)) {
    const spent = ms - (before.get(tid) ?? 0);
    use.allMs += spent;
    if (tid === pid) use.mainMs += spent;
    else worker = Math.max(worker, spent);
  }
  use.workerMs += worker;
  use.documents += result.requests * docs;
  return result;
}

/** Microseconds of CPU per document: worker / main thread / all threads. */
function cpuPerDocument(use: CpuUse): string {
  const us = (ms: number): string => fmt((ms * 1000) / Math.max(use.documents, 1));
  return `${us(use.workerMs)} / ${us(use.mainMs)} / ${us(use.allMs)}`;
}

async function endToEnd(): Promise<Row[]> {
  const dirs = [mkdtempSync(join(tmpdir(), 'nergw-bench-')), mkdtempSync(join(tmpdir(), 'nergw-bench-'))];
  const full = await startServer(dirs[0]!);
  const bare = await startServer(dirs[1]!, ['Entities:Recognizers=']);
  const rows: Row[] = [];
  try {
    // Warm-up at both request sizes: the taxonomy has far more code for V8 to optimise than the model
    // alone, and its compiler threads stay busy for ~10 s of load (measured: 160 µs of CPU per document
    // on them at 1×16 after 2 s of warm-up, 27 after 16 s); the rows measure the servers as they run.
    for (const server of [full, bare]) {
      const base = { url: server.url, path: RICH_NER_PATH, method: 'POST' as const, ...server.tls };
      for (const docs of [5, 1])
        await runLoad({ ...base, bodies: richNerBodies(docs), connections: 16, seconds: WARM_UP_SECONDS });
    }
    for (const docs of [1, 5]) {
      for (const connections of [16, 64]) {
        console.error(`taxonomy vs model alone: ${docs} doc(s)/request @ ${connections} connections ...`);
        const cpu = new Map<Server, CpuUse>([
          [full, { workerMs: 0, mainMs: 0, allMs: 0, documents: 0 }],
          [bare, { workerMs: 0, mainMs: 0, allMs: 0, documents: 0 }],
        ]);
        // Each server's runs in order: a round is two runs of each (taxonomy, model alone, model alone, taxonomy).
        const runs = new Map<Server, LoadResult[]>([
          [full, []],
          [bare, []],
        ]);
        const [taxonomy, modelOnly] = await alternating([full, bare], ROUNDS, async (server) => {
          const result = await measured(server, cpu.get(server)!, docs, () =>
            runLoad({
              url: server.url,
              path: RICH_NER_PATH,
              method: 'POST',
              ...server.tls,
              bodies: richNerBodies(docs),
              connections,
              seconds: SECONDS / 6,
            }),
          );
          runs.get(server)!.push(result);
          return result;
        });
        rows.push({
          docs,
          connections,
          taxonomy: taxonomy!,
          modelOnly: modelOnly!,
          roundLosses: roundLosses(runs.get(full)!, runs.get(bare)!),
          taxonomyCpu: cpu.get(full)!,
          modelOnlyCpu: cpu.get(bare)!,
        });
      }
    }
  } finally {
    full.stop();
    bare.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Mean microseconds per call of `fn` over at least `ms` milliseconds. */
async function timePerCall(fn: () => unknown | Promise<unknown>, ms = 1_000): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    calls++;
  }
  return ((performance.now() - start) * 1000) / calls;
}

interface LengthRow {
  readonly chars: number;
  readonly pipelineUs: number;
  readonly modelUs: number;
}

async function byLength(): Promise<LengthRow[]> {
  const pipeline = createPipeline(EntitiesSchema.parse({ lists: LISTS }));
  const pool = await InferencePool.start({ models: { default: MODEL }, workers: 1, intraOpThreads: 1 });
  const ctx = { now: new Date() };
  const rows: LengthRow[] = [];
  try {
    for (const chars of [128, 512, 1024, 2048, 5120]) {
      const text = documentOfLength(chars);
      const [spans] = await pool.analyze('default', [text]);
      const pipelineUs = await timePerCall(() => pipeline.run(text, spans!, ctx));
      const modelUs = await timePerCall(() => pool.analyze('default', [text]));
      rows.push({ chars, pipelineUs, modelUs });
    }
  } finally {
    await pool.close();
  }
  return rows;
}

export async function entitiesSection(): Promise<string> {
  const loadBefore = loadavg()[0]!;
  const rows = await endToEnd();
  const loadAfter = loadavg()[0]!;
  console.error('pipeline time by document length ...');
  const lengths = await byLength();
  const loss = (r: Row): number => lossOf(r.taxonomy, r.modelOnly);
  const spread = (r: Row): string =>
    `${fmt(Math.min(...r.roundLosses), 1)}–${fmt(Math.max(...r.roundLosses), 1)}%`;
  const worstLoss = Math.max(...rows.map(loss));
  const p99at16 = Math.max(...rows.filter((r) => r.connections === 16).map((r) => r.taxonomy.p99));
  const table = rows.map(
    (r) =>
      `| ${r.docs} | ${r.connections} | ${fmt(rps(r.taxonomy) * r.docs)} | ${fmt(rps(r.modelOnly) * r.docs)} | ${fmt(loss(r), 1)}% (${spread(r)}) | ${fmt(r.taxonomy.p99, 1)} | ${fmt(r.modelOnly.p99, 1)} | ${cpuPerDocument(r.taxonomyCpu)} | ${cpuPerDocument(r.modelOnlyCpu)} |`,
  );
  const lengthTable = lengths.map(
    (l) =>
      `| ${fmt(l.chars)} | ${fmt(l.pipelineUs, 1)} | ${fmt(l.modelUs, 1)} | ${fmt((100 * l.pipelineUs) / l.modelUs, 1)}% |`,
  );
  return `## Entity taxonomy (issue 15)

Requests at api-version 2025-11-01 (type, tags and metadata) with documents of two sentences full of dates,
amounts, roles, addresses, products and events (bench/documents.ts \`RICH_SENTENCES\`). "Model alone" is the
same server with \`Entities:Recognizers=\` (no rule recognisers; the model's spans still get their types);
the two servers run side by side and are measured in alternating runs (each row: ${ROUNDS} rounds of taxonomy, model alone, model alone, taxonomy),
after ${WARM_UP_SECONDS} s of warm-up each at 5 and at 1 document per request.
Run on ${new Date().toISOString().slice(0, 10)}, load average ${fmt(loadBefore, 1)} before and ${fmt(loadAfter, 1)} after the end-to-end rows (${cpus().length} cores).
Throughput loss: over the row's runs, and in brackets the least and the most of its rounds taken one at a time
(each round's two runs of each server): how far one round can be trusted here.
CPU µs/doc: the server's CPU time per document over the row's runs, inference worker / main thread / all its
threads (with the worker's rule recogniser thread and V8's helpers; from /proc, steadier than the rates when other
work shares the machine).

| docs/request | connections | docs/s, taxonomy | docs/s, model alone | throughput loss (its rounds) | p99 ms, taxonomy | p99 ms, model alone | CPU µs/doc, taxonomy | CPU µs/doc, model alone |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${table.join('\n')}

- Worst throughput loss: **${fmt(worstLoss, 1)}%** (target ≤ 30%).
- p99 at 16 connections with the whole taxonomy: **${fmt(p99at16, 1)} ms** (target < 50 ms).

Cost by document length, one thread, no HTTP: the entity pipeline (all recognisers, refinement) against
the model's inference for the same document (one worker, one document per call).

| characters | pipeline µs/doc | model µs/doc | pipeline / model |
|---:|---:|---:|---:|
${lengthTable.join('\n')}
`;
}
