import { cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { RecognizedEntity } from '../entities/types.ts';
import { InferenceFailedError, PoolClosedError, PoolOverloadedError, UnknownModelError } from './errors.ts';
import type { EntitiesInit, FromWorker, ModelDirs, ModelInfo, ToWorker, WorkerInit } from './protocol.ts';
import { startModuleWorker } from '../runtime/worker-thread.ts';

export interface PoolObserver {
  /** A batch finished (or failed) on a worker. */
  batch?(info: { model: string; documents: number; seconds: number; ok: boolean }): void;
  /** Documents waiting for a worker, after every change. */
  queue?(documents: number): void;
  /** A worker died unexpectedly and is being replaced. */
  workerExit?(info: { worker: number; code: number }): void;
  /**
   * A request was accepted into the queue. When it returns a promise, `analyze` settles only once
   * that promise has (and rejects with its error): metering writes the usage ahead here, so making
   * it durable overlaps with the inference instead of adding to the request's latency.
   */
  admitted?(info: JobInfo): void | Promise<void>;
  /** A batch left the queue for a worker. */
  dispatched?(info: { model: string; documents: number }): void;
  /**
   * A request is settled (analysed, or failed) while its admission promise is still pending: the
   * observer must settle it now (metering commits what it wrote ahead).
   */
  waiting?(info: JobInfo): void;
  /** A request that was `admitted` finally failed: its usage is withdrawn before `analyze` rejects. */
  abandoned?(info: JobInfo): void | Promise<void>;
  /** A request's documents were all analysed. */
  completed?(info: JobInfo): void;
}

/** What observers learn of one `analyze` call; `meta` is what the caller passed. */
export interface JobInfo {
  readonly model: string;
  readonly texts: readonly string[];
  readonly meta: unknown;
  /** When the request was admitted (epoch ms): the instant its usage belongs to. */
  readonly admittedAtMs: number;
}

export interface PoolLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PoolOptions {
  readonly models: ModelDirs;
  readonly workers?: number;
  readonly intraOpThreads?: number;
  readonly maxBatchDocuments?: number;
  readonly maxBatchWaitMs?: number;
  readonly maxQueuedDocuments?: number;
  readonly retryAfterSeconds?: number;
  readonly observer?: PoolObserver;
  readonly logger?: PoolLogger;
  /** The entity pipeline for general NER (src/entities); without it every model returns its own labels only. */
  readonly entities?: EntitiesInit;
  /** Test-only: a worker that sees this exact document text exits (simulates a native crash). */
  readonly crashOnText?: string;
}

interface Job {
  readonly model: string;
  readonly texts: readonly string[];
  readonly meta: unknown;
  readonly resolve: (value: RecognizedEntity[][]) => void;
  readonly reject: (err: Error) => void;
  attempts: number;
}

interface Batch {
  readonly id: number;
  readonly model: string;
  readonly jobs: Job[];
  readonly started: number;
}

interface Slot {
  readonly index: number;
  worker: Worker;
  ready: boolean;
  /** The model set its worker has loaded (the pool's `modelDirs` object it started or reloaded with). */
  models?: ModelDirs;
  batch?: Batch;
  /** Being killed (killWorker): its next result is dropped, so the batch is retried as after a crash. */
  doomed?: boolean;
}

/**
 * How long stopping a worker waits for a model call in progress to return. Terminating a thread in
 * the middle of one aborts the whole process (onnxruntime-node's completion throws into the torn-down
 * thread), so a worker is only stopped between calls, unless a call hangs past this.
 */
const CALL_RETURN_CAP_MS = 10_000;

const silentLogger: PoolLogger = { info() {}, warn() {}, error() {} };

/**
 * A fixed set of worker threads, each with its own ONNX sessions, fed from one bounded FIFO queue.
 * Concurrent requests for the same model are merged into micro-batches; a full queue is refused
 * (backpressure) rather than buffered; a crashed worker is replaced and its batch retried once.
 */
export class InferencePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private queuedDocuments = 0;
  private nextBatchId = 1;
  private waitTimer: NodeJS.Timeout | undefined;
  private closing = false;
  /** Set once the workers are being stopped: an exit then is expected, and nothing is respawned. */
  private stopped = false;
  /** True while the batch-wait timer dispatches, so a partial batch may go. */
  private flushing = false;
  private drained: (() => void) | undefined;
  private modelDirs: ModelDirs;
  private info: readonly ModelInfo[] = [];
  /** The reload in progress, if any: reloads run one after another. */
  private reloading: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<Omit<PoolOptions, 'observer' | 'crashOnText' | 'models' | 'entities'>>;

  private constructor(private readonly options: PoolOptions) {
    this.modelDirs = options.models;
    this.opts = {
      workers: options.workers ?? Math.max(1, cpus().length - 1),
      intraOpThreads: options.intraOpThreads ?? 1,
      maxBatchDocuments: options.maxBatchDocuments ?? 32,
      maxBatchWaitMs: options.maxBatchWaitMs ?? 0,
      maxQueuedDocuments: options.maxQueuedDocuments ?? 2_000,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      logger: options.logger ?? silentLogger,
    };
  }

  /** Starts the workers and resolves once every one has loaded every model. */
  static async start(options: PoolOptions): Promise<InferencePool> {
    const pool = new InferencePool(options);
    try {
      await Promise.all(Array.from({ length: pool.opts.workers }, (_, i) => pool.spawn(i)));
    } catch (err) {
      await pool.terminateAll();
      throw err;
    }
    return pool;
  }

  /** Models every worker has loaded. */
  get models(): readonly ModelInfo[] {
    return this.info;
  }

  get queueDepth(): number {
    return this.queuedDocuments;
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /** Analyses documents with one model; resolves with the entities of each, in input order. */
  analyze(model: string, texts: readonly string[], meta?: unknown): Promise<RecognizedEntity[][]> {
    if (this.closing) return Promise.reject(new PoolClosedError());
    if (!this.info.some((m) => m.id === model)) return Promise.reject(new UnknownModelError(model));
    if (texts.length === 0) return Promise.resolve([]);
    if (this.queuedDocuments + texts.length > this.opts.maxQueuedDocuments) {
      return Promise.reject(new PoolOverloadedError(this.opts.retryAfterSeconds));
    }
    const info: JobInfo = { model, texts, meta, admittedAtMs: Date.now() };
    const observer = this.options.observer;
    const admission = observer?.admitted?.(info);
    let admitted = admission === undefined;
    // Never an unhandled rejection while the inference runs: it is awaited below either way.
    admission?.then(
      () => (admitted = true),
      () => (admitted = true),
    );
    const result = new Promise<RecognizedEntity[][]>((resolve, reject) => {
      this.queue.push({ model, texts, meta, resolve, reject, attempts: 0 });
      this.queuedDocuments += texts.length;
      observer?.queue?.(this.queuedDocuments);
      this.dispatch();
    });
    return result.then(
      async (entities) => {
        if (!admitted) observer?.waiting?.(info);
        await admission;
        observer?.completed?.(info);
        return entities;
      },
      async (err: unknown) => {
        if (admission) {
          if (!admitted) observer?.waiting?.(info);
          const durable = await admission.then(
            () => true,
            () => false,
          );
          if (durable) await observer?.abandoned?.(info);
        }
        throw err;
      },
    );
  }

  /**
   * Loads a new set of models in every worker, one worker at a time so the others keep serving. It
   * always ends, and ends consistent: every worker on the new set, or (when one fails to load it or
   * exits while loading it) every worker back on the set it had, and the error thrown.
   */
  reload(models: ModelDirs): Promise<readonly ModelInfo[]> {
    const run = this.reloading.then(() => this.reloadAll(models));
    this.reloading = run.catch(() => undefined);
    return run;
  }

  private async reloadAll(models: ModelDirs): Promise<readonly ModelInfo[]> {
    const previous = { dirs: this.modelDirs, info: this.info };
    let info = this.info;
    try {
      // A worker that is (re)starting now is left alone: it loads whatever set is current once up.
      for (const slot of this.slots) if (slot.ready) info = await this.switchModels(slot, models);
    } catch (err) {
      this.opts.logger.warn(
        { err: (err as Error).message },
        'model reload failed; restoring the previous models',
      );
      await Promise.all(this.slots.map((slot) => this.bringTo(slot, previous.dirs)));
      this.info = previous.info;
      throw err;
    }
    this.modelDirs = models;
    this.info = info;
    // A worker replaced during the pass started on the previous set: it moves over too.
    await Promise.all(this.slots.map((slot) => this.bringTo(slot, models)));
    return this.info;
  }

  /** Moves `slot`'s worker to `models` if it is up and on another set; a worker that cannot is restarted. */
  private async bringTo(slot: Slot, models: ModelDirs): Promise<void> {
    if (!slot.ready || slot.models === models) return;
    try {
      await this.switchModels(slot, models);
    } catch (err) {
      // It restarts on the pool's current set (spawn), like a crashed worker.
      this.opts.logger.error(
        { worker: slot.index, err: (err as Error).message },
        'inference worker restarted to reload',
      );
      await this.killWorker(slot.index);
    }
  }

  /** One worker loads `models`; rejects if it cannot, or exits first. */
  private async switchModels(slot: Slot, models: ModelDirs): Promise<readonly ModelInfo[]> {
    const reply = await this.request(slot, { type: 'reload', models }, ['reloaded', 'reloadFailed']);
    if (reply.type !== 'reloaded')
      throw new Error(reply.type === 'reloadFailed' ? reply.message : 'unexpected reply');
    slot.models = models;
    return reply.models;
  }

  /**
   * Stops taking work, lets queued and in-flight batches finish (up to `graceMs`), stops the workers.
   * Work still unfinished after the grace fails with PoolClosedError, so every caller gets an answer
   * (and the usage of work never done is withdrawn) before the process exits.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    if (this.queue.length > 0 || this.slots.some((s) => s.batch)) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    }
    const unfinished = this.queue.splice(0);
    const calls = this.slots.filter((s) => s.batch).map((s) => this.callReturned(s));
    for (const slot of this.slots) {
      unfinished.push(...(slot.batch?.jobs ?? []));
      slot.batch = undefined;
    }
    this.queuedDocuments = 0;
    // Callers get their answer now; the threads stop once their model calls have returned.
    for (const job of unfinished) job.reject(new PoolClosedError());
    await this.capped(Promise.all(calls));
    await this.terminateAll();
  }

  /**
   * Kills one worker as a crash would (after its model call in progress, if any); it is replaced on
   * the current model set. A test hook, and how a worker that cannot reload is brought back in line.
   */
  async killWorker(index: number): Promise<void> {
    const slot = this.slots[index];
    if (!slot) return;
    if (slot.batch) {
      slot.doomed = true;
      await this.capped(this.callReturned(slot));
    }
    await slot.worker.terminate();
  }

  /** Resolves when `slot`'s worker answers its batch (or exits). */
  private callReturned(slot: Slot): Promise<void> {
    const worker = slot.worker;
    return new Promise<void>((resolve) => {
      const onMessage = (msg: FromWorker): void => {
        if (msg.type === 'result' || msg.type === 'error') done();
      };
      const done = (): void => {
        worker.off('message', onMessage);
        worker.off('exit', done);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', done);
    });
  }

  private capped(work: Promise<unknown>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, CALL_RETURN_CAP_MS)));
    return Promise.race([work, cap]).finally(() => clearTimeout(timer));
  }

  private async terminateAll(): Promise<void> {
    // Exit listeners stay: a control request waiting on a worker learns that it is gone.
    this.stopped = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(index: number): Promise<void> {
    const models = this.modelDirs;
    const init: WorkerInit = {
      models,
      intraOpThreads: this.opts.intraOpThreads,
      ...(this.options.entities ? { entities: this.options.entities } : {}),
      ...(this.options.crashOnText !== undefined ? { crashOnText: this.options.crashOnText } : {}),
    };
    const worker = startModuleWorker(import.meta.url, 'worker', init);
    const slot: Slot = this.slots[index] ?? { index, worker, ready: false };
    slot.worker = worker;
    slot.ready = false;
    this.slots[index] = slot;

    return new Promise<void>((resolve, reject) => {
      const onStartup = (msg: FromWorker): void => {
        if (msg.type === 'ready') {
          worker.off('message', onStartup);
          if (models === this.modelDirs) this.info = msg.models;
          slot.models = models;
          slot.ready = true;
          worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
          resolve();
          // Started before a reload changed the set, it has loaded the previous one: it moves over.
          if (models !== this.modelDirs) void this.bringTo(slot, this.modelDirs);
          this.dispatch();
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
        if (!slot.ready) startupError ??= err.message;
        this.opts.logger.error({ worker: index, err: err.message }, 'inference worker error');
      });
      worker.once('exit', (code) => {
        if (!slot.ready) {
          const why = startupError ? `: ${startupError}` : '';
          reject(new Error(`inference worker ${index} exited during startup (code ${code})${why}`));
        } else if (!this.stopped) this.onExit(slot, code);
      });
    });
  }

  private onExit(slot: Slot, code: number): void {
    slot.doomed = false;
    this.options.observer?.workerExit?.({ worker: slot.index, code });
    this.opts.logger.warn({ worker: slot.index, code }, 'inference worker exited; replacing it');
    slot.ready = false;
    const batch = slot.batch;
    slot.batch = undefined;
    if (batch) {
      const retry: Job[] = [];
      for (const job of batch.jobs) {
        job.attempts++;
        if (job.attempts >= 2)
          job.reject(new InferenceFailedError('the inference worker crashed twice on this request'));
        else retry.push(job);
      }
      // Retried work goes first: it has waited longest.
      this.queue.unshift(...retry);
      this.queuedDocuments += retry.reduce((n, j) => n + j.texts.length, 0);
    }
    this.respawn(slot.index, 0);
  }

  private respawn(index: number, failures: number): void {
    if (this.stopped) return;
    this.spawn(index).catch((err: Error) => {
      this.opts.logger.error({ worker: index, err: err.message }, 'inference worker failed to start');
      const delay = Math.min(30_000, 500 * 2 ** failures);
      setTimeout(() => this.respawn(index, failures + 1), delay).unref();
    });
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type !== 'result' && msg.type !== 'error') return;
    if (slot.doomed) return;
    const batch = slot.batch;
    if (!batch || batch.id !== msg.batchId) return;
    slot.batch = undefined;
    const seconds = (performance.now() - batch.started) / 1000;
    const documents = batch.jobs.reduce((n, j) => n + j.texts.length, 0);
    this.options.observer?.batch?.({ model: batch.model, documents, seconds, ok: msg.type === 'result' });
    if (msg.type === 'error') {
      for (const job of batch.jobs) job.reject(new InferenceFailedError(msg.message));
    } else {
      let at = 0;
      for (const job of batch.jobs) {
        job.resolve(msg.entities.slice(at, at + job.texts.length));
        at += job.texts.length;
      }
    }
    this.dispatch();
  }

  /** Hands queued jobs to idle workers, merging jobs for the same model into one batch. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.batch) continue;
      if (this.shouldWait()) return;
      const head = this.queue[0]!;
      const jobs: Job[] = [];
      let documents = 0;
      for (let i = 0; i < this.queue.length;) {
        const job = this.queue[i]!;
        if (
          job.model === head.model &&
          (jobs.length === 0 || documents + job.texts.length <= this.opts.maxBatchDocuments)
        ) {
          jobs.push(job);
          documents += job.texts.length;
          this.queue.splice(i, 1);
        } else i++;
        if (documents >= this.opts.maxBatchDocuments) break;
      }
      this.queuedDocuments -= documents;
      const batch: Batch = { id: this.nextBatchId++, model: head.model, jobs, started: performance.now() };
      slot.batch = batch;
      const texts = jobs.flatMap((j) => j.texts);
      slot.worker.postMessage({
        type: 'run',
        batchId: batch.id,
        model: batch.model,
        texts,
      } satisfies ToWorker);
      this.options.observer?.dispatched?.({ model: batch.model, documents });
    }
    this.options.observer?.queue?.(this.queuedDocuments);
    if (this.closing && this.queue.length === 0 && !this.slots.some((s) => s.batch)) this.drained?.();
  }

  /** With a batch wait configured, a small batch waits for company while other workers are busy. */
  private shouldWait(): boolean {
    if (this.opts.maxBatchWaitMs === 0 || this.queuedDocuments >= this.opts.maxBatchDocuments) return false;
    if (this.slots.every((s) => !s.batch)) return false;
    if (!this.waitTimer) {
      this.waitTimer = setTimeout(() => {
        this.waitTimer = undefined;
        this.flushing = true;
        this.dispatch();
        this.flushing = false;
      }, this.opts.maxBatchWaitMs);
    }
    return !this.flushing;
  }

  /** Sends a control message and waits for one of the given replies; rejects if the worker exits first. */
  private request(slot: Slot, msg: ToWorker, replies: FromWorker['type'][]): Promise<FromWorker> {
    const worker = slot.worker;
    return new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker): void => {
        if (!replies.includes(m.type)) return;
        stop();
        resolve(m);
      };
      const onExit = (code: number): void => {
        stop();
        reject(
          new Error(`inference worker ${slot.index} exited (code ${code}) before it answered ${msg.type}`),
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
}
