import type { EntitySelection } from '../entities/selection.ts';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/worker-thread.ts';
import type { ModelDirs } from '../model/catalog.ts';
import type { FromWorker, ModelInfo, ToWorker, WorkerInit } from './protocol.ts';

/** A batch answer from a worker (a result's entities still packed: entity-transfer.ts). */
export type BatchAnswer = Extract<FromWorker, { type: 'result' | 'error' }>;

export interface SlotLogger {
  error(obj: object, msg: string): void;
}

/** The batch a slot's worker runs (the pool's own type extends it). */
export interface SlotBatch {
  readonly id: number;
}

/** What a slot tells its pool once its worker is up. */
export interface SlotHooks<T extends SlotBatch> {
  /** The worker answered a batch (still first in `slot.batches`). */
  answer(slot: WorkerSlot<T>, msg: BatchAnswer): void;
  /** The worker, up until now, exited. */
  exit(slot: WorkerSlot<T>, code: number): void;
}

/**
 * How long stopping a worker waits for a model call in progress to return. Terminating a thread in
 * the middle of one aborts the whole process (onnxruntime-node's completion throws into the torn-down
 * thread), so a worker is only stopped between calls, unless a call hangs past this.
 */
const CALL_RETURN_CAP_MS = 10_000;

/**
 * One place in the pool and the worker thread in it: starting a worker (and the next one after it
 * died), the batches it runs, control requests (reload) and stopping it between model calls.
 */
export class WorkerSlot<T extends SlotBatch> {
  private thread: Worker | undefined;
  /** Up and answering (not starting, not dead). */
  ready = false;
  /** The model set its worker has loaded (the very object it started or reloaded with). */
  models: ModelDirs | undefined;
  /**
   * The batches handed to its worker, oldest first: the first one runs, the others wait in the
   * worker's port so it starts the next one the moment it answers one (pool.ts: batchesPerWorker).
   */
  readonly batches: T[] = [];
  /** Being killed: its answers are dropped, so its batches are retried as after a crash. */
  doomed = false;

  constructor(
    readonly index: number,
    private readonly hooks: SlotHooks<T>,
    private readonly logger: SlotLogger,
  ) {}

  private get worker(): Worker {
    if (!this.thread) throw new Error(`inference worker ${this.index} was never started`);
    return this.thread;
  }

  /**
   * Starts a worker thread on `init` (replacing a dead one); resolves with what it loaded once it is
   * ready, rejects if it fails to load or exits first (saying why when it can). `limits`: the thread's
   * heap limits.
   */
  start(init: WorkerInit, limits?: ResourceLimits): Promise<readonly ModelInfo[]> {
    const worker = startModuleWorker(import.meta.url, 'worker', init, limits);
    this.thread = worker;
    this.ready = false;
    return new Promise((resolve, reject) => {
      const onStartup = (msg: FromWorker): void => {
        if (msg.type === 'ready') {
          worker.off('message', onStartup);
          this.models = init.models;
          this.ready = true;
          worker.on('message', (m: FromWorker) => {
            if (m.type === 'result' || m.type === 'error') this.hooks.answer(this, m);
          });
          resolve(msg.models);
        } else if (msg.type === 'failed') {
          worker.removeAllListeners('exit');
          void worker.terminate();
          reject(new Error(msg.message));
        }
      };
      worker.on('message', onStartup);
      // An error thrown while the worker loads (a module that fails to import) arrives here before
      // its exit: kept so the startup failure says why.
      let startupError: string | undefined;
      worker.on('error', (err) => {
        if (!this.ready) startupError ??= err.message;
        this.logger.error({ worker: this.index, err: err.message }, 'inference worker error');
      });
      worker.once('exit', (code) => {
        if (!this.ready) {
          const why = startupError ? `: ${startupError}` : '';
          reject(new Error(`inference worker ${this.index} exited during startup (code ${code})${why}`));
        } else this.hooks.exit(this, code);
      });
    });
  }

  /** Hands `batch` to the worker, behind the ones it has. */
  run(
    batch: T,
    model: string,
    texts: readonly string[],
    selections: readonly (EntitySelection | undefined)[] | undefined,
  ): void {
    this.batches.push(batch);
    const msg: ToWorker = {
      type: 'run',
      batchId: batch.id,
      model,
      texts,
      ...(selections ? { selections } : {}),
    };
    this.worker.postMessage(msg);
  }

  /** Sends a control message and waits for one of the given replies; rejects if the worker exits first. */
  request(msg: ToWorker, replies: readonly FromWorker['type'][]): Promise<FromWorker> {
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker): void => {
        if (!replies.includes(m.type)) return;
        stop();
        resolve(m);
      };
      const onExit = (code: number): void => {
        stop();
        reject(
          new Error(`inference worker ${this.index} exited (code ${code}) before it answered ${msg.type}`),
        );
      };
      const stop = (): void => {
        worker.off('message', onMsg);
        worker.off('exit', onExit);
      };
      worker.on('message', onMsg);
      worker.once('exit', onExit);
      worker.postMessage(msg);
    });
  }

  /**
   * Resolves when the worker has answered the batches it has now (or exits), at most
   * CALL_RETURN_CAP_MS from now: once its last one is answered it starts no model call of its own.
   */
  callReturned(): Promise<void> {
    const worker = this.worker;
    let timer: NodeJS.Timeout | undefined;
    let unanswered = this.batches.length;
    const returned = new Promise<void>((resolve) => {
      const onMessage = (msg: FromWorker): void => {
        if ((msg.type === 'result' || msg.type === 'error') && --unanswered <= 0) done();
      };
      const done = (): void => {
        worker.off('message', onMessage);
        worker.off('exit', done);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', done);
    });
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, CALL_RETURN_CAP_MS)));
    return Promise.race([returned, cap]).finally(() => clearTimeout(timer));
  }

  /** Kills the worker as a crash would, after its model calls in progress (if any) returned. */
  async kill(): Promise<void> {
    if (this.batches.length > 0) {
      this.doomed = true;
      await this.callReturned();
    }
    await this.terminate();
  }

  /** Stops the thread now (its `exit` hook still runs: the pool decides whether that matters). */
  async terminate(): Promise<void> {
    await this.thread?.terminate();
  }
}
