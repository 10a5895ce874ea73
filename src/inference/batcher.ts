/** Work the batcher can queue: for one model, of `size` documents. */
export interface Batchable {
  readonly model: string;
  readonly size: number;
}

/**
 * The bounded FIFO of work waiting for a worker, and how it is cut into micro-batches: the oldest
 * item's model, oldest first, at most `maxDocuments` documents (an item larger than that goes alone).
 * Pure: no timers, no workers, no limits on what is queued (admission checks those).
 */
export class Batcher<T extends Batchable> {
  private queue: T[] = [];
  private queued = 0;

  constructor(private readonly maxDocuments: number) {}

  /** Documents waiting. */
  get documents(): number {
    return this.queued;
  }

  get empty(): boolean {
    return this.queue.length === 0;
  }

  /** The oldest item (retried work first), the one the next batch starts with. */
  get head(): T | undefined {
    return this.queue[0];
  }

  push(item: T): void {
    this.queue.push(item);
    this.queued += item.size;
  }

  /** Queues `items` ahead of everything else (retried work: it has waited longest). */
  pushFront(items: readonly T[]): void {
    this.queue.unshift(...items);
    for (const item of items) this.queued += item.size;
  }

  /** Takes the next batch off the queue; undefined when it is empty. */
  take(): T[] | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    const batch: T[] = [];
    const rest: T[] = [];
    let size = 0;
    let i = 0;
    for (; i < this.queue.length && size < this.maxDocuments; i++) {
      const item = this.queue[i]!;
      if (item.model === head.model && (batch.length === 0 || size + item.size <= this.maxDocuments)) {
        batch.push(item);
        size += item.size;
      } else rest.push(item);
    }
    this.queue = i === this.queue.length ? rest : rest.concat(this.queue.slice(i));
    this.queued -= size;
    return batch;
  }

  /** Empties the queue and returns what it held. */
  drain(): T[] {
    const all = this.queue;
    this.queue = [];
    this.queued = 0;
    return all;
  }
}

/**
 * Whether a partial batch should wait for company: only with a batch wait configured, less than a
 * full batch queued, and another worker busy (an idle pool answers at once).
 */
export function holdPartialBatch(
  queuedDocuments: number,
  settings: { readonly maxBatchDocuments: number; readonly maxBatchWaitMs: number },
  anotherBusy: boolean,
): boolean {
  return settings.maxBatchWaitMs > 0 && queuedDocuments < settings.maxBatchDocuments && anotherBusy;
}

/**
 * Whether the queued documents are enough for a batch to wait behind the one a worker runs (with
 * `batchesPerWorker` > 1): at least half as many as that one holds, or a full batch. The batch behind
 * only spares the worker a wait for this thread between batches; sent as soon as one document came,
 * it left the rest to queue for the batch after it, and at one document per request the worker ran a
 * full batch, then a batch of one, in turn (62% of batches held one document at 16 connections). The
 * entity pipeline costs ~300 µs a batch whatever its size (its lists and code come back into the CPU
 * caches after the model), so a batch of one paid it alone.
 */
export function enoughToFollow(
  queuedDocuments: number,
  aheadDocuments: number,
  maxBatchDocuments: number,
): boolean {
  return queuedDocuments >= Math.min(maxBatchDocuments, Math.ceil(aheadDocuments / 2));
}
