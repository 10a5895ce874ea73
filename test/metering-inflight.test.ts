/**
 * A period is reported only once no request admitted in it is still running (issue 20, the flaky
 * "crashes twice" metering test): a request whose usage was written ahead but not yet committed (it
 * waits in the queue for a worker being replaced) or that may still be withdrawn keeps its period
 * open, however long it takes. Before, a period was final after a fixed settle delay, and usage that
 * landed later in an already reported period was never sent. Metering against the billing stub (a
 * real child process), fed through its usage reservations as the pool feeds them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config/load.ts';
import type { UsageRequest as JobInfo, UsageReservations } from '../src/inference/reservations.ts';
import { type Metering, startMetering } from '../src/metering/service.ts';
import { createLogger } from '../src/observability/logger.ts';
import { Metrics } from '../src/observability/metrics.ts';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { eventually, freePort } from './helpers/child-service.ts';

const PERIOD = 1;

describe('periods with requests in flight', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-inflight-'));
  let stub: BillingStubProcess;
  let metering: Metering;

  before(async () => {
    stub = await BillingStubProcess.start(await freePort(), ['--period-seconds', String(PERIOD)]);
    const config = loadConfig({
      files: [],
      env: {},
      argv: ['Eula=accept', ...stub.meteringArgs(PERIOD), `Metering:DataDir=${join(dir, 'ledger')}`],
    });
    metering = await startMetering(config, createLogger('silent'), new Metrics());
  });
  after(async () => {
    await metering?.close();
    await stub?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until `periodEnds` is well past (its settle delay too) and two more delivery cycles ran. */
  async function settled(periodEnds: number): Promise<void> {
    await eventually('the period to close and settle', async () =>
      Date.now() > periodEnds + 1_000 ? true : undefined,
    );
    const cycles = (await stub.summary()).requests;
    await eventually('two more delivery cycles', async () =>
      (await stub.summary()).requests >= cycles + 2 ? true : undefined,
    );
  }

  /** A request of one 10-character document (one record), admitted at `atMs`. */
  const request = (atMs: number): JobInfo => ({
    model: 'default',
    texts: ['John Smith'],
    meta: { operation: 'EntityRecognition', principal: 'p', model: 'default' },
    admittedAtMs: atMs,
  });

  /** Metering's side of the pool's usage contract (on here: a billing endpoint is configured). */
  function reservations(): UsageReservations {
    assert.ok(metering.reservations, 'metering is on');
    return metering.reservations;
  }

  test('usage committed long after its period closed is still billed, in that period, once', async () => {
    const meter = reservations();
    const at = Date.now();
    const periodEnds = (Math.floor(at / 1000 / PERIOD) + 1) * PERIOD * 1000;
    // One request done at once; another admitted in the same period, waiting (nothing flushes it).
    const first = request(at);
    const done = meter.reserve(first);
    meter.flush(first);
    await done;
    meter.commit(first);
    const waiting = request(at);
    const written = meter.reserve(waiting);

    // Well past the period's end and its settle delay (a quarter period), several delivery cycles.
    await settled(periodEnds);
    assert.equal((await stub.summary()).accepted.quantity, 0, 'the period stays open while a request runs');

    meter.flush(waiting);
    await written;
    meter.commit(waiting);
    const billed = await eventually('the period to be billed', async () => {
      const s = await stub.summary();
      return s.accepted.quantity > 0 ? s : undefined;
    });
    assert.equal(billed.accepted.quantity, 2);
    assert.equal(billed.accepted.events, 1);
  });

  test('a withdrawal that comes late leaves nothing billed for the failed request', async () => {
    const meter = reservations();
    const before = (await stub.summary()).accepted.quantity;
    const at = Date.now();
    const periodEnds = (Math.floor(at / 1000 / PERIOD) + 1) * PERIOD * 1000;
    const failing = request(at);
    const written = meter.reserve(failing);
    meter.flush(failing);
    await written;
    // Its inference fails only after the period closed and settled (two worker restarts, say).
    await settled(periodEnds);
    await meter.release(failing);
    const ok = request(Date.now());
    const done = meter.reserve(ok);
    meter.flush(ok);
    await done;
    meter.commit(ok);
    const okEnds = (Math.floor(ok.admittedAtMs / 1000 / PERIOD) + 1) * PERIOD * 1000;
    await eventually('the later request to be billed', async () =>
      (await stub.summary()).accepted.quantity > before ? true : undefined,
    );
    await settled(okEnds);
    const billed = await stub.summary();
    assert.equal(billed.accepted.quantity, before + 1, 'only the request that succeeded');
  });
});
