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
