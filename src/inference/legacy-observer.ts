import type { PoolEvents } from './events.ts';
import type { UsageRequest, UsageReservations } from './reservations.ts';

/**
 * @deprecated The pool's hooks from before its events (events.ts) and the usage contract
 * (reservations.ts) were apart; kept for the tests written against them. New code listens with
 * `pool.on(…)` and meters through `UsageReservations`.
 */
export interface PoolObserver {
  /** A batch finished (or failed) on a worker: `batchEnd` other than `lost`. */
  batch?(info: { model: string; documents: number; seconds: number; ok: boolean }): void;
  /** `queueDepth`. */
  queue?(documents: number): void;
  /** `workerExit`. */
  workerExit?(info: { worker: number; code: number }): void;
  /** `UsageReservations.reserve`. */
  admitted?(info: UsageRequest): void | Promise<void>;
  /** `batchStart`. */
  dispatched?(info: { model: string; documents: number }): void;
  /** `UsageReservations.flush`. */
  waiting?(info: UsageRequest): void;
  /** `UsageReservations.release`. */
  abandoned?(info: UsageRequest): void | Promise<void>;
  /** `requestEnd` of a request analysed. */
  completed?(info: UsageRequest): void;
}

/**
 * Puts `observer`'s hooks on `events` and returns its admission hooks as usage reservations
 * (undefined without `admitted`).
 */
export function adaptObserver(o: PoolObserver, events: PoolEvents): UsageReservations | undefined {
  if (o.batch) {
    events.on('batchEnd', (b) => {
      if (b.outcome !== 'lost')
        o.batch?.({ model: b.model, documents: b.documents, seconds: b.seconds, ok: b.outcome === 'ok' });
    });
  }
  if (o.queue) events.on('queueDepth', (q) => o.queue?.(q.documents));
  if (o.workerExit) events.on('workerExit', (e) => o.workerExit?.(e));
  if (o.dispatched)
    events.on('batchStart', (b) => o.dispatched?.({ model: b.model, documents: b.documents }));
  if (o.completed) events.on('requestEnd', (e) => e.ok && o.completed?.(e.request));
  if (!o.admitted) return undefined;
  const promised = (result: void | Promise<void>): Promise<void> | undefined =>
    result instanceof Promise ? result : undefined;
  return {
    reserve: (request) => promised(o.admitted?.(request)),
    flush: (request) => o.waiting?.(request),
    commit: () => undefined,
    release: (request) => promised(o.abandoned?.(request)),
  };
}
