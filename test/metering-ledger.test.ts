/**
 * The ledger in both durability modes: `fsync` (its own thread) and `process` (inline). Same
 * answers, same files: a ledger written in one mode is read back in the other after a restart.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Ledger } from '../src/metering/ledger.ts';
import type { LedgerDurability } from '../src/metering/ledger-protocol.ts';
import { LedgerStore } from '../src/metering/ledger-store.ts';
import type { UsageEntry } from '../src/metering/ledger-types.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HOUR = 3600;
const at = Date.UTC(2026, 10, 21, 10, 15); // inside the 10:00 period
const entry = (records: number, requests = 1): UsageEntry => ({
  dimension: 'ner-text-records',
  operation: 'EntityRecognition',
  model: 'default',
  principal: 'test-key',
  records,
  documents: Math.abs(records),
  requests,
  atMs: at,
});

const open = (dir: string, durability: LedgerDurability): Promise<Ledger> =>
  Ledger.open({
    dir,
    bucketSeconds: HOUR,
    resourceId: `rid-${durability}`,
    durability,
    syncIntervalMs: 1_000,
  });

for (const [first, second] of [
  ['fsync', 'process'],
  ['process', 'fsync'],
] as const) {
  test(`written with durability=${first}, read back with durability=${second}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nergw-ledger-'));
    dirs.push(dir);
    const ledger = await open(dir, first);
    const written = [ledger.record(entry(3)), ledger.record(entry(2)), ledger.record(entry(-2, -1))];
    ledger.flush();
    await Promise.all(written);
    const period = {
      bucket: Math.floor(at / 1000 / HOUR) * HOUR,
      dimension: 'ner-text-records',
      quantity: 3,
    };
    assert.deepEqual(await ledger.unreported(0, Number.MAX_SAFE_INTEGER), [period]);
    await ledger.close();
    await assert.rejects(ledger.record(entry(1)), /closed/);

    const reopened = await open(dir, second);
    try {
      assert.equal(reopened.resourceId, `rid-${first}`, 'the identity stays with the ledger');
      assert.deepEqual(await reopened.unreported(0, Number.MAX_SAFE_INTEGER), [period]);
      assert.deepEqual(await reopened.totals(), { pending: 3, delivered: 0, deadLettered: 0 });
    } finally {
      await reopened.close();
    }
  });
}

test('a ledger folder held by a running ledger is not shared: the second takes the next replica folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-ledger-'));
  dirs.push(dir);
  const a = await open(dir, 'process');
  const b = await open(dir, 'fsync');
  try {
    assert.notEqual(a.dir, b.dir);
    assert.deepEqual([a.dir, b.dir].map((d) => d.slice(dir.length)).sort(), ['/replica-0', '/replica-1']);
  } finally {
    await a.close();
    await b.close();
  }
});

test('the WAL the background flush syncs is the file a commit writes to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-ledger-'));
  dirs.push(dir);
  const store = new LedgerStore(dir, HOUR, 'process');
  try {
    const before = existsSync(store.walFile) ? statSync(store.walFile).size : 0;
    store.record([entry(1)]);
    assert.ok(statSync(store.walFile).size > before, `${store.walFile} grew with the commit`);
  } finally {
    store.close();
  }
});
