import { join } from 'node:path';
import type { Logger } from '../observability/logger.ts';
import { DeadLetterFile } from './dead-letter.ts';
import { Deliverer, type DelivererOptions } from './deliverer.ts';
import { Ledger } from './ledger.ts';
import type { LedgerWorkerInit } from './ledger-protocol.ts';
import { ledgerFolders } from './ledger-slots.ts';
import type { MeterIdentity, UsageSink } from './sinks.ts';

export interface OrphanLedgersOptions {
  /** The ledgers' folder (`metering.dataDir`) and this process's own ledger in it. */
  readonly init: LedgerWorkerInit;
  readonly ownDir: string;
  /** The identity a ledger reports under (`metering.resourceId`, else the ledger's own). */
  readonly identityOf: (ledger: Ledger) => MeterIdentity;
  readonly sinkFor: (identity: MeterIdentity) => UsageSink;
  readonly deliverer: DelivererOptions;
  readonly logger: Logger;
  /** Runs with each free ledger once opened, before its delivery (usage owed to it goes in first). */
  readonly onOpen?: (ledger: Ledger) => Promise<void>;
}

/**
 * Delivers the usage of ledgers that no process holds: when replicas share one data folder (a
 * compose volume) and one is scaled away, its ledger keeps the periods it had not reported yet.
 * Every delivery interval each running replica opens the free ledgers beside its own, one at a
 * time, reports their closed periods under their own resourceId, and closes them again. The
 * ledger's lock makes this safe: a ledger is open in one process at a time, and a period is
 * settled in the ledger that holds it, so it is never reported twice.
 */
export class OrphanLedgers {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: OrphanLedgersOptions) {}

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((err: unknown) => this.opts.logger.warn({ err }, 'delivering free ledgers failed; will retry'))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.opts.deliverer.intervalMs);
    this.timer.unref();
  }

  /** One round over the free ledgers beside this process's own; one that fails holds up no other. */
  async sweep(): Promise<void> {
    for (const folder of ledgerFolders(this.opts.init.dir)) {
      if (this.stopped) return;
      if (folder === this.opts.ownDir) continue;
      try {
        await this.sweepOne(folder);
      } catch (err) {
        this.opts.logger.warn({ err, ledger: folder }, 'delivering a free ledger failed; will retry');
      }
    }
  }

  private async sweepOne(folder: string): Promise<void> {
    const ledger = Ledger.openFree(folder, this.opts.init, (err) =>
      this.opts.logger.error({ err: err.message, ledger: folder }, 'usage ledger: flushing to disk failed'),
    );
    if (!ledger) return; // a running replica's
    try {
      await this.opts.onOpen?.(ledger);
      await this.deliver(ledger);
    } finally {
      await ledger.close();
    }
  }

  private async deliver(ledger: Ledger): Promise<void> {
    const settled = Date.now() - this.opts.deliverer.settleMs;
    if ((await ledger.closedUnreported(1, settled)).length === 0) return;
    const identity = this.opts.identityOf(ledger);
    const logger = this.opts.logger.child({ ledger: ledger.dir, resourceId: identity.resourceId });
    const deadLetter = new DeadLetterFile(join(ledger.dir, 'dead-letter.jsonl'));
    const deliverer = new Deliverer(
      ledger,
      this.opts.sinkFor(identity),
      identity,
      undefined,
      deadLetter,
      logger,
      this.opts.deliverer,
    );
    await deliverer.deliverNow();
    logger.info('delivered the usage of a ledger no running replica holds');
  }
}
