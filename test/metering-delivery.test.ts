/**
 * Metering end to end against the billing stub (a real child process): counting, durable ledger,
 * hourly aggregation and delivery, the connectivity rule through a real outage (the stub is killed
 * and restarted), and exact totals while the stub fails 30% of calls. Periods are shortened to one
 * second (Metering:BucketSeconds, the stub's --period-seconds) so the tests run in seconds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { eventually, freePort } from './helpers/child-service.ts';
import {
  API,
  call,
  type HttpResult,
  nerBody,
  startTestService,
  type TestService,
} from './helpers/service.ts';

const PERIOD = 1;

function meteringArgs(
  stub: BillingStubProcess,
  dataDir: string,
  extra: string[] = [],
  period = PERIOD,
): string[] {
  return [
    ...stub.meteringArgs(period),
    `Metering:DataDir=${dataDir}`,
    'Metering:RequestTimeoutMs=500',
    ...extra,
  ];
}

/** A document of `n` characters (ASCII, so characters = text elements). */
function text(n: number, seed = 0): string {
  const base = `Satya Nadella visited Paris ${seed}. `;
  return base.repeat(Math.ceil(n / base.length)).slice(0, n);
}

async function metric(t: TestService, state: string): Promise<number> {
  const r = await call(t, '/metrics');
  const m = new RegExp(`^nergw_metering_records\\{state="${state}"\\} (\\d+)`, 'm').exec(r.text);
  return Number(m?.[1] ?? NaN);
}

/** Sends one request of documents with these lengths; returns the records it should cost if it succeeded. */
async function analyse(
  t: TestService,
  lengths: number[],
  seed = 0,
): Promise<{ status: number; records: number; json: HttpResult['json'] }> {
  const r = await call(t, API, {
    body: nerBody(lengths.map((n, i) => ({ id: String(i), text: text(n, seed + i) }))),
  });
  const records = lengths.filter((n) => n > 0).reduce((s, n) => s + Math.ceil(n / 1000), 0);
  return { status: r.status, records: r.status === 200 ? records : 0, json: r.json };
}

/** Resolves once the next metering period has begun (usage before and after it lands in two periods). */
async function nextPeriod(period = PERIOD): Promise<void> {
  const current = Math.floor(Date.now() / 1000 / period);
  await eventually('the next period', async () =>
    Math.floor(Date.now() / 1000 / period) > current ? true : undefined,
  );
}

const tmps: string[] = [];
const stubs: BillingStubProcess[] = [];
const services: TestService[] = [];

after(async () => {
  for (const s of services) await s.close().catch(() => undefined);
  for (const s of stubs) await s.kill();
  for (const d of tmps) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'nergw-metering-'));
  tmps.push(d);
  return d;
}

describe('metering delivery', () => {
  let stub: BillingStubProcess;
  let t: TestService;
  let dir: string;

  before(async () => {
    dir = tmp();
    stub = await BillingStubProcess.start(await freePort(), ['--period-seconds', String(PERIOD)]);
    stubs.push(stub);
    t = await startTestService({ args: meteringArgs(stub, join(dir, 'ledger')) });
    services.push(t);
  });

  it('counts one record per started 1,000 characters, nothing for failed documents, and bills each period once', async () => {
    let expected = 0;
    // 2,500 characters = 3 records; the empty document fails and costs nothing.
    const first = await analyse(t, [2500, 10, 0]);
    assert.equal(first.status, 200);
    assert.equal(first.json.results.errors.length, 1);
    expected += first.records;
    assert.equal(first.records, 4);
    for (let i = 0; i < 12; i++) {
      const r = await analyse(t, [1 + ((i * 397) % 3000)], i);
      assert.equal(r.status, 200);
      expected += r.records;
      if (i % 4 === 3) await nextPeriod(); // usage in several periods, one event each
    }
    const summary = await eventually('the stub to bill everything', async () => {
      const s = await stub.summary();
      return s.accepted.quantity === expected ? s : undefined;
    });
    assert.equal(summary.accepted.byDimension['ner-text-records'], expected);
    assert.ok(summary.accepted.events >= 2, 'usage spans several periods, one event each');
    assert.equal(await metric(t, 'delivered'), expected);
    assert.equal(await metric(t, 'pending'), 0);
    const status = (await call(t, '/status')).json;
    assert.equal(status.apiStatus, 'Valid');
    assert.equal(status.billing.mode, 'connected');
    assert.equal(status.billing.refusing, false);
  });

  it('counts Custom NER jobs under their own dimension', async () => {
    const before = (await stub.summary()).accepted.byDimension['custom-ner-text-records'] ?? 0;
    const submit = await call(t, '/language/analyze-text/jobs?api-version=2023-04-01', {
      body: {
        displayName: 'metering',
        analysisInput: { documents: [{ id: '1', language: 'en', text: text(1500) }] },
        tasks: [
          { kind: 'CustomEntityRecognition', parameters: { projectName: 'proj', deploymentName: 'prod' } },
        ],
      },
    });
    assert.equal(submit.status, 202);
    await eventually('the custom records to be billed', async () => {
      const s = await stub.summary();
      return s.accepted.byDimension['custom-ner-text-records'] === before + 2 ? true : undefined;
    });
  });
});

describe('metering of a request that fails after its usage was written ahead', () => {
  it('withdraws the usage: a request whose inference crashes twice bills nothing', async () => {
    const dir = tmp();
    // Its period stays unreported until the crashed request's usage is withdrawn, and until the next
    // request (queued behind the second restart) has committed its own, however long the restarts take
    // on a busy machine (InFlight; with a fixed settle delay instead, either could land after the
    // period was reported, and the stub never saw the two successes).
    const period = PERIOD;
    const stub = await BillingStubProcess.start(await freePort(), ['--period-seconds', String(period)]);
    stubs.push(stub);
    const t = await startTestService({
      args: meteringArgs(stub, join(dir, 'ledger'), [], period),
      crashOnText: 'CRASH-ME',
    });
    services.push(t);
    const ok = await analyse(t, [1500]);
    assert.equal(ok.status, 200);
    const crashed = await call(t, API, {
      body: nerBody([{ id: '1', text: 'CRASH-ME' }]),
    });
    assert.equal(crashed.status, 500, crashed.text);
    const after = await analyse(t, [10], 7);
    assert.equal(after.status, 200);
    const expected = ok.records + after.records;
    const summary = await eventually(
      'the stub to bill the two successes',
      async () => {
        const s = await stub.summary();
        return s.accepted.quantity >= expected ? s : undefined;
      },
      45_000,
    );
    assert.equal(summary.accepted.quantity, expected, 'the crashed request is not billed');
    // The stub answers before the gateway records the answer in its ledger: wait for that too.
    await eventually('nothing pending', async () => ((await metric(t, 'pending')) === 0 ? true : undefined));
    assert.equal((await stub.summary()).accepted.quantity, expected, 'and nothing billed since');
  });
});

describe('metering through a billing outage', () => {
  it('serves during the grace period, refuses after it, and delivers everything once after recovery', async () => {
    const dir = tmp();
    const port = await freePort();
    const state = join(dir, 'stub-state.json');
    const stubArgs = ['--period-seconds', String(PERIOD), '--state', state];
    let stub = await BillingStubProcess.start(port, stubArgs);
    stubs.push(stub);
    const t = await startTestService({
      args: meteringArgs(stub, join(dir, 'ledger'), ['Metering:GraceSeconds=3']),
    });
    services.push(t);

    let expected = 0;
    for (let i = 0; i < 3; i++) expected += (await analyse(t, [1200], i)).records;
    await eventually('the first usage to be billed', async () =>
      (await stub.summary()).accepted.quantity === expected ? true : undefined,
    );

    await stub.kill();
    const downAt = Date.now();
    // Within the grace period requests are served and metered.
    for (let i = 0; i < 3; i++) {
      const r = await analyse(t, [800], 10 + i);
      assert.equal(r.status, 200);
      expected += r.records;
    }
    const refused = await eventually(
      'the gateway to refuse after the grace period',
      async () => {
        const r = await call(t, API, { body: nerBody([{ id: '1', text: 'refused?' }]) });
        if (r.status === 200) expected += 1; // still in the grace period: served and metered
        return r.status === 503 ? r : undefined;
      },
      10_000,
    );
    assert.ok(Date.now() - downAt >= 2_500, 'not before the grace period');
    assert.equal(refused.json.error.code, 'ServiceUnavailable');
    assert.match(refused.json.error.message, /billing endpoint/);
    assert.ok(refused.headers['retry-after']);
    assert.equal((await call(t, '/ready')).status, 503);
    const status = (await call(t, '/status')).json;
    assert.equal(status.apiStatus, 'CouldNotConnect');
    assert.equal(status.billing.refusing, true);
    assert.equal((await metric(t, 'pending')) >= 2, true);

    stub = await BillingStubProcess.start(port, stubArgs);
    stubs.push(stub);
    await eventually('the gateway to serve again', async () => {
      const r = await analyse(t, [300], 99);
      if (r.status !== 200) return undefined;
      expected += r.records;
      return true;
    });
    assert.equal((await call(t, '/ready')).status, 200);
    const summary = await eventually('everything pending to be billed', async () => {
      const s = await stub.summary();
      return s.accepted.quantity === expected ? s : undefined;
    });
    assert.equal(summary.accepted.quantity, expected);
    assert.equal(await metric(t, 'delivered'), expected);
  });
});

describe('metering against a flaky billing endpoint', () => {
  it('bills exact totals while 30% of calls fail with 5xx, timeouts or dropped connections', async () => {
    const dir = tmp();
    const stub = await BillingStubProcess.start(await freePort(), [
      '--period-seconds',
      String(PERIOD),
      '--error-rate',
      '0.15',
      '--timeout-rate',
      '0.1',
      '--drop-rate',
      '0.05',
    ]);
    stubs.push(stub);
    const t = await startTestService({
      args: meteringArgs(stub, join(dir, 'ledger'), ['Metering:BatchSize=2']),
    });
    services.push(t);
    let expected = 0;
    // Usage in at least four periods (more than one batch of Metering:BatchSize=2 events).
    for (let i = 0; i < 20; i++) {
      const r = await analyse(t, [1 + ((i * 611) % 2500), 700], i);
      assert.equal(r.status, 200);
      expected += r.records;
      if (i % 5 === 4) await nextPeriod();
    }
    const summary = await eventually(
      'exact totals',
      async () => {
        const s = await stub.summary();
        return s.accepted.quantity === expected && (await metric(t, 'pending')) === 0 ? s : undefined;
      },
      30_000,
    );
    assert.equal(summary.accepted.quantity, expected);
    assert.ok(summary.faults > 0, 'faults were injected');
    assert.equal(await metric(t, 'delivered'), expected);
    assert.equal(await metric(t, 'dead_lettered'), 0);
    // A few more delivery cycles run: nothing more may be billed.
    const calls = summary.requests;
    await eventually('three more delivery cycles', async () =>
      (await stub.summary()).requests >= calls + 3 ? true : undefined,
    );
    assert.equal((await stub.summary()).accepted.quantity, expected);
  });
});

describe('metering refusals and credentials', () => {
  let stub: BillingStubProcess;
  before(async () => {
    stub = await BillingStubProcess.start(await freePort(), [
      '--period-seconds',
      String(PERIOD),
      '--expire-seconds',
      '1',
      '--client-id',
      'gateway',
      '--client-secret',
      'client-secret-for-tests',
    ]);
    stubs.push(stub);
  });

  it('dead-letters events the endpoint refuses for good (Expired)', async () => {
    const dir = tmp();
    const t = await startTestService({ args: meteringArgs(stub, join(dir, 'ledger')) });
    services.push(t);
    let expected = 0;
    for (let i = 0; i < 3; i++) expected += (await analyse(t, [1500], i)).records;
    await eventually('the refused usage to be dead-lettered', async () =>
      (await metric(t, 'dead_lettered')) === expected ? true : undefined,
    );
    const lines = readFileSync(join(dir, 'ledger/replica-0/dead-letter.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map(
      (l) => JSON.parse(l) as { reason: string; event: { quantity: number; dimension: string } },
    );
    assert.equal(
      events.reduce((s, e) => s + e.event.quantity, 0),
      expected,
    );
    assert.ok(
      events.every((e) => e.reason.startsWith('Expired') && e.event.dimension === 'ner-text-records'),
    );
    assert.equal(await metric(t, 'delivered'), 0);
    assert.equal(await metric(t, 'pending'), 0);
  });

  it('reports a wrong ApiKey as Invalid and refuses after the grace period', async () => {
    const dir = tmp();
    const t = await startTestService({
      args: [...meteringArgs(stub, join(dir, 'ledger'), ['Metering:GraceSeconds=1']), 'ApiKey=wrong-key'],
    });
    services.push(t);
    const status = await eventually('status Invalid and refusing', async () => {
      const s = (await call(t, '/status')).json;
      return s.apiStatus === 'Invalid' && s.billing.refusing ? s : undefined;
    });
    assert.match(status.apiStatusMessage, /HTTP 403/);
    assert.doesNotMatch(JSON.stringify(status), /wrong-key/);
    assert.equal((await analyse(t, [10])).status, 503);
  });

  it('authenticates with an OAuth2 client-credentials bearer token', async () => {
    const dir = tmp();
    const t = await startTestService({
      args: [
        ...meteringArgs(stub, join(dir, 'ledger')),
        'ApiKey=not-the-stub-key',
        `Metering:TokenUrl=${stub.url.replace(/\/api$/, '/oauth2/token')}`,
        'Metering:ClientId=gateway',
        'Metering:ClientSecret=client-secret-for-tests',
      ],
    });
    services.push(t);
    assert.equal((await analyse(t, [10])).status, 200);
    await eventually('billing to be reachable with the token', async () =>
      (await call(t, '/status')).json.apiStatus === 'Valid' && (await metric(t, 'pending')) === 0
        ? true
        : undefined,
    );
  });
});
