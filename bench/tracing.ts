/**
 * Issue 18: what OpenTelemetry tracing costs. NER, one document per request, 16 connections over
 * HTTPS + mTLS: a server with tracing off (no OTEL_* variable: no SDK loaded) against the same
 * server exporting every request's spans (default sampler) with OTLP/HTTP protobuf (the default),
 * the same with OTLP/HTTP JSON, and one sampling 10% of the traces, all to a receiver in this
 * process, side by side, in alternating runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PROJECT_ROOT } from '../src/version.ts';
import { OtlpReceiver } from '../test/helpers/otlp-receiver.ts';
import {
  alternating,
  combine,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  non200,
  processCpuMs,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';

const CONNECTIONS = 16;

/** This process's environment without any OTEL_* variable. */
function withoutOtel(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^OTEL_/i.test(k)));
}

/** One server measured: how its row is named, and the environment (and build) it runs with. */
interface Variant {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  /** A built checkout to run instead of this one (the "before" row). */
  readonly root?: string;
}

/**
 * `BENCH_TRACING_BEFORE=<dir>`: a built checkout of an earlier revision (`tsc -p tsconfig.build.json`
 * there, this node_modules linked) measured with tracing on in the same alternation, so a change's
 * before and after share the machine's state.
 */
const BEFORE = process.env.BENCH_TRACING_BEFORE?.trim();

/**
 * `BENCH_TRACING_PROCESSES=<n>` (default 1): how many times every variant's server is started afresh and
 * measured in the alternation; a row pools its processes' runs. One process per row carries about ±10
 * points on its own (a process's JIT and memory layout settle differently), more than tracing's cost.
 */
const PROCESSES = Math.max(1, Number(process.env.BENCH_TRACING_PROCESSES ?? 1) || 1);

/** CPU microseconds per request with the tracing hooks off and on (bench/tracing-hooks.ts). */
interface HooksCost {
  readonly offUs: number;
  readonly onUs: number;
}

/** One in-process measurement: a checkout, its sampling ratio, and the work done between requests. */
interface HooksVariant {
  readonly name: string;
  readonly checkout: string;
  readonly ratio?: string;
  readonly evictMiB?: number;
  readonly garbageKiB?: number;
}

/**
 * A server request's own work, between two stand-in requests (bench/tracing-hooks.ts `--evict`,
 * `--garbage`): it touches megabytes (TLS, JSON, the entity pipeline), so the tracing code and objects
 * are out of the CPU caches each time, and it allocates ~60 KiB (the NER server's rate, from
 * --trace-gc-nvp), so young-generation GCs come as often per request as in the server.
 */
const EVICT_MIB = 16;
const GARBAGE_KIB = 60;

/** bench/tracing-hooks.ts for `v`, in its own process (each SDK registers itself globally). */
function hooksRun(v: HooksVariant, endpoint: string): Promise<HooksCost> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(PROJECT_ROOT, 'bench/tracing-hooks.ts'),
        v.checkout,
        endpoint,
        ...(v.ratio ? [v.ratio] : []),
        ...(v.evictMiB ? [`--evict=${v.evictMiB}`] : []),
        ...(v.garbageKiB ? [`--garbage=${v.garbageKiB}`] : []),
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as HooksCost) : reject(new Error(`tracing-hooks exited ${code}`)),
    );
  });
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * The paired in-process measurement: this checkout with every request traced and 10% sampled (and the
 * `BENCH_TRACING_BEFORE` checkout), three runs each in alternating order; the medians of the tracing's
 * CPU per request, and of the hooks-off CPU it is added to.
 */
async function hooksTable(cpuOffMs: number | undefined): Promise<string> {
  const receiver = await OtlpReceiver.start({ keep: false });
  const variants: HooksVariant[] = [
    { name: 'every request traced', checkout: PROJECT_ROOT },
    { name: '10% sampled', checkout: PROJECT_ROOT, ratio: '0.1' },
    {
      name: `every request traced, with a server request's own work`,
      checkout: PROJECT_ROOT,
      evictMiB: EVICT_MIB,
      garbageKiB: GARBAGE_KIB,
    },
    ...(BEFORE
      ? [
          { name: `every request traced, before (\`${basename(BEFORE)}\`)`, checkout: BEFORE },
          { name: `10% sampled, before (\`${basename(BEFORE)}\`)`, checkout: BEFORE, ratio: '0.1' },
        ]
      : []),
  ];
  const runs = variants.map((): HooksCost[] => []);
  try {
    for (let round = 0; round < 3; round++) {
      const order = variants.map((_, i) => i);
      for (const i of round % 2 ? order.reverse() : order) {
        const v = variants[i]!;
        runs[i]!.push(await hooksRun(v, receiver.endpoint));
      }
    }
  } finally {
    await receiver.close();
  }
  const rows = variants.map((v, i) => {
    const added = median(runs[i]!.map((r) => r.onUs - r.offUs));
    const share = cpuOffMs === undefined ? 'n/a' : `${fmt((100 * added) / (cpuOffMs * 1000), 1)}%`;
    return `| ${v.name} | ${fmt(median(runs[i]!.map((r) => r.offUs)), 1)} | ${fmt(added, 1)} | ${share} |`;
  });
  return `| in process | hooks off, µs CPU/request | tracing adds, µs CPU/request | of the server's CPU/request, tracing off (above) |
|---|---:|---:|---:|
${rows.join('\n')}`;
}

/**
 * One server process per variant, started afresh, measured in the alternation; adds each one's CPU
 * (ms, from /proc) to `cpuMs`. A stopping server exports the spans it still holds: resolves once the
 * servers have exited.
 */
async function measureGeneration(variants: readonly Variant[], cpuMs: number[]): Promise<LoadResult[]> {
  const dirs = variants.map(() => mkdtempSync(join(tmpdir(), 'nergw-bench-')));
  const servers: Server[] = [];
  try {
    for (const [i, v] of variants.entries()) servers.push(await startServer(dirs[i]!, [], v.env, v.root));
    const load = (server: Server, seconds: number): Promise<LoadResult> =>
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
    return await alternating(servers, 3, async (server) => {
      const before = processCpuMs(server.child.pid);
      const result = await load(server, SECONDS / 2);
      const after = processCpuMs(server.child.pid);
      if (before !== undefined && after !== undefined) cpuMs[servers.indexOf(server)]! += after - before;
      return result;
    });
  } finally {
    for (const server of servers) server.stop();
    for (const { child } of servers)
      if (child.exitCode === null && child.signalCode === null)
        await new Promise((resolve) => child.once('exit', resolve));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export async function tracingSection(): Promise<string> {
  const receiver = await OtlpReceiver.start();
  const traced = { ...withoutOtel(), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
  const sampled = {
    ...traced,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  };
  const variants: Variant[] = [
    { name: 'off', env: withoutOtel() },
    { name: 'on (every request)', env: traced },
    { name: 'on, JSON encoding', env: { ...traced, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } },
    { name: 'on, 10% sampled', env: sampled },
    ...(BEFORE
      ? [
          { name: `on, before (\`${basename(BEFORE)}\`)`, env: traced, root: BEFORE },
          { name: `on, 10% sampled, before (\`${basename(BEFORE)}\`)`, env: sampled, root: BEFORE },
        ]
      : []),
  ];
  const results: (LoadResult | undefined)[] = variants.map(() => undefined);
  const cpuMs: number[] = variants.map(() => 0);
  /** Each process generation's throughput loss of the every-request row. */
  const generationLoss: number[] = [];
  for (let generation = 0; generation < PROCESSES; generation++) {
    const measured = await measureGeneration(variants, cpuMs);
    measured.forEach((r, i) => (results[i] = results[i] ? combine(results[i], r) : r));
    generationLoss.push((100 * (rps(measured[0]!) - rps(measured[1]!))) / Math.max(rps(measured[0]!), 1e-9));
  }
  const spans = receiver.spans().length;
  const encodings = [...receiver.contentTypes].join(', ');
  await receiver.close();
  const offResult = results[0]!;
  const loss = (r: LoadResult): number =>
    (100 * (rps(offResult) - rps(r))) / Math.max(rps(offResult), Number.EPSILON);
  /** Server CPU ms per request. */
  const perRequest = (i: number): number | undefined => {
    const ms = cpuMs[i]!;
    return ms === 0 || results[i]!.requests === 0 ? undefined : ms / results[i]!.requests;
  };
  const cpuOff = perRequest(0);
  const cpuCell = (i: number): string => {
    const ms = perRequest(i);
    if (ms === undefined || cpuOff === undefined) return 'n/a | n/a';
    return `${fmt(ms, 2)} | ${i === 0 ? '-' : `${fmt((100 * (ms - cpuOff)) / cpuOff, 1)}%`}`;
  };
  const cpuLoss = (i: number): string => {
    const ms = perRequest(i);
    return ms === undefined || cpuOff === undefined ? 'n/a' : `${fmt((100 * (ms - cpuOff)) / ms, 1)}%`;
  };
  const rows = variants.map((v, i) => {
    const r = results[i]!;
    return `| ${v.name} | ${fmt(rps(r))} | ${i === 0 ? '-' : `${fmt(loss(r), 1)}%`} | ${cpuCell(i)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${non200(r)} |`;
  });
  console.error('tracing hooks in process, paired ...');
  const hooks = await hooksTable(cpuOff);
  const cpus = availableParallelism();
  const load = loadavg()[0]!;
  return `## Tracing overhead (issue 18)

Run: \`${BEFORE ? 'BENCH_TRACING_BEFORE=<built checkout> ' : ''}${PROCESSES > 1 ? `BENCH_TRACING_PROCESSES=${PROCESSES} ` : ''}BENCH_ONLY=tracing BENCH_SECONDS=${SECONDS} npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus} cores, load average ${fmt(load, 1)} at the end
(compare rows within this section: the shared VM's speed varies from run to run and section to section).

NER, one document per request, ${CONNECTIONS} connections. "Off": no OTEL_* variable (the OpenTelemetry SDK is
not loaded; every hook is one boolean test). "On": \`OTEL_EXPORTER_OTLP_ENDPOINT\` set, default sampler
(parent-based, always on: every request is recorded), spans batched (up to 512, sent at the latest 200 ms after
the first; the SDK's default, before, 5 s) and exported with OTLP/HTTP protobuf (the default) to a receiver on 127.0.0.1 in the benchmark process; "on, JSON encoding": the same with
\`OTEL_EXPORTER_OTLP_PROTOCOL=http/json\`; "on, 10% sampled": protobuf,
\`OTEL_TRACES_SAMPLER=parentbased_traceidratio\`, \`OTEL_TRACES_SAMPLER_ARG=0.1\`${BEFORE ? '; "before": the build in `BENCH_TRACING_BEFORE`, every request traced or 10% sampled' : ''} (${fmt(spans)} spans received in
all, as ${encodings}). The ${variants.length} servers run side by side, measured in alternating runs of ${fmt(SECONDS / 2, 1)} s (three
rounds of each in order, then in reverse)${PROCESSES > 1 ? `; all of that ${PROCESSES} times, each time with every server started afresh, a row pooling its ${PROCESSES} processes` : ''}.

| tracing | req/s | loss | server CPU ms/request | CPU increase | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

- Throughput loss with tracing on, every request traced: **${fmt(loss(results[1]!), 1)}%** measured (target ≤ 10%)${PROCESSES > 1 ? `; by process generation ${generationLoss.map((l) => `${fmt(l, 1)}%`).join(', ')}` : ''};
  from the server's CPU per request, the rate a CPU-bound server loses: **${cpuLoss(1)}**.
- Server CPU is user + system time of the whole process (its inference worker included) from /proc, over
  the measured runs. On a busy machine req/s moves with the other load (compare the traced rows); CPU per
  request does much less.

What a request's tracing costs, measured in one process where both halves share the machine's state
(bench/tracing-hooks.ts: the gateway's tracing hooks built before the SDK starts, then after, driven alike by
stand-in requests: the request span with two front-door checks and the pool's work for batches of 4 out of 16
in flight, recorded as each checkout's server does by default, exported to a receiver in the benchmark process; alternating blocks of 400
requests, median of three runs each; "with a server request's own work": after each stand-in request, in both
halves, one cache line in eight of a ${EVICT_MIB} MiB buffer is touched and ~${GARBAGE_KIB} KiB of short-lived objects
allocated, as a server request's own work evicts the CPU caches and brings young-generation GCs; its "hooks
off" column includes that work):

${hooks}
`;
}
