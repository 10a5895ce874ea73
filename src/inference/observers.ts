import type { PoolObserver } from './pool.ts';

/** One observer that forwards every event to each of `observers` in order (metrics, metering, quotas). */
export function combineObservers(...observers: readonly PoolObserver[]): PoolObserver {
  return {
    batch: (info) => observers.forEach((o) => o.batch?.(info)),
    queue: (n) => observers.forEach((o) => o.queue?.(n)),
    workerExit: (info) => observers.forEach((o) => o.workerExit?.(info)),
    completed: (info) => {
      const pending = observers.map((o) => o.completed?.(info)).filter((p) => p !== undefined);
      return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
    },
  };
}
