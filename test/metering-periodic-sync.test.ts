/**
 * The background flush behind `metering.durability=process`: a flush only after something was
 * written, one at a time, a last one on stop, and failures reported and retried.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicSync } from '../src/metering/periodic-sync.ts';
import { eventually } from './helpers/child-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'nergw-sync-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('flushes a written file once per interval, and never a clean one', async () => {
  const file = join(dir, 'wal');
  writeFileSync(file, 'start');
  const errors: Error[] = [];
  const sync = new PeriodicSync(file, 20, (err) => errors.push(err));
  try {
    await sleep(100);
    assert.equal(sync.completed, 0, 'nothing written, nothing flushed');
    appendFileSync(file, 'commit 1');
    sync.markDirty();
    await eventually('the first flush', async () => (sync.completed === 1 ? true : undefined), 5_000);
    await sleep(100);
    assert.equal(sync.completed, 1, 'one write, one flush');
    appendFileSync(file, 'commit 2');
    sync.markDirty();
    sync.markDirty();
    await Promise.all([sync.sync(), sync.sync()]);
    assert.equal(sync.completed, 2, 'flushes do not overlap or repeat');
  } finally {
    await sync.stop();
  }
  assert.deepEqual(errors, []);
});

test('stop flushes what was written since the last tick', async () => {
  const file = join(dir, 'wal-stop');
  writeFileSync(file, 'x');
  const sync = new PeriodicSync(file, 60_000, (err) => assert.fail(err));
  sync.markDirty();
  await sync.stop();
  assert.equal(sync.completed, 1);
});

test('a missing file (SQLite removes its WAL on close) is not an error', async () => {
  const sync = new PeriodicSync(join(dir, 'gone'), 60_000, (err) => assert.fail(err));
  sync.markDirty();
  await sync.stop();
  assert.equal(sync.completed, 1);
});

test('a failed flush is reported and tried again at the next tick', async () => {
  const notADir = join(dir, 'plain-file');
  writeFileSync(notADir, 'x');
  const errors: Error[] = [];
  const sync = new PeriodicSync(join(notADir, 'wal'), 20, (err) => errors.push(err));
  try {
    sync.markDirty();
    await eventually('a retried flush', async () => (errors.length >= 2 ? true : undefined), 5_000);
    assert.match(errors[0]!.message, /ENOTDIR/);
    assert.equal(sync.completed, 0);
  } finally {
    await sync.stop();
  }
});
