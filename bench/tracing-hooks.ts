/**
 * `node --import tsx bench/tracing-hooks.ts <checkout> <endpoint> [<sampling ratio>] [--evict=<MiB>]
 * [--garbage=<KiB>] [--spans]`: the
 * CPU a request's tracing costs in process, paired: the gateway's tracing hooks of `<checkout>` (its
 * src/observability/tracing) built before the SDK starts (off: no-ops) and after (on, exporting to the
 * OTLP `<endpoint>`), driven alike by requests that stand in for the HTTP ones (the request span, two
 * front-door checks, the pool's queue and batch for batches of 4 out of 16 in flight) and measured in
 * alternating blocks in one process, so both halves share the machine's state: on a busy shared
 * machine this resolves a few microseconds where end-to-end runs cannot. `--evict=<MiB>`: after each
 * stand-in request, touch one cache line in eight of a buffer that size, as a real request's own work
 * (TLS, JSON, the entity pipeline) evicts the CPU caches between two of its spans; without it the
 * tracing code and its objects stay hot in cache, which a server never sees. `--garbage=<KiB>`: after
 * each stand-in request, allocate about that much short-lived garbage (the server allocates ~60 KiB per
 * NER request, measured with --trace-gc-nvp), so young-generation GCs come as often per request as in
 * the server and find the spans the batch processor holds. The front-door checks and the pool's work are
 * recorded as `<checkout>`'s server does by default (its `tracing.frontDoorChecks` and
 * `tracing.inference`); `--spans`: as child spans. Prints `{ offUs, onUs }`: CPU microseconds per request.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Context } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type * as TracingModule from '../src/observability/tracing/index.ts';

type Tracing = typeof TracingModule;
type Listener = (batch: unknown) => void;
/** What the hooks read of a request or response, on an emitter. */
type Fake = EventEmitter & { [key: string]: unknown };

const args = process.argv.slice(2);
const [checkout, endpoint, ratio] = args.filter((a) => !a.startsWith('--'));
const option = (name: string): number =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? 0);
const evictMiB = option('evict');
const garbageKiB = option('garbage');
if (!checkout || !endpoint || !(evictMiB >= 0) || !(garbageKiB >= 0))
  throw new Error(
    'usage: tracing-hooks.ts <checkout> <endpoint> [<ratio>] [--evict=<MiB>] [--garbage=<KiB>] [--spans]',
  );
const tracing = (await import(join(checkout, 'src/observability/tracing/index.ts'))) as Tracing;
const { TracingSchema } = (await import(join(checkout, 'src/config/schema.ts'))) as {
  TracingSchema: { parse(value: object): { frontDoorChecks: string; inference: string } };
};
const defaults = TracingSchema.parse({});

const ROUNDS = 40;
const GROUPS = 25;
const IN_FLIGHT = 16;
const PER_BATCH = 4;

interface Hooks {
  readonly chain: RequestHandler[];
  readonly listeners: Listener[];
}

/** The hooks as the app wires them (tracing off: none of them does anything). */
function hooks(): Hooks {
  const config = {
    tracing: {
      traceparentFrom: 'trustProxy',
      frontDoorChecks: args.includes('--spans') ? 'spans' : defaults.frontDoorChecks,
      inference: args.includes('--spans') ? 'spans' : defaults.inference,
    },
    server: { trustProxy: [] },
  };
  const pass: RequestHandler = (_req, _res, next) => next();
  const listeners: Listener[] = [];
  tracing.tracePool(
    {
      on: (_name: string, listener: Listener) => {
        listeners.push(listener);
        return () => {};
      },
    } as Parameters<Tracing['tracePool']>[0],
    config.tracing.inference as Parameters<Tracing['tracePool']>[1],
  );
  return {
    chain: [
      ...tracing.requestTracing(config as unknown as Parameters<Tracing['requestTracing']>[0]),
      tracing.traceStep('authenticate', pass),
      tracing.traceStep('rate limit', pass),
    ],
    listeners,
  };
}

let batchId = 0;

/** What `--evict` walks: 2^18 32-bit words per MiB. */
const evictable = new Int32Array(evictMiB * 262_144);
/** One word per 8 cache lines of 64 bytes. */
const EVICT_STRIDE = 128;

/** `--garbage` as objects of two fields (40 bytes each on 64-bit V8). */
const garbageObjects = Math.round((garbageKiB * 1024) / 40);
/** The latest request's garbage, held until the next (so the allocations cannot be optimised away). */
const garbage: unknown[] = [];

/**
 * Touches one cache line in eight of `evictable` and allocates `garbageObjects` that die by the next
 * request (neither without `--evict` and `--garbage`).
 */
function requestsOwnWork(): void {
  for (let i = 0; i < evictable.length; i += EVICT_STRIDE) evictable[i]!++;
  let list: { next: unknown; i: number } | undefined;
  for (let i = 0; i < garbageObjects; i++) list = { next: list, i };
  garbage[0] = list;
}

/** 16 requests through the front door, analysed in batches of 4, then answered. */
async function group(h: Hooks): Promise<void> {
  const inFlight: {
    req: EventEmitter & Record<string, unknown>;
    res: EventEmitter & Record<string, unknown>;
  }[] = [];
  for (let k = 0; k < IN_FLIGHT; k++) {
    const req: Fake = Object.assign(new EventEmitter() as Fake, {
      method: 'POST',
      headers: { host: 'localhost', 'content-type': 'application/json' },
      socket: { remoteAddress: '127.0.0.1' },
    });
    const res: Fake = Object.assign(new EventEmitter() as Fake, {
      statusCode: 200,
      locals: { principal: { id: 'bench' } },
      writableFinished: false,
    });
    let i = 0;
    const next = (): void => void h.chain[i++]?.(req as never, res as never, next);
    next();
    requestsOwnWork();
    Object.assign(req, { route: { path: '/language/\\:analyze-text' } });
    inFlight.push({ req, res });
  }
  const now = performance.now();
  for (let b = 0; b < IN_FLIGHT / PER_BATCH; b++) {
    const requests = inFlight.slice(b * PER_BATCH, (b + 1) * PER_BATCH).map(({ req }) => ({
      request: { correlation: tracing.traceContextOf(req as never) as Context | undefined },
      queuedAt: now - 2,
      attempt: 1,
    }));
    const batch = { id: ++batchId, model: 'default', documents: PER_BATCH, worker: 0, requests };
    for (const listener of h.listeners)
      listener({ ...batch, startedAt: now - 1, endedAt: now, seconds: 0.001, outcome: 'ok' });
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
  for (const { res } of inFlight) {
    res.writableFinished = true;
    res.emit('finish');
    res.emit('close');
  }
}

const off = hooks();
const quiet = { info() {}, warn() {}, error() {}, debug() {}, child: () => quiet };
const env: NodeJS.ProcessEnv = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
if (ratio)
  Object.assign(env, { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: ratio });
Object.assign(process.env, env);
const started = await tracing.startTracing(process.env, quiet as never);
const on = hooks();

for (let w = 0; w < 100; w++) {
  await group(off);
  await group(on);
}
const cpu = { off: 0, on: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const order: ['off' | 'on', Hooks][] = [
    ['off', off],
    ['on', on],
  ];
  for (const [name, h] of round % 2 ? order.reverse() : order) {
    const before = process.cpuUsage();
    for (let g = 0; g < GROUPS; g++) await group(h);
    const used = process.cpuUsage(before);
    cpu[name] += used.user + used.system;
  }
}
await started.shutdown();
const requests = ROUNDS * GROUPS * IN_FLIGHT;
console.log(JSON.stringify({ offUs: cpu.off / requests, onUs: cpu.on / requests }));
