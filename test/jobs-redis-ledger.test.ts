/**
 * The ledger side of job metering on Redis: usage entries keyed `<jobId>/<task>` count once per
 * ledger, in both durability modes and across a restart (a drain that crashed after the ledger's
 * commit but before the Redis list was trimmed applies its entries again; they must not count twice),
 * and usage owed to a ledger no process holds goes into that ledger when another replica delivers it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../src/config/load.ts';
import { Ledger } from '../src/metering/ledger.ts';
import { startMetering } from '../src/metering/service.ts';
import { createLogger } from '../src/observability/logger.ts';
import { Metrics } from '../src/observability/metrics.ts';
import { eventually } from './helpers/child-service.ts';
import type { LedgerDurability } from '../src/metering/ledger-protocol.ts';
import type { UsageEntry } from '../src/metering/ledger-types.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const usage = (records: number, key?: string): UsageEntry => ({
  dimension: 'ner-text-records',
  operation: 'EntityRecognition',
  model: 'default',
  principal: 'test-key',
  records,
  documents: 1,
  requests: 1,
  atMs: Date.now(),
  ...(key !== undefined ? { key } : {}),
});

/** Records entries and commits them (what Metering.keyed.record does). */
async function record(ledger: Ledger, entries: UsageEntry[]): Promise<void> {
  const committed = Promise.all(entries.map((e) => ledger.record(e)));
  ledger.flush();
  await committed;
}

for (const durability of ['process', 'fsync'] as const satisfies readonly LedgerDurability[]) {
  test(`keyed usage counts once per ledger, across a restart (${durability})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nergw-keyed-'));
    dirs.push(dir);
    const init = { dir, bucketSeconds: 3600, resourceId: 'rid', durability, syncIntervalMs: 1_000 };
    let ledger = await Ledger.open(init);
    await record(ledger, [usage(3, 'job-a/0'), usage(2, 'job-a/1'), usage(5)]);
    // The same keys again in one group and in the next: ignored; unkeyed usage always counts.
    await record(ledger, [usage(3, 'job-a/0'), usage(4, 'job-b/0'), usage(4, 'job-b/0'), usage(5)]);
    assert.equal((await ledger.totals()).pending, 3 + 2 + 5 + 4 + 5);
    await ledger.close();

    ledger = await Ledger.open(init);
    await record(ledger, [
      usage(3, 'job-a/0'),
      usage(2, 'job-a/1'),
      usage(4, 'job-b/0'),
      usage(1, 'job-c/0'),
    ]);
    assert.equal((await ledger.totals()).pending, 3 + 2 + 5 + 4 + 5 + 1);
    await ledger.close();
  });
}

test('a free ledger is handed to keyed usage (onFreeLedger) while another replica delivers it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-free-'));
  dirs.push(dir);
  const init = {
    dir,
    bucketSeconds: 3600,
    resourceId: 'rid-gone',
    durability: 'process',
    syncIntervalMs: 1_000,
  } as const;
  const gone = await Ledger.open(init); // replica-0: a replica that is about to go away
  const config = loadConfig({
    files: [],
    env: {},
    argv: [
      'Eula=accept',
      'Billing=http://127.0.0.1:9/api',
      'ApiKey=k',
      'Metering:DeliveryIntervalSeconds=0.1',
      `Metering:DataDir=${dir}`,
    ],
  });
  const metering = await startMetering(config, createLogger('silent'), new Metrics()); // replica-1
  await gone.close();
  const seen: string[] = [];
  metering.keyed!.onFreeLedger(async (free) => {
    seen.push(free.ledgerId);
    await free.record([usage(7, 'job-gone/0')]); // on every sweep: counted once
  });
  await eventually('two sweeps over the free ledger', () =>
    Promise.resolve(seen.length >= 2 ? true : undefined),
  );
  await metering.close();
  assert.ok(
    seen.every((id) => id === 'rid-gone'),
    seen.join(),
  );
  const back = await Ledger.open(init); // the replica comes back to its ledger
  assert.equal(back.resourceId, 'rid-gone');
  assert.equal((await back.totals()).pending, 7);
  await back.close();
});
