/**
 * Crash test: a client sends concurrent requests while the gateway (a real child process, the
 * `src/main.ts` entry) is SIGKILLed at random moments and restarted. Afterwards the billing stub's
 * accepted total must equal the records of every request the gateway processed: at least what the
 * client saw succeed, more only by requests in flight at a kill, and nothing counted twice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it, type TestContext } from 'node:test';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { ChildService, cleanEnv, eventually, freePort } from './helpers/child-service.ts';
import { gatewayArgs } from './helpers/gateway.ts';
import { API } from './helpers/service.ts';

const PERIOD = 2;
const KILLS = 4;
const CLIENTS = 6;

const dir = mkdtempSync(join(tmpdir(), 'nergw-crash-'));
const processes: ChildService[] = [];
const stubs: BillingStubProcess[] = [];

after(async () => {
  for (const p of processes) await p.kill();
  for (const s of stubs) await s.kill();
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = 'ok' | 'refused' | 'in-flight' | 'other';

function post(agent: Agent, port: number, body: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: API,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? 'ok' : 'other'));
        res.on('error', () => resolve('in-flight'));
      },
    );
    // Connection refused: the gateway was down, the request never reached it.
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ECONNREFUSED' ? 'refused' : 'in-flight'),
    );
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

// Both durability modes promise the same against kill -9 (`process` just skips the fsync).
for (const durability of ['fsync', 'process'] as const) {
  it(
    `bills every processed request exactly once across SIGKILLs (durability=${durability})`,
    {
      timeout: 180_000,
    },
    (t) => crashTest(t, durability),
  );
}

async function crashTest(t: TestContext, durability: 'fsync' | 'process'): Promise<void> {
  const home = join(dir, durability);
  writeTinyHfModel(join(home, 'model'));
  const stub = await BillingStubProcess.start(await freePort(), [
    '--period-seconds',
    String(PERIOD),
    '--timeout-rate',
    '0.2',
  ]);
  stubs.push(stub);
  const port = await freePort();
  const args = [
    ...gatewayArgs(home, port),
    ...stub.meteringArgs(PERIOD),
    `Metering:DataDir=${join(home, 'ledger')}`,
    `Metering:Durability=${durability}`,
    'Metering:RequestTimeoutMs=500',
  ];
  const startGateway = async (): Promise<ChildService> => {
    const p = new ChildService(args, cleanEnv());
    processes.push(p);
    await p.waitForLine('ner-gateway listening', 60_000);
    return p;
  };

  let gateway = await startGateway();
  const certs = join(home, 'certs');
  const agent = new Agent({
    ca: readFileSync(join(certs, 'dev-ca.crt')),
    cert: readFileSync(join(certs, 'client.crt')),
    key: readFileSync(join(certs, 'client.key')),
    keepAlive: true,
  });

  const totals = { ok: 0, inFlight: 0, okRequests: 0, inFlightRequests: 0, other: 0 };
  let running = true;
  const client = async (id: number): Promise<void> => {
    for (let i = 0; running; i++) {
      const lengths = Array.from({ length: 1 + ((id + i) % 3) }, () => 1 + Math.floor(Math.random() * 3000));
      const records = lengths.reduce((s, n) => s + Math.ceil(n / 1000), 0);
      const body = JSON.stringify({
        kind: 'EntityRecognition',
        analysisInput: {
          documents: lengths.map((n, d) => ({
            id: String(d),
            language: 'en',
            text: 'Satya Nadella visited Paris. '.repeat(110).slice(0, n),
          })),
        },
      });
      const outcome = await post(agent, port, body);
      if (outcome === 'ok') {
        totals.ok += records;
        totals.okRequests++;
      } else if (outcome === 'in-flight') {
        totals.inFlight += records;
        totals.inFlightRequests++;
      } else if (outcome === 'other') totals.other++;
      else await new Promise((r) => setTimeout(r, 50));
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));

  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, 800 + Math.random() * 1700));
    await gateway.kill('SIGKILL');
    gateway = await startGateway();
  }
  await new Promise((r) => setTimeout(r, 1000));
  running = false;
  await Promise.all(clients);

  const metric = async (state: string): Promise<number> => {
    const text = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
        let s = '';
        res.setEncoding('utf8').on('data', (c: string) => (s += c));
        res.on('end', () => resolve(s));
      })
        .on('error', reject)
        .end();
    });
    return Number(new RegExp(`^nergw_metering_records\\{state="${state}"\\} (\\d+)`, 'm').exec(text)?.[1]);
  };
  await eventually(
    'every period to be delivered',
    async () => ((await metric('pending')) === 0 ? true : undefined),
    30_000,
  );
  const delivered = await metric('delivered');
  const summary = await stub.summary();
  agent.destroy();

  t.diagnostic(
    `client saw ${totals.okRequests} successes = ${totals.ok} records; ${totals.inFlightRequests} requests (${totals.inFlight} records) were in flight at a kill; ` +
      `stub accepted ${summary.accepted.quantity} records in ${summary.accepted.events} events (${summary.duplicates} duplicate sends answered Duplicate, ${summary.faults} lost acknowledgements); ledger delivered ${delivered}`,
  );
  assert.ok(totals.okRequests > 50, 'the load was real');
  assert.equal(totals.other, 0, 'no error answers');
  assert.ok(summary.accepted.quantity >= totals.ok, 'nothing a client was told succeeded is lost');
  assert.ok(
    summary.accepted.quantity <= totals.ok + totals.inFlight,
    'more only by requests in flight at a kill',
  );
  assert.equal(summary.accepted.quantity, delivered, 'the ledger and the stub agree: nothing billed twice');
  assert.equal(summary.expired + summary.rejected, 0);
  for (const p of processes) await p.kill();
  await stub.kill();
}
