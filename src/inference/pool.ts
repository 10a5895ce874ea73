import type { EntitySelection } from '../entities/selection.ts';
import type { PoolEntity } from './entity-transfer.ts';
import { type Config, InferenceSchema } from '../config/schema.ts';
import type { ModelDirs } from '../model/catalog.ts';
import { Admission } from './admission.ts';
import { PoolClosedError } from './errors.ts';
import { type Batch, Dispatcher } from './dispatcher.ts';
import { type PoolEventListener, type PoolEventName, PoolEvents } from './events.ts';
import type { EntitiesInit, ModelInfo, WorkerInit } from './protocol.ts';
import { wantsRecognizerThread } from './recognizer-thread.ts';
import { type ModelSet, Reloader } from './reload.ts';
import type { UsageReservations } from './reservations.ts';
import { WorkerSlot } from './worker-slot.ts';

export type InferenceSettings = Config['inference'];
export type { PoolEntity } from './entity-transfer.ts';

export interface PoolLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The `inference` settings (each defaults as in src/config/schema.ts), the models, and what the pool reports to. */
export interface PoolOptions extends Partial<InferenceSettings> {
  readonly models: ModelDirs;
  /** Metering's usage contract (reservations.ts); without it nothing is metered. */
  readonly reservations?: UsageReservations;
  readonly logger?: PoolLogger;
  /** The entity pipeline for general NER (src/entities); without it every model returns its own labels only. */
  readonly entities?: EntitiesInit;
  /** Test-only: a worker that sees this exact document text exits (simulates a native crash). */
  readonly crashOnText?: string;
  /** Test-only: a worker's rule recogniser thread that sees this exact document text exits. */
  readonly crashRecognizersOnText?: string;
  /**
   * How long `close()` without an argument lets queued and running work finish (the server passes
   * server.shutdownGraceMs); unset, it waits until that work is done.
   */
  readonly closeGraceMs?: number;
}

export interface AnalyzeOptions {
  /** Carried untouched on the request's events (`request.correlation`): a trace context, a request id. */
  readonly correlation?: unknown;
  /** Applied by the worker to each document's entities; absent: every candidate, overlaps and metadata included. */
  readonly selection?: EntitySelection;
  /**
   * The entities' metadata as the JSON text the worker wrote (`PoolEntity.metadataJson`), not
   * parsed: for a caller that writes it into a response as it is.
   */
  readonly metadataAsJson?: boolean;
}

const silentLogger: PoolLogger = { info() {}, warn() {}, error() {} };

/** `options`' inference settings, the unset ones at their config defaults. */
function inferenceSettings(options: Partial<InferenceSettings>): InferenceSettings {
  const keys = Object.keys(InferenceSchema.shape) as (keyof InferenceSettings)[];
  return InferenceSchema.parse(Object.fromEntries(keys.map((key) => [key, options[key]])));
}

/**
 * A fixed set of worker threads, each with its own ONNX sessions, fed from one bounded FIFO queue.
 * Concurrent requests for the same model are merged into micro-batches; a full queue is refused
 * (backpressure) rather than buffered; a crashed worker is replaced and its batch retried once.
 *
 * The parts: admission.ts (what gets in, usage reservations, waiting for room), batcher.ts (the
 * queue and how it is cut into batches), dispatcher.ts (batches to workers and answers back),
 * worker-slot.ts (one worker thread), reload.ts (model sets), events.ts (what it reports).
 */
export class InferencePool {
  private readonly settings: InferenceSettings;
  private readonly logger: PoolLogger;
  private readonly events: PoolEvents;
  private readonly slots: WorkerSlot<Batch>[] = [];
  private readonly dispatcher: Dispatcher;
  private readonly admission: Admission;
  private readonly reloader: Reloader<Batch>;
  private readonly current: ModelSet;
  /** Set once the workers are being stopped: an exit then is expected, and nothing is respawned. */
  private stopped = false;

  private constructor(private readonly options: PoolOptions) {
    this.settings = inferenceSettings(options);
    this.logger = options.logger ?? silentLogger;
    this.events = new PoolEvents((err, event) =>
      this.logger.error({ event, err: (err as Error).message }, 'inference pool event listener failed'),
    );
    this.current = { dirs: options.models, info: [] };
    this.dispatcher = new Dispatcher(this.slots, this.settings, this.events);
    this.admission = new Admission(this.settings, options.reservations);
    this.events.on('queueDepth', (q) => this.admission.queueChanged(q.documents));
    this.reloader = new Reloader(this.slots, this.current, (slot) => slot.kill(), this.logger);
  }

  /** Starts the workers and resolves once every one has loaded every model. */
  static async start(options: PoolOptions): Promise<InferencePool> {
    const pool = new InferencePool(options);
    try {
      await Promise.all(Array.from({ length: pool.settings.workers }, (_, i) => pool.spawn(i)));
    } catch (err) {
      await pool.terminateAll();
      throw err;
    }
    return pool;
  }

  /** Models every worker has loaded. */
  get models(): readonly ModelInfo[] {
    return this.current.info;
  }

  get queueDepth(): number {
    return this.dispatcher.queuedDocuments;
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /** Adds a listener for one of the pool's events (events.ts); returns the function that removes it. */
  on<K extends PoolEventName>(name: K, listener: PoolEventListener<K>): () => void {
    return this.events.on(name, listener);
  }

  /**
   * Analyses documents with one model; resolves with the entities of each, in input order. `meta`
   * goes to the usage reservation (metering's usage context); absent or unknown to it, the call is
   * not metered.
   */
  analyze(
    model: string,
    texts: readonly string[],
    meta?: unknown,
    options: AnalyzeOptions = {},
  ): Promise<PoolEntity[][]> {
    const known = this.current.info.some((m) => m.id === model);
    const refused = this.admission.refusal(model, known, texts.length, this.dispatcher.queuedDocuments);
    if (refused) return Promise.reject(refused);
    if (texts.length === 0) return Promise.resolve([]);
    const request = this.admission.request(model, texts, meta, options.correlation);
    const analysed = this.admission.reserved(
      request,
      (started) =>
        new Promise<PoolEntity[][]>((resolve, reject) => {
          const queuedAt = performance.now();
          this.dispatcher.enqueue({
            request,
            model,
            size: texts.length,
            queuedAt,
            attempt: 1,
            selection: options.selection,
            metadataAsJson: options.metadataAsJson === true,
            started,
            resolve,
            reject,
          });
        }),
    );
    if (!this.events.heard('requestEnd')) return analysed;
    return analysed.then(
      (entities) => {
        this.events.emit('requestEnd', { request, endedAt: performance.now(), ok: true });
        return entities;
      },
      (err: Error) => {
        this.events.emit('requestEnd', { request, endedAt: performance.now(), ok: false, error: err });
        throw err;
      },
    );
  }

  /**
   * Resolves once `documents` more fit in the queue (at once if they do), or when the pool closes
   * or `signal` aborts: the "capacity available" signal for work that waits for room instead of
   * being refused (an accepted job). The room is not held: the caller tries again and may be refused.
   */
  whenCapacity(documents: number, signal?: AbortSignal): Promise<void> {
    return this.admission.whenRoom(documents, this.dispatcher.queuedDocuments, signal);
  }

  /**
   * Loads a new set of models in every worker, one worker at a time so the others keep serving. It
   * always ends, and ends consistent: every worker on the new set, or (when one fails to load it or
   * exits while loading it) every worker back on the set it had, and the error thrown.
   */
  reload(models: ModelDirs): Promise<readonly ModelInfo[]> {
    return this.reloader.reload(models);
  }

  /**
   * Stops taking work, lets queued and in-flight batches finish (up to `graceMs`, by default the
   * pool's `closeGraceMs`), stops the workers.
   * Work still unfinished after the grace fails with PoolClosedError, so every caller gets an answer
   * (and the usage of work never done is withdrawn) before the process exits.
   */
  async close(graceMs = this.options.closeGraceMs): Promise<void> {
    this.admission.close();
    await this.dispatcher.settled(graceMs);
    const calls = this.slots.filter((s) => s.batches.length > 0).map((s) => s.callReturned());
    // Callers get their answer now; the threads stop once their model calls have returned.
    for (const job of this.dispatcher.takeAll()) job.reject(new PoolClosedError());
    await Promise.all(calls);
    await this.terminateAll();
  }

  /**
   * Kills one worker as a crash would (after its model call in progress, if any); it is replaced on
   * the current model set. A test hook, and how a worker that cannot reload is brought back in line.
   */
  async killWorker(index: number): Promise<void> {
    await this.slots[index]?.kill();
  }

  private async terminateAll(): Promise<void> {
    // Exit listeners stay: a control request waiting on a worker learns that it is gone.
    this.stopped = true;
    await Promise.all(this.slots.map((s) => s.terminate()));
  }

  private async spawn(index: number): Promise<void> {
    const models = this.current.dirs;
    const init: WorkerInit = {
      models,
      intraOpThreads: this.settings.intraOpThreads,
      recognizerThread: wantsRecognizerThread(this.settings.recognizerThread, this.settings.workers),
      ...(this.options.entities ? { entities: this.options.entities } : {}),
      ...(this.options.crashOnText !== undefined ? { crashOnText: this.options.crashOnText } : {}),
      ...(this.options.crashRecognizersOnText !== undefined
        ? { crashRecognizersOnText: this.options.crashRecognizersOnText }
        : {}),
    };
    const slot = (this.slots[index] ??= new WorkerSlot<Batch>(
      index,
      { answer: (s, msg) => this.dispatcher.answer(s, msg), exit: (s, code) => this.exited(s, code) },
      this.logger,
    ));
    const loaded = await slot.start(init, {
      maxYoungGenerationSizeMb: this.settings.workerYoungGenerationMb,
    });
    if (models === this.current.dirs) this.current.info = loaded;
    // Started before a reload changed the set, it has loaded the previous one: it moves over.
    else void this.reloader.bringTo(slot, this.current.dirs);
    this.dispatcher.dispatch();
  }

  private exited(slot: WorkerSlot<Batch>, code: number): void {
    if (this.stopped) return;
    slot.doomed = false;
    slot.ready = false;
    this.events.emit('workerExit', { worker: slot.index, code });
    this.logger.warn({ worker: slot.index, code }, 'inference worker exited; replacing it');
    this.dispatcher.retryLost(slot);
    this.respawn(slot.index, 0);
  }

  private respawn(index: number, failures: number): void {
    if (this.stopped) return;
    this.spawn(index).catch((err: Error) => {
      this.logger.error({ worker: index, err: err.message }, 'inference worker failed to start');
      const delay = Math.min(30_000, 500 * 2 ** failures);
      setTimeout(() => this.respawn(index, failures + 1), delay).unref();
    });
  }
}
