import type { PoolObserver } from './pool.ts';

/** Waits for every promise among `results` (undefined when there is none to wait for). */
function all(results: readonly (void | Promise<void>)[]): Promise<void> | undefined {
  const pending = results.filter((r): r is Promise<void> => r instanceof Promise);
  return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
}

/** One observer that forwards every event to each of `observers` in order (metrics, metering, quotas). */
export function combineObservers(...observers: readonly PoolObserver[]): PoolObserver {
  return {
    batch: (info) => observers.forEach((o) => o.batch?.(info)),
    queue: (n) => observers.forEach((o) => o.queue?.(n)),
    workerExit: (info) => observers.forEach((o) => o.workerExit?.(info)),
    admitted: (info) => all(observers.map((o) => o.admitted?.(info))),
    dispatched: (info) => observers.forEach((o) => o.dispatched?.(info)),
    waiting: (info) => observers.forEach((o) => o.waiting?.(info)),
    abandoned: (info) => all(observers.map((o) => o.abandoned?.(info))),
    completed: (info) => observers.forEach((o) => o.completed?.(info)),
  };
}
