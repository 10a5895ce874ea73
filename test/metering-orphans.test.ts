/**
 * Replicas sharing one data folder (as compose runs them): when one is gone for good, its ledger is
 * left with usage it had not reported. A running replica delivers it, under the gone replica's own
 * resourceId, exactly once; a replica started later on that ledger finds nothing left to send.
 * Real gateway processes, a real billing stub, SIGKILL for the replica that goes away.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { eventually, freePort, killAll } from './helpers/child-service.ts';
import { type Gateway, gatewayDir, startGateway } from './helpers/gateway.ts';
import { API, call, nerBody } from './helpers/service.ts';

const PERIOD = 2; // seconds per billing period, gateway and stub alike

describe('the ledger of a replica that is gone', { timeout: 60_000 }, () => {
  const shared = mkdtempSync(join(tmpdir(), 'nergw-shared-data-'));
  let stub: BillingStubProcess;
  const gateways: Gateway[] = [];

  /** A gateway whose ledger is claimed in the shared folder. */
  async function start(): Promise<Gateway> {
    const g = await startGateway([...stub.meteringArgs(PERIOD), `Metering:DataDir=${shared}`], gatewayDir());
    gateways.push(g);
    return g;
  }

  const resourceIdOf = (g: Gateway): string =>
    String(g.svc.logs().find((l) => l.msg === 'metering started')?.resourceId);

  before(async () => {
    stub = await BillingStubProcess.start(await freePort(), ['--period-seconds', String(PERIOD)]);
  });

  after(async () => {
    await Promise.allSettled(gateways.map((g) => g.stop()));
    killAll();
    await stub?.kill();
    rmSync(shared, { recursive: true, force: true });
  });

  test('is delivered by a running replica, under its own identity, exactly once', async (t) => {
    const survivor = await start();
    const gone = await start();
    const goneId = resourceIdOf(gone);
    assert.notEqual(goneId, resourceIdOf(survivor));

    // Usage on the replica that will go: 6 requests of 1-3 records, answered (so durable) before it dies.
    let records = 0;
    for (let i = 0; i < 6; i++) {
      const n = 1 + (i % 3);
      const res = await call(gone, API, {
        body: nerBody([{ id: '1', text: 'Satya Nadella visited Paris. '.repeat(35 * n).slice(0, 1000 * n) }]),
      });
      assert.equal(res.status, 200, res.text);
      records += n;
    }
    // Gone mid-period: its own deliverer never reports this period.
    gone.svc.proc.kill('SIGKILL');
    await gone.svc.exit();

    const accepted = await eventually(
      "the gone replica's usage at the billing endpoint",
      async () => {
        const summary = await stub.summary();
        const got = summary.accepted.byResource[goneId];
        return got === records ? summary : undefined;
      },
      20_000,
    );
    t.diagnostic(`${records} records of the gone replica delivered by the survivor under ${goneId}`);
    assert.equal(accepted.duplicates + accepted.expired + accepted.rejected, 0);
    // The survivor says so (its log may trail the stub's answer by a moment).
    await survivor.svc.waitFor("the survivor's delivery log line", () =>
      survivor.svc.logs().find((l) => l.msg === 'delivered the usage of a ledger no running replica holds'),
    );

    // Nothing is sent twice: not by the survivor's next rounds, nor by a replica started later on
    // the same folder (it claims the survivor's ledger and sweeps the gone one's again).
    const survivorId = resourceIdOf(survivor);
    await survivor.stop(true);
    const later = await start();
    assert.equal(resourceIdOf(later), survivorId, 'the first free ledger, with its identity');
    await new Promise((r) => setTimeout(r, 2 * PERIOD * 1000 + 500));
    const summary = await stub.summary();
    assert.equal(summary.accepted.byResource[goneId], records, 'not counted twice');
    assert.equal(summary.accepted.quantity, records);
    assert.equal(summary.duplicates, 0);
  });
});
