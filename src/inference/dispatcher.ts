import type { EntitySelection } from '../entities/selection.ts';
import { type Batchable, Batcher, enoughToFollow, holdPartialBatch } from './batcher.ts';
import { type PoolEntity, unpackEntities } from './entity-transfer.ts';
import { InferenceFailedError } from './errors.ts';
import type { BatchInfo, PoolEvents, PoolRequest, QueuedRequest } from './events.ts';
import type { BatchAnswer, WorkerSlot } from './worker-slot.ts';

/** A request inside the pool: queued, or in a worker's batch. */
export interface Job extends QueuedRequest, Batchable {
  readonly request: PoolRequest;
  queuedAt: number;
  attempt: number;
  /** What its caller keeps of each document's entities (applied in the worker). */
  readonly selection: EntitySelection | undefined;
  /** Its caller takes the metadata as JSON text (AnalyzeOptions.metadataAsJson). */
  readonly metadataAsJson: boolean;
  /** Called when its batch starts: makes its usage reservation durable (admission.ts). */
  readonly started: (() => void) | undefined;
  readonly resolve: (entities: PoolEntity[][]) => void;
  readonly reject: (err: Error) => void;
}

/** A batch on a worker; it is also the `batchStart` event. */
export interface Batch extends BatchInfo {
  readonly requests: Job[];
}

export interface DispatchSettings {
  readonly maxBatchDocuments: number;
  readonly maxBatchWaitMs: number;
  /** Batches a worker holds at once: the one it runs and those waiting behind it. */
  readonly batchesPerWorker: number;
}

/** Some of `jobs` is being retried: it was in a batch lost with its worker. */
function retried(jobs: readonly Job[]): boolean {
  return jobs.some((j) => j.attempt > 1);
}

/** `value(job)` for each document of the batch, in batch order (a job's value for each of its documents). */
function perDocument<T>(jobs: readonly Job[], value: (job: Job) => T): T[] {
  const out: T[] = [];
  for (const job of jobs) for (let d = 0; d < job.size; d++) out.push(value(job));
  return out;
}

/** Each document's selection, or undefined when no job of the batch has one (callers that want everything). */
function selectionsOf(jobs: readonly Job[]): (EntitySelection | undefined)[] | undefined {
  return jobs.some((j) => j.selection) ? perDocument(jobs, (j) => j.selection) : undefined;
}

/** Whether each document's caller takes its metadata as JSON text, or undefined when none does. */
function metadataAsJsonOf(jobs: readonly Job[]): ((document: number) => boolean) | undefined {
  if (!jobs.some((j) => j.metadataAsJson)) return undefined;
  const asJson = perDocument(jobs, (j) => j.metadataAsJson);
  return (document) => asJson[document] === true;
}

/**
 * Moves queued requests to idle workers, one micro-batch per worker, and their answers back: the
 * entities to each request, a model error to all of them, a batch lost with its worker back to the
 * queue (once).
 */
export class Dispatcher {
  private readonly queue: Batcher<Job>;
  private nextBatchId = 1;
  private waitTimer: NodeJS.Timeout | undefined;
  /** True while the batch-wait timer dispatches, so a partial batch may go. */
  private flushing = false;
  private drained: (() => void) | undefined;

  constructor(
    private readonly slots: readonly WorkerSlot<Batch>[],
    private readonly settings: DispatchSettings,
    private readonly events: PoolEvents,
  ) {
    this.queue = new Batcher(settings.maxBatchDocuments);
  }

  /** Documents waiting for a worker. */
  get queuedDocuments(): number {
    return this.queue.documents;
  }

  /** Nothing queued, nothing on a worker. */
  get idle(): boolean {
    return this.queue.empty && !this.busy;
  }

  /** Some worker has a batch. */
  private get busy(): boolean {
    return this.slots.some((s) => s.batches.length > 0);
  }

  enqueue(job: Job): void {
    this.queue.push(job);
    this.events.emit('requestQueued', job);
    this.events.emit('queueDepth', { documents: this.queue.documents });
    this.dispatch();
  }

  /**
   * Hands queued jobs to workers, merging jobs for the same model into one batch: idle workers first,
   * then a batch to wait behind each running one (up to `batchesPerWorker`), so a worker goes from
   * one batch to the next without waiting for this thread to hear its answer and send more; one to
   * wait goes once enough documents have queued for it (batcher.ts `enoughToFollow`). Work
   * retried after a crash runs alone on its worker (an idle one, nothing sent behind it): if it
   * crashes the worker again, no one else's work is lost with it.
   */
  dispatch(): void {
    for (let depth = 0; depth < this.settings.batchesPerWorker && !this.queue.empty; depth++) {
      for (const slot of this.slots) {
        if (this.queue.empty) break;
        if (!slot.ready || slot.doomed || slot.batches.length !== depth) continue;
        if (depth > 0 && !this.mayWaitBehind(slot, depth)) continue;
        if (this.shouldWait()) return;
        this.start(slot, this.queue.take()!);
      }
    }
    this.events.emit('queueDepth', { documents: this.queue.documents });
    if (this.drained && this.idle) this.drained();
  }

  /** Whether the queue's head may go to `slot` as its batch number `depth` (> 0), behind those it holds. */
  private mayWaitBehind(slot: WorkerSlot<Batch>, depth: number): boolean {
    if (retried(slot.batches[0]!.requests) || retried([this.queue.head!])) return false;
    const ahead = slot.batches[depth - 1]!.documents;
    return enoughToFollow(this.queue.documents, ahead, this.settings.maxBatchDocuments);
  }

  private start(slot: WorkerSlot<Batch>, jobs: Job[]): void {
    const batch: Batch = {
      id: this.nextBatchId++,
      model: jobs[0]!.model,
      documents: jobs.reduce((n, j) => n + j.size, 0),
      worker: slot.index,
      requests: jobs,
      startedAt: performance.now(),
    };
    slot.run(
      batch,
      batch.model,
      jobs.flatMap((j) => j.request.texts),
      selectionsOf(jobs),
    );
    this.events.emit('batchStart', batch);
    for (const job of jobs) job.started?.();
  }

  /**
   * A worker answered its batch. The worker gets its next batch first, then the answer is unpacked
   * and handed out: the worker waits for nothing but the hand-over (callers' continuations run later
   * anyway, as microtasks, so the events keep their order).
   */
  answer(slot: WorkerSlot<Batch>, msg: BatchAnswer): void {
    if (slot.doomed) return;
    const batch = slot.batches[0];
    if (!batch || batch.id !== msg.batchId) return;
    slot.batches.shift();
    this.ended(
      batch,
      msg.type === 'error' ? 'error' : 'ok',
      msg.type === 'error' ? msg.message : undefined,
      msg.startedAtMs,
    );
    this.dispatch();
    if (msg.type === 'error') {
      for (const job of batch.requests) job.reject(new InferenceFailedError(msg.message));
      return;
    }
    let entities: PoolEntity[][];
    try {
      entities = unpackEntities(msg.entities, metadataAsJsonOf(batch.requests));
    } catch (err) {
      // Our own worker packed it; a malformed answer fails its requests rather than the process.
      for (const job of batch.requests)
        job.reject(new InferenceFailedError(`unreadable answer: ${String(err)}`));
      return;
    }
    let at = 0;
    for (const job of batch.requests) {
      job.resolve(entities.slice(at, at + job.size));
      at += job.size;
    }
  }

  /** `slot`'s worker died: its batches are retried once, first in the queue (they have waited longest). */
  retryLost(slot: WorkerSlot<Batch>): void {
    const batches = slot.batches.splice(0);
    if (batches.length === 0) return;
    const retry: Job[] = [];
    for (const batch of batches) {
      this.ended(batch, 'lost');
      for (const job of batch.requests) {
        job.attempt++;
        if (job.attempt > 2)
          job.reject(new InferenceFailedError('the inference worker crashed twice on this request'));
        else retry.push(job);
      }
    }
    const now = performance.now();
    for (const job of retry) job.queuedAt = now;
    this.queue.pushFront(retry);
    for (const job of retry) this.events.emit('requestQueued', job);
  }

  /** Resolves once nothing is queued or running, or `graceMs` from now (if given). */
  settled(graceMs?: number): Promise<void> {
    if (this.idle) return Promise.resolve();
    const drained = new Promise<void>((resolve) => (this.drained = resolve));
    if (graceMs === undefined) return drained;
    return Promise.race([drained, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  /** Takes every job out, queued or on a worker (the pool closes): the caller fails them. */
  takeAll(): Job[] {
    const jobs = this.queue.drain();
    for (const slot of this.slots) {
      for (const batch of slot.batches.splice(0)) {
        this.ended(batch, 'lost');
        jobs.push(...batch.requests);
      }
    }
    return jobs;
  }

  /**
   * `workerStartedAtMs`: when the worker began the batch, on its clock (epoch ms); unknown for a lost
   * one, whose time then runs from its hand-over.
   */
  private ended(
    batch: Batch,
    outcome: 'ok' | 'error' | 'lost',
    error?: string,
    workerStartedAtMs?: number,
  ): void {
    if (!this.events.heard('batchEnd')) return;
    const endedAt = performance.now();
    // The worker's clock read on this thread's (the same wall clock at sub-ms resolution), clamped to
    // the hand-over and to now.
    const runStartedAt =
      workerStartedAtMs === undefined
        ? batch.startedAt
        : Math.min(Math.max(batch.startedAt, workerStartedAtMs - performance.timeOrigin), endedAt);
    const seconds = (endedAt - runStartedAt) / 1000;
    this.events.emit('batchEnd', {
      ...batch,
      runStartedAt,
      endedAt,
      seconds,
      outcome,
      ...(error ? { error } : {}),
    });
  }

  /** With a batch wait configured, a small batch waits for company while other workers are busy. */
  private shouldWait(): boolean {
    if (!holdPartialBatch(this.queue.documents, this.settings, this.busy)) return false;
    if (!this.waitTimer) {
      this.waitTimer = setTimeout(() => {
        this.waitTimer = undefined;
        this.flushing = true;
        this.dispatch();
        this.flushing = false;
      }, this.settings.maxBatchWaitMs);
    }
    return !this.flushing;
  }
}
