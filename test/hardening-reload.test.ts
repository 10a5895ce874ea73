/**
 * `pool.reload()` with several workers (issue 20): it always ends, and ends consistent, every worker
 * on the new model set or every one on the old. A worker that fails to load the new set, or exits
 * while loading it, sends the others back. Real workers and ONNX sessions; for the partial failure the
 * new set's manifest is a FIFO, so the test decides what each worker reads, and when.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InferencePool } from '../src/inference/pool.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';

const WORKERS = 3;

describe('pool reload with several workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-reload-'));
  let old: Record<string, string>;

  before(() => {
    old = { base: writeTinyHfModel(join(dir, 'base')), custom: writeTinyHfModel(join(dir, 'custom')) };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const start = (): Promise<InferencePool> =>
    InferencePool.start({ models: old, workers: WORKERS, maxBatchDocuments: 1 });

  /** A model folder whose manifest.json is a FIFO: a worker that loads it waits for `handOut`. */
  function fifoModel(name: string): { dir: string; file: string; manifest: string } {
    const model = writeTinyHfModel(join(dir, name), { version: 'v2' });
    const file = join(model, 'manifest.json');
    const manifest = readFileSync(file, 'utf8');
    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    return { dir: model, file, manifest };
  }

  /**
   * Waits for a worker to open the FIFO `file`, puts `next` in its place (a regular file's content,
   * or `fifo` for a new FIFO) for whoever opens it later, then hands the waiting worker `text`.
   */
  async function handOut(file: string, text: string, next: string): Promise<void> {
    const writer = await open(file, 'w'); // resolves once a reader has it open
    unlinkSync(file);
    if (next === 'fifo') execFileSync('mkfifo', [file]);
    else writeFileSync(file, next);
    await writer.writeFile(text);
    await writer.close();
  }

  /** One request per worker at once (batches of one document): which model each worker can serve. */
  async function everyWorkerServes(pool: InferencePool, model: string): Promise<void> {
    const results = await Promise.allSettled(
      Array.from({ length: WORKERS * 2 }, (_, i) => pool.analyze(model, [`John Smith ${i} lives in Paris`])),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    assert.deepEqual(failed, [], `every worker serves ${model}`);
  }

  test('success: every worker on the new set', async () => {
    const pool = await start();
    try {
      const extra = writeTinyHfModel(join(dir, 'extra'));
      const models = await pool.reload({ ...old, extra });
      assert.deepEqual(models.map((m) => m.id).sort(), ['base', 'custom', 'extra']);
      await everyWorkerServes(pool, 'extra');
    } finally {
      await pool.close();
    }
  });

  test('a worker that fails to load the new set sends those that loaded it back', async () => {
    const pool = await start();
    try {
      const next = fifoModel('partial');
      // The new set drops `custom`: a worker left on it could not serve `custom` any more.
      const reload = pool.reload({ base: next.dir });
      const outcome = reload.then(
        () => 'resolved',
        (err: Error) => err.message,
      );
      // The first worker loads it; the next one reads a broken manifest.
      await handOut(next.file, next.manifest, '{ not json');
      assert.match(await outcome, /invalid JSON/);
      assert.deepEqual(pool.models.map((m) => m.id).sort(), ['base', 'custom']);
      await everyWorkerServes(pool, 'custom');
    } finally {
      await pool.close();
    }
  });

  test('a worker that exits during a reload: the reload ends, every worker on one set', async () => {
    const pool = await start();
    try {
      const extra = writeTinyHfModel(join(dir, 'exit-extra'));
      const reload = pool.reload({ ...old, extra });
      const outcome = reload.then(
        () => 'resolved',
        (err: Error) => err.message,
      );
      // Killed while the reload runs: either the reload fails and every worker is back on the old set,
      // or it had finished and the worker that starts again in its place loads the new set too.
      await pool.killWorker(1);
      const ended = await outcome;
      if (ended === 'resolved') {
        assert.deepEqual(pool.models.map((m) => m.id).sort(), ['base', 'custom', 'extra']);
        await everyWorkerServes(pool, 'extra');
      } else {
        assert.match(ended, /exited/);
        assert.deepEqual(pool.models.map((m) => m.id).sort(), ['base', 'custom']);
        await everyWorkerServes(pool, 'custom');
      }
    } finally {
      await pool.close();
    }
  });
});
