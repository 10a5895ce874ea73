import type { UsageRequest } from './reservations.ts';

/** One `analyze` call, as the pool's events and reservations see it. */
export interface PoolRequest extends UsageRequest {
  /** Unique per pool, in admission order: ties a request's events together. */
  readonly id: number;
  /** What the caller passed to `analyze` as `correlation` (a trace context, a request id), untouched. */
  readonly correlation: unknown;
  /** When it was admitted, `performance.now()`. */
  readonly admittedAt: number;
}

/** A request waiting in the queue (or, inside a batch, that waited there). */
export interface QueuedRequest {
  readonly request: PoolRequest;
  /** When it entered the queue, `performance.now()`: admission, or its retry after a worker crashed. */
  readonly queuedAt: number;
  /** 1, then 2 when retried after its worker crashed. */
  readonly attempt: number;
}

/** One model call on one worker. */
export interface BatchInfo {
  /** Unique per pool. */
  readonly id: number;
  readonly model: string;
  /** Documents in the call (the batch size). */
  readonly documents: number;
  /** The worker's index. */
  readonly worker: number;
  /** The requests in it, oldest first: each one's time queued ends at `startedAt`. */
  readonly requests: readonly QueuedRequest[];
  /** When it was handed to the worker, `performance.now()`. */
  readonly startedAt: number;
}

/**
 * The pool's events: fire-and-forget facts for metrics and tracing. Listeners run synchronously
 * and the pool waits on none of them (metering's usage goes through `UsageReservations` instead);
 * one that throws is logged and the others still run.
 *
 * Times named `…At` are `performance.now()` (monotonic: spans and durations); epoch milliseconds
 * are on the request (`admittedAtMs`). A caller matches events to its call by `request.correlation`
 * (what it passed to `analyze`) or `request.id`. A request's path: `requestQueued` → `batchStart` →
 * `batchEnd` (→ `requestQueued` with attempt 2 → … after its worker crashed) → `requestEnd`; one
 * refused at admission (full queue, unknown model, closing) has no events.
 */
export interface PoolEventMap {
  /**
   * A request entered the queue. Attempt 1 is emitted synchronously inside `analyze`, so its
   * listeners run in the caller's async context (its active span); no other event does.
   */
  requestQueued: QueuedRequest;
  /** Documents waiting for a worker, after every change. */
  queueDepth: { readonly documents: number };
  /** A batch left the queue for a worker. */
  batchStart: BatchInfo;
  /**
   * A batch ended: its worker answered (`ok`, or `error` with the model's message), or it was `lost`
   * with its worker (a crash or kill: its requests are retried or fail; or the close grace ran out).
   */
  batchEnd: BatchInfo & {
    /**
     * When its worker began it: later than `startedAt` when it waited in the worker's port behind the
     * batch before it (`inference.batchesPerWorker`); `startedAt` for a batch lost with its worker.
     */
    readonly runStartedAt: number;
    readonly endedAt: number;
    /** `endedAt - runStartedAt`: the worker's time on it, in seconds. */
    readonly seconds: number;
    readonly outcome: 'ok' | 'error' | 'lost';
    readonly error?: string;
  };
  /** A worker died unexpectedly and is being replaced. */
  workerExit: { readonly worker: number; readonly code: number };
  /** A request settled: analysed, or failed with `error` (what `analyze` rejects with). */
  requestEnd: {
    readonly request: PoolRequest;
    readonly endedAt: number;
    readonly ok: boolean;
    readonly error?: Error;
  };
}

export type PoolEventName = keyof PoolEventMap;
export type PoolEventListener<K extends PoolEventName> = (event: PoolEventMap[K]) => void;

/** A typed, synchronous event emitter whose listeners cannot break the emitter. */
export class PoolEvents {
  private readonly listeners: { [K in PoolEventName]?: PoolEventListener<K>[] } = {};

  constructor(private readonly onListenerError: (err: unknown, event: PoolEventName) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on<K extends PoolEventName>(name: K, listener: PoolEventListener<K>): () => void {
    const list: PoolEventListener<K>[] = (this.listeners[name] ??= []);
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** Whether `name` has a listener: an event is only built when someone hears it. */
  heard(name: PoolEventName): boolean {
    return (this.listeners[name]?.length ?? 0) > 0;
  }

  emit<K extends PoolEventName>(name: K, event: PoolEventMap[K]): void {
    const list = this.listeners[name];
    if (!list) return;
    for (const listener of list) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err, name);
      }
    }
  }
}
