import type { Logger } from '../observability/logger.ts';

interface Step {
  /** Named in the log when its close fails. */
  readonly what: string;
  readonly close: () => unknown;
}

/**
 * What a start has opened, as a stack of close functions: each is registered right after what it
 * closes was opened, and they run last-first, so everything closes after what depends on it (the
 * listener before the pool, the pool before metering). The same stack undoes a start that failed
 * half-way (a port already taken after the pool, the ledger thread and Redis were up) and shuts a
 * running service down. Every step runs even when one before it fails.
 */
export class CloseStack {
  private readonly steps: Step[] = [];

  /** Registers how to close `value` (named `what` in the log); returns `value`. */
  add<T>(what: string, value: T, close: (value: T) => unknown): T {
    this.steps.push({ what, close: () => close(value) });
    return value;
  }

  /** Registers a close step that has no value of its own (stop listening, cut connections). */
  defer(what: string, close: () => unknown): void {
    this.steps.push({ what, close });
  }

  /** After a failed start: closes everything registered; a close that fails is logged, the rest still run. */
  async abandon(logger: Logger): Promise<void> {
    for (const { what, err } of await this.unwind()) {
      logger.warn({ err, what }, 'could not close after a failed start');
    }
  }

  /**
   * Shutdown: closes everything registered and rejects if any close failed (with that error, or an
   * AggregateError naming each step when several did). A second call finds nothing left to close.
   */
  async close(): Promise<void> {
    const failures = await this.unwind();
    if (failures.length === 1) throw failures[0]!.err;
    if (failures.length > 1) {
      throw new AggregateError(
        failures.map((f) => f.err),
        `could not close ${failures.map((f) => f.what).join(', ')}`,
      );
    }
  }

  private async unwind(): Promise<{ what: string; err: unknown }[]> {
    const failures: { what: string; err: unknown }[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.close();
      } catch (err) {
        failures.push({ what: step.what, err });
      }
    }
    return failures;
  }
}
