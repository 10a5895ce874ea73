/**
 * Jobs on Redis (`jobs.store: redis`): three real gateway processes share one real redis-server,
 * one billing stub, one metering folder and one dev PKI. Jobs submitted to one replica are read,
 * paged and cancelled on the others; a replica SIGKILLed while jobs run leaves its jobs to the
 * others (stalled-job detection) and every job completes with the results the synchronous API
 * gives; the stub's accepted usage equals the records of the jobs' results exactly (no task billed
 * twice when it ran again, none unbilled).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { eventually, freePort, killAll } from './helpers/child-service.ts';
import { type Gateway, GATEWAY_KEY, gatewayDir, startGateway } from './helpers/gateway.ts';
import { jobsOnRedis, replicaDir } from './helpers/jobs-redis.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';
import { API, call, type HttpResult, nerBody } from './helpers/service.ts';

const PERIOD = 2; // seconds per billing period, gateways and stub alike
const VERSION = 'api-version=2023-04-01';
const JOBS = `/language/analyze-text/jobs?${VERSION}`;
const KEY = { 'Ocp-Apim-Subscription-Key': GATEWAY_KEY };
const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;

/** Documents of varied length, and names the tiny model finds. */
function documents(seed: number, count: number): { id: string; text: string }[] {
  return Array.from({ length: count }, (_, d) => ({
    id: `d${d}`,
    text: 'Satya Nadella visited Paris with Marie Curie. '
      .repeat(80)
      .slice(0, 300 + ((seed * 577 + d * 331) % 2700)),
  }));
}

function jobBody(docs: { id: string; text: string }[]): object {
  return {
    displayName: 'redis',
    analysisInput: { documents: docs },
    tasks: [
      { kind: 'EntityRecognition', taskName: 'a', parameters: { stringIndexType: 'Utf16CodeUnit' } },
      { kind: 'EntityRecognition', taskName: 'b', parameters: {} },
    ],
  };
}

/** The path (and query) of an absolute link. */
function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function submit(g: Gateway, body: object): Promise<string> {
  const res = await call(g, JOBS, { body, headers: KEY });
  assert.equal(res.status, 202, res.text);
  return pathOf(String(res.headers['operation-location']));
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls a job (round robin over `via`) until it ends; the last answer, with statistics. */
function finished(via: readonly Gateway[], path: string, timeoutMs = 120_000): Promise<HttpResult> {
  let n = 0;
  return eventually(
    `job ${path} to end`,
    async () => {
      const live = via.filter((g) => g.svc.alive);
      const res = await call(live[n++ % live.length]!, `${path}&showStats=true`, { headers: KEY });
      assert.equal(res.status, 200, res.text);
      return TERMINAL.has(res.json.status) ? res : undefined;
    },
    timeoutMs,
  );
}

/** Records a finished job's results cost (the statistics count them as billing does). */
function recordsOf(job: {
  tasks: { items: { results: { statistics?: { transactionsCount: number } } }[] };
}): number {
  return job.tasks.items.reduce((n, item) => n + (item.results.statistics?.transactionsCount ?? 0), 0);
}

/** The entities the synchronous API finds in `docs` (5 documents per request), and the records it billed. */
async function syncEntities(
  g: Gateway,
  docs: { id: string; text: string }[],
): Promise<{ entities: unknown[]; records: number }> {
  const entities: unknown[] = [];
  let records = 0;
  for (let i = 0; i < docs.length; i += 5) {
    const res = await call(g, `${API}&showStats=true`, { body: nerBody(docs.slice(i, i + 5)), headers: KEY });
    assert.equal(res.status, 200, res.text);
    for (const d of res.json.results.documents) entities.push(d.entities);
    records += res.json.results.statistics.transactionsCount;
  }
  return { entities, records };
}

async function metric(g: Gateway, state: string): Promise<number> {
  const res = await call(g, '/metrics');
  const m = new RegExp(`^nergw_metering_records\\{state="${state}"\\} (\\d+)`, 'm').exec(res.text);
  assert.ok(m, `nergw_metering_records{state="${state}"}`);
  return Number(m[1]);
}

describe('jobs on Redis: three replicas', { skip, timeout: 300_000 }, () => {
  let redis: RedisServer;
  let stub: BillingStubProcess;
  let shared: string;
  const replicas: Gateway[] = [];
  /** Records of every job's results (what the stub must accept in all). */
  let billed = 0;

  const start = (): Promise<Gateway> =>
    startGateway(
      [...jobsOnRedis(redis), ...stub.meteringArgs(PERIOD), `Metering:DataDir=${join(shared, 'metering')}`],
      replicaDir(shared),
    );

  before(async () => {
    shared = gatewayDir();
    [redis, stub] = await Promise.all([
      RedisServer.start(),
      freePort().then((port) => BillingStubProcess.start(port, ['--period-seconds', String(PERIOD)])),
    ]);
    replicas.push(await start()); // makes the shared PKI
    replicas.push(await start());
    replicas.push(await start());
  });

  after(async () => {
    await Promise.allSettled(replicas.map((g) => g.stop()));
    killAll();
    await Promise.allSettled([stub?.kill(), redis?.stop()]);
  });

  test('a job submitted to one replica is read, paged and cancelled on the others', async () => {
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const docs = documents(1, 7);
    const path = await submit(a, jobBody(docs));
    const done = await finished([b, c], path);
    assert.equal(done.json.status, 'succeeded', done.text);
    assert.equal(done.json.displayName, 'redis');
    billed += recordsOf(done.json);
    // The results are those of the synchronous API, for both tasks.
    const { entities: expected, records } = await syncEntities(c, docs);
    billed += records; // the synchronous requests are billed too
    for (const item of done.json.tasks.items) {
      assert.deepEqual(
        item.results.documents.map((d: { entities: unknown }) => d.entities),
        expected,
      );
    }

    // Paging on one replica, its nextLink followed on another.
    const first = await call(b, `${path}&top=3`, { headers: KEY });
    assert.equal(first.json.tasks.items[0].results.documents.length, 3);
    const next = await call(c, pathOf(first.json.nextLink), { headers: KEY });
    assert.deepEqual(
      next.json.tasks.items[0].results.documents.map((d: { id: string }) => d.id),
      ['d3', 'd4', 'd5'],
    );
    // Visible only to its principal (the client certificate's is another), on every replica.
    for (const g of replicas) assert.equal((await call(g, path)).status, 404);

    // A job cancelled through another replica before it ran: filled queues, the last one cancelled.
    const queued = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(a, jobBody(documents(i, 10)))),
    );
    const last = queued.at(-1)!;
    const cancel = await call(b, last.replace('?', ':cancel?'), { method: 'POST', headers: KEY });
    assert.equal(cancel.status, 202, cancel.text);
    const ends = await Promise.all(queued.map((p) => finished(replicas, p)));
    for (const end of ends) billed += recordsOf(end.json);
    assert.equal(ends.at(-1)!.json.status, 'cancelled', ends.at(-1)!.text);
    for (const end of ends.slice(0, -1)) assert.equal(end.json.status, 'succeeded');
  });

  test('a replica SIGKILLed mid-job: its jobs are taken over and complete, billed exactly once', async (t) => {
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const inputs = Array.from({ length: 24 }, (_, i) => documents(100 + i, 25));
    const paths = await Promise.all(inputs.map((docs, i) => submit(i % 2 === 0 ? a : b, jobBody(docs))));
    // Kill C while it runs a job (BullMQ records which worker, `<host>:<pid>`, took each job).
    const probe = new Redis(redis.url);
    const held = await eventually('replica C to run a job', async () => {
      for (const id of await probe.lrange('nergw:jobs:bull:analyze-text:active', 0, -1)) {
        const by = await probe.hget(`nergw:jobs:bull:analyze-text:${id}`, 'pb');
        if (by?.endsWith(`:${c.svc.proc.pid}`)) return id;
      }
      return undefined;
    });
    t.after(() => probe.disconnect());
    c.svc.proc.kill('SIGKILL');
    await c.svc.exit();
    t.diagnostic(`replica C killed while running job ${held}`);

    const ends = await Promise.all(paths.map((p) => finished([a, b], p)));
    for (const [i, end] of ends.entries()) {
      assert.equal(end.json.status, 'succeeded', end.text);
      const { entities: expected, records } = await syncEntities(a, inputs[i]!);
      billed += records;
      for (const item of end.json.tasks.items) {
        assert.equal(item.status, 'succeeded');
        assert.deepEqual(
          item.results.documents.map((d: { entities: unknown }) => d.entities),
          expected,
        );
      }
      billed += recordsOf(end.json);
    }
    const takenOver = [a, b].flatMap((g) =>
      g.svc.logs().filter((l) => l.msg === 'job taken over from a replica that stopped'),
    );
    t.diagnostic(`taken over from the killed replica: ${takenOver.map((l) => String(l.jobId)).join(', ')}`);
    assert.ok(takenOver.length >= 1, 'the killed replica had jobs in flight');

    // The killed replica comes back (its supervisor restarts it): it claims its ledger again, with
    // the usage it had committed and any the kill left owed to it in Redis.
    replicas[2] = await start();
    let state = '';
    const summary = await eventually(
      'every record to be delivered',
      async () => {
        const pending = await Promise.all(replicas.map((g) => metric(g, 'pending')));
        const s = await stub.summary();
        const owed = await Promise.all((await probe.keys('nergw:jobs:usage:*')).map((k) => probe.llen(k)));
        state = `pending ${pending.join('/')}, accepted ${s.accepted.quantity} of ${billed}, owed in Redis ${owed.join('/')}`;
        return pending.every((n) => n === 0) && s.accepted.quantity >= billed ? s : undefined;
      },
      90_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; ${state}; ledgers: ${replicas.map((g) => String(g.svc.logs().find((l) => l.msg === 'metering started')?.ledger)).join(', ')}`,
      );
    });
    t.diagnostic(`results cost ${billed} records; the stub accepted ${summary.accepted.quantity}`);
    assert.equal(summary.accepted.quantity, billed);
    // A period the killed replica had sent but not yet recorded is sent again by the next holder of
    // its ledger and answered Duplicate (already billed): counted once, as accepted shows.
    assert.equal(summary.expired + summary.rejected, 0);
  });
});
