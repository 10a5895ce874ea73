import type { Logger } from '../observability/logger.ts';

/**
 * What a start has opened so far, closed last-first if a later step fails (a port already taken
 * after the pool, the ledger thread and Redis were up), so a failed start leaves nothing running.
 */
export class Teardown {
  private readonly steps: { readonly what: string; readonly close: () => unknown }[] = [];

  /** Registers how to close `value` (named `what` in the log); returns `value`. */
  add<T>(what: string, value: T, close: (value: T) => unknown): T {
    this.steps.push({ what, close: () => close(value) });
    return value;
  }

  /** Closes everything registered, in reverse order; a close that fails is logged, the rest still run. */
  async run(logger: Logger): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.close();
      } catch (err) {
        logger.warn({ err, what: step.what }, 'could not close after a failed start');
      }
    }
  }
}
