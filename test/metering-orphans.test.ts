/**
 * Replicas sharing one data folder (as compose runs them): when one is gone for good, its ledger is
 * left with usage it had not reported. A running replica delivers it, under the gone replica's own
 * resourceId, exactly once; a replica started later on that ledger finds nothing left to send.
 * Real gateway processes, a real billing stub, SIGKILL for the replica that goes away.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { claimLedger } from '../src/metering/ledger-slots.ts';
import { LEDGER_FILE, LedgerStore } from '../src/metering/ledger-store.ts';
import { OrphanLedgers } from '../src/metering/orphans.ts';
import { RecordFolderSink } from '../src/metering/sinks.ts';
import { UsageRecordFolder } from '../src/metering/usage-records.ts';
import { createLogger } from '../src/observability/logger.ts';
import { BillingStubProcess } from './helpers/billing-stub.ts';
import { eventually, freePort, killAll } from './helpers/child-service.ts';
import { type Gateway, gatewayDir, startGateway } from './helpers/gateway.ts';
import { API, call, nerBody } from './helpers/service.ts';

const PERIOD = 2; // seconds per billing period, gateway and stub alike

describe('the ledger of a replica that is gone', { timeout: 180_000 }, () => {
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

test('a ledger that cannot be read holds up no other, and is named in the log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-orphans-'));
  const own = claimLedger(dir, 1, 'process'); // replica-0, held by "this process"
  try {
    mkdirSync(join(dir, 'replica-1'));
    writeFileSync(join(dir, 'replica-1', LEDGER_FILE), 'this is not a database, not even close');
    const gone = new LedgerStore(join(dir, 'replica-2'), 1, 'process');
    gone.resourceId('gone-replica');
    const entry = {
      dimension: 'EntityRecognition',
      operation: 'EntityRecognition',
      model: 'm',
      principal: 'p',
    };
    gone.record([{ ...entry, records: 9, documents: 3, requests: 3, atMs: Date.now() - 10_000 }]);
    gone.close();

    const lines: Record<string, unknown>[] = [];
    const logs = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const records = new UsageRecordFolder(join(dir, 'output'));
    const sink = new RecordFolderSink(records);
    const orphans = new OrphanLedgers({
      init: { dir, bucketSeconds: 1, resourceId: 'unused', durability: 'process', syncIntervalMs: 1_000 },
      ownDir: own.dir,
      identityOf: (l) => ({ resourceId: l.resourceId, planId: 'plan' }),
      sinkFor: () => sink,
      deliverer: {
        intervalMs: 60_000,
        retryBaseMs: 10,
        retryMaxMs: 10,
        batchSize: 25,
        retentionSeconds: 3600,
        settleMs: 0,
      },
      logger: createLogger('info', logs),
    });
    await orphans.sweep();
    assert.deepEqual(
      (await records.read()).map((p) => p.quantity),
      [9],
      'replica-2 delivered despite replica-1',
    );
    const failed = lines.find((l) => l.msg === 'delivering a free ledger failed; will retry');
    assert.equal(failed?.ledger, join(dir, 'replica-1'));
    await orphans.sweep();
    assert.deepEqual(
      (await records.read()).map((p) => p.quantity),
      [9],
      'settled: not written again',
    );
  } finally {
    own.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
