/**
 * Several replicas: two real gateway processes (`src/main.ts`) sharing one real redis-server for
 * rate limits and one billing stub, each with its own metering ledger and (automatic) resourceId.
 * Load goes through both: the rate limit holds globally, the stub's accepted usage equals the
 * records of every successful request exactly, per replica, and a replica killed with SIGKILL
 * mid-run does not disturb the other's answers; restarted, it delivers under the same identity.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { claimLedger } from '../src/metering/ledger-slots.ts';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { killAll } from './helpers/child-service.ts';
import { type Gateway, gatewayDir, startGateway } from './helpers/gateway.ts';
import { eventually, freePort } from './helpers/child-service.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';
import { API, call, nerBody } from './helpers/service.ts';

const PERIOD = 2; // seconds per billing period, gateway and stub alike
const LIMIT = 20; // requests per window on the legacy route, shared by both replicas
const LEGACY = '/text/analytics/v3.1/entities/recognition/general';
const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;

let redis: RedisServer;
let stub: BillingStubProcess;
let a: Gateway;
let b: Gateway;

function args(): string[] {
  return [
    'RateLimits:Store=redis',
    `RateLimits:RedisUrl=${redis.url}`,
    `RateLimits:Routes=${JSON.stringify([
      { prefix: '/text', windowSeconds: 60, max: LIMIT },
      { prefix: '/language', windowSeconds: 60, max: 100_000 },
    ])}`,
    ...stub.meteringArgs(PERIOD),
  ];
}

/** Starts a gateway whose ledgers live under `<dir>/metering` (no resourceId configured). */
function start(dir: string): Promise<Gateway> {
  return startGateway([...args(), `Metering:DataDir=${join(dir, 'metering')}`], dir);
}

/** The resourceId a gateway reports under, from its `metering started` log line. */
function resourceIdOf(g: Gateway): string {
  const line = g.svc.logs().find((l) => l.msg === 'metering started');
  assert.ok(line, 'metering started');
  return String(line.resourceId);
}

async function meteringRecords(g: Gateway, state: string): Promise<number> {
  const res = await call(g, '/metrics');
  const m = new RegExp(`^nergw_metering_records\\{state="${state}"\\} (\\d+)`, 'm').exec(res.text);
  assert.ok(m, `nergw_metering_records{state="${state}"}`);
  return Number(m[1]);
}

/** Waits (bounded) until a gateway has delivered every period it metered. */
function delivered(g: Gateway): Promise<number> {
  return eventually(
    'every period to be delivered',
    async () => ((await meteringRecords(g, 'pending')) === 0 ? meteringRecords(g, 'delivered') : undefined),
    15_000,
  );
}

/** Documents of varied length (1 to 3 records each) and the records they cost. */
function documents(seed: number): { docs: { id: string; text: string }[]; records: number } {
  const lengths = Array.from({ length: 1 + (seed % 3) }, (_, d) => 200 + ((seed * 737 + d * 911) % 2800));
  const docs = lengths.map((n, d) => ({
    id: String(d),
    text: 'Satya Nadella visited Paris. '.repeat(100).slice(0, n),
  }));
  return { docs, records: lengths.reduce((s, n) => s + Math.ceil(n / 1000), 0) };
}

/** Records of successful requests per replica (what the stub must have accepted from each). */
const billed = new Map<Gateway, number>();
const addBilled = (g: Gateway, records: number): void => {
  billed.set(g, (billed.get(g) ?? 0) + records);
};

describe('two replicas sharing Redis and a billing endpoint', { skip, timeout: 60_000 }, () => {
  before(async () => {
    [redis, stub] = await Promise.all([
      RedisServer.start(),
      freePort().then((port) => BillingStubProcess.start(port, ['--period-seconds', String(PERIOD)])),
    ]);
    [a, b] = await Promise.all([start(gatewayDir()), start(gatewayDir())]);
  });

  after(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    killAll();
    await Promise.allSettled([stub?.kill(), redis?.stop()]);
  });

  test('each replica claims its own ledger and reports under its own resourceId', () => {
    assert.notEqual(resourceIdOf(a), resourceIdOf(b));
    // A's ledger is locked while A runs: another process sharing A's folder gets a second ledger.
    const other = claimLedger(join(a.dir, 'metering'), PERIOD, 'process');
    try {
      assert.equal(other.dir, join(a.dir, 'metering', 'replica-1'));
    } finally {
      other.store.close();
    }
  });

  test('load through both: the rate limit holds globally and metering adds up exactly', async (t) => {
    const limited: { via: Gateway; status: number }[] = [];
    const analyze = async (worker: number): Promise<void> => {
      for (let i = 0; i < 12; i++) {
        const via = (worker + i) % 2 === 0 ? a : b;
        const { docs, records } = documents(worker * 100 + i);
        const res = await call(via, API, { body: nerBody(docs) });
        assert.equal(res.status, 200, res.text);
        addBilled(via, records);
      }
    };
    const legacy = async (): Promise<void> => {
      // 3 rounds of 20 concurrent requests, half to each replica: 60 requests for a limit of 20.
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const via = i % 2 === 0 ? a : b;
            const { docs, records } = documents(round * 20 + i);
            const res = await call(via, LEGACY, { body: { documents: docs } });
            limited.push({ via, status: res.status });
            if (res.status === 200) addBilled(via, records);
            else assert.equal(res.status, 429, res.text);
          }),
        );
      }
    };
    await Promise.all([legacy(), ...Array.from({ length: 4 }, (_, w) => analyze(w))]);

    const accepted = limited.filter((r) => r.status === 200);
    t.diagnostic(`${accepted.length} of ${limited.length} accepted across two replicas, limit ${LIMIT}`);
    // Off by at most one per process (a counter read that races a window reset).
    assert.ok(Math.abs(accepted.length - LIMIT) <= 2, `${accepted.length} accepted for a limit of ${LIMIT}`);
    for (const g of [a, b])
      assert.ok(accepted.filter((r) => r.via === g).length < LIMIT, 'shared, not per process');

    const [deliveredA, deliveredB] = await Promise.all([delivered(a), delivered(b)]);
    const summary = await stub.summary();
    t.diagnostic(
      `replica A billed ${billed.get(a)} records, B ${billed.get(b)}; stub accepted ${JSON.stringify(summary.accepted.byResource)}`,
    );
    assert.equal(summary.accepted.byResource[resourceIdOf(a)], billed.get(a));
    assert.equal(summary.accepted.byResource[resourceIdOf(b)], billed.get(b));
    assert.equal(summary.accepted.quantity, billed.get(a)! + billed.get(b)!);
    assert.deepEqual([deliveredA, deliveredB], [billed.get(a), billed.get(b)]);
    assert.equal(summary.duplicates + summary.expired + summary.rejected, 0, 'no collision between replicas');
  });

  test('one replica SIGKILLed mid-run: the other answers every request, during and after', async (t) => {
    const outcomes = { survivor: 0, victimOk: 0, victimFailed: 0 };
    let victimRecords = 0;
    let inFlightRecords = 0;
    let running = true;
    const client = async (via: Gateway, worker: number): Promise<void> => {
      for (let i = 0; running; i++) {
        const { docs, records } = documents(worker * 1000 + i);
        if (via === a) {
          const res = await call(a, API, { body: nerBody(docs) });
          assert.equal(res.status, 200, res.text); // the survivor never fails
          addBilled(a, records);
          outcomes.survivor++;
          continue;
        }
        const res = await call(b, API, { body: nerBody(docs) }).catch((err: Error) => err);
        if (res instanceof Error) {
          outcomes.victimFailed++;
          inFlightRecords += records; // refused after the kill, or cut while in flight
          await new Promise((r) => setTimeout(r, 50));
        } else {
          assert.equal(res.status, 200, res.text);
          victimRecords += records;
          outcomes.victimOk++;
        }
      }
    };
    const clients = [client(a, 1), client(a, 2), client(b, 3), client(b, 4)];
    await new Promise((r) => setTimeout(r, 1_500));
    const survivorBeforeKill = outcomes.survivor;
    b.svc.proc.kill('SIGKILL');
    await b.svc.exit();
    await new Promise((r) => setTimeout(r, 1_500));
    running = false;
    await Promise.all(clients);
    t.diagnostic(
      `survivor: ${outcomes.survivor} requests, all 200 (${outcomes.survivor - survivorBeforeKill} after the kill); victim: ${outcomes.victimOk} ok, ${outcomes.victimFailed} failed`,
    );
    assert.ok(outcomes.survivor - survivorBeforeKill > 5, 'the survivor kept serving after the kill');
    assert.ok(outcomes.victimFailed > 0, 'the victim was really killed mid-run');

    // The survivor's billing is untouched by the kill.
    assert.equal(await delivered(a), billed.get(a));
    // The victim, restarted on its ledger, keeps its identity and delivers what it had: at least its
    // successes, more only by requests in flight at the kill.
    const idB = resourceIdOf(b);
    const billedBefore = billed.get(b)!;
    b.agent.destroy();
    b = await start(b.dir);
    assert.equal(resourceIdOf(b), idB, 'the identity follows the ledger');
    await delivered(b);
    const summary = await stub.summary();
    assert.equal(summary.accepted.byResource[resourceIdOf(a)], billed.get(a));
    const victim = summary.accepted.byResource[idB]! - billedBefore;
    t.diagnostic(
      `victim: ${victimRecords} records seen ok, ${victim} billed, ${inFlightRecords} at most in flight`,
    );
    assert.ok(victim >= victimRecords && victim <= victimRecords + inFlightRecords, `${victim} billed`);
    assert.deepEqual(Object.keys(summary.accepted.byResource).sort(), [resourceIdOf(a), idB].sort());
  });
});
