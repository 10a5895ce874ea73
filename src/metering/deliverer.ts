import type { Logger } from '../observability/logger.ts';
import { BillingUnavailableError } from './errors.ts';
import type { BillingState } from './billing-state.ts';
import type { DeadLetterFile } from './dead-letter.ts';
import type { Ledger } from './ledger.ts';
import { type MeterIdentity, type UsageSink, usageEvent } from './sinks.ts';

export interface DelivererOptions {
  readonly intervalMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly batchSize: number;
  readonly retentionSeconds: number;
  /**
   * A period is reported only once it has been closed this long: usage is written ahead when a
   * request is admitted and withdrawn if it fails, so a period is final only when no request
   * admitted in it can still be running.
   */
  readonly settleMs: number;
  /**
   * When the oldest request whose usage is not final yet was admitted (InFlight): its period and
   * later ones wait for it. Absent for a ledger no running process writes to (orphans).
   */
  readonly inFlightSince?: () => number | undefined;
}

/**
 * Moves closed periods from the ledger to the sink, off the request path. Each cycle sends every
 * closed, unreported period (in batches), settles the answers in the ledger, dead-letters terminal
 * refusals, and compacts old reported usage. A failed cycle is retried with exponential backoff and
 * full jitter; a successful one waits the delivery interval.
 */
export class Deliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly sink: UsageSink,
    private readonly identity: MeterIdentity,
    private readonly state: BillingState | undefined,
    private readonly deadLetter: DeadLetterFile,
    private readonly logger: Logger,
    private readonly opts: DelivererOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** One pass without the loop: delivers every closed period now; a failure is thrown. */
  async deliverNow(): Promise<void> {
    await this.deliverClosed();
  }

  /** Stops the loop after the cycle in progress (pending usage stays in the ledger for next time). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.cycle().finally(() => (this.running = undefined));
    }, ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    try {
      await this.deliverClosed();
      if (this.state) {
        this.state.contact();
        await this.ledger.setLastContact(this.state.lastContact);
      }
      this.failures = 0;
      await this.ledger.compact(Math.floor(Date.now() / 1000) - this.opts.retentionSeconds);
      this.schedule(this.opts.intervalMs);
    } catch (err) {
      this.failures++;
      if (err instanceof BillingUnavailableError) {
        this.state?.failed(err.kind, err.message);
        // A Billing that is not a metering API never heals by itself: say so louder than a blip.
        const level = err.kind === 'Mismatch' ? 'error' : 'warn';
        this.logger[level](
          { failures: this.failures, reason: err.message, ...(err.detail ? { detail: err.detail } : {}) },
          'usage delivery failed; will retry',
        );
      } else {
        this.logger.error({ err }, 'usage delivery failed; will retry');
      }
      const ceiling = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** (this.failures - 1));
      this.schedule(Math.max(1, Math.random() * ceiling));
    }
  }

  /** Periods that end at or before this instant are final (closedUnreported takes the ones before its period). */
  private finalBefore(): number {
    const settled = Date.now() - this.opts.settleMs;
    const running = this.opts.inFlightSince?.();
    return running === undefined ? settled : Math.min(settled, running);
  }

  private async deliverClosed(): Promise<void> {
    let sent = false;
    for (;;) {
      const periods = await this.ledger.closedUnreported(this.opts.batchSize, this.finalBefore());
      if (periods.length === 0) break;
      const outcomes = await this.sink.deliver(periods);
      sent = true;
      const dead = outcomes.filter((o) => o.state === 'dead');
      await this.deadLetter.append(
        dead.map((o) => ({ event: usageEvent(o, this.identity), reason: o.detail ?? '' })),
      );
      for (const o of dead)
        this.logger.error(
          {
            dimension: o.dimension,
            period: new Date(o.bucket * 1000).toISOString(),
            quantity: o.quantity,
            reason: o.detail,
            file: this.deadLetter.path,
          },
          'usage event refused for good; written to the dead-letter file',
        );
      await this.ledger.settle(outcomes);
      const delivered = outcomes.length - dead.length;
      if (delivered > 0) this.logger.info({ events: delivered }, 'usage delivered');
      // Unanswered periods stay pending; try them again next cycle rather than spinning.
      if (outcomes.length < periods.length || periods.length < this.opts.batchSize) break;
    }
    if (!sent) await this.sink.probe();
  }
}
