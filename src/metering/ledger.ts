import { LedgerUnavailableError } from './errors.ts';
import type { LedgerChannel } from './ledger-channel.ts';
import { inlineChannel } from './ledger-inline.ts';
import { claimLedgerAt } from './ledger-slots.ts';
import type { LedgerCalls, LedgerOp, LedgerWorkerInit } from './ledger-protocol.ts';
import { threadChannel } from './ledger-thread.ts';
import type { LedgerTotals, PeriodUsage, ReportOutcome, UsageEntry } from './ledger-types.ts';

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/** Entries gathered for the next commit, sent to the store together. */
interface Outgoing {
  readonly entries: UsageEntry[];
  readonly waiters: Waiter[];
}

/**
 * The usage ledger as the rest of the service sees it. Where its store runs follows
 * `metering.durability`: `process` on this thread, `fsync` in a thread of its own.
 */
export class Ledger {
  private outgoing: Outgoing | undefined;
  private closed = false;

  /** The claimed ledger's folder and the resourceId stored in it. */
  readonly dir: string;
  readonly resourceId: string;

  private constructor(private readonly channel: LedgerChannel) {
    this.dir = channel.claim.dir;
    this.resourceId = channel.claim.resourceId;
  }

  /**
   * Claims (or creates) a ledger under `dir`; resolves once the database is open and locked.
   * `onSyncError` hears of failed background flushes (`process` durability; retried each interval).
   */
  static async open(init: LedgerWorkerInit, onSyncError: (err: Error) => void = () => {}): Promise<Ledger> {
    return new Ledger(
      init.durability === 'fsync' ? await threadChannel(init) : inlineChannel(init, onSyncError),
    );
  }

  /**
   * Opens the ledger in `folder` itself, on this thread, if no running process holds it (undefined
   * if one does): another replica's ledger, to deliver what it left.
   */
  static openFree(
    folder: string,
    init: LedgerWorkerInit,
    onSyncError: (err: Error) => void,
  ): Ledger | undefined {
    const claimed = claimLedgerAt(folder, init.bucketSeconds, init.durability);
    return claimed && new Ledger(inlineChannel(init, onSyncError, claimed));
  }

  /**
   * Resolves once the entry is durable. Entries are gathered until `flush` sends them to the store
   * together, committed in one transaction (with one fsync, in `fsync` durability). Metering
   * flushes when the pool starts a batch's inference (so the commit runs beside it: one commit per
   * batch under load), when a result is waiting on its usage, and before an error answer.
   */
  record(entry: UsageEntry): Promise<void> {
    if (this.closed) return Promise.reject(new LedgerUnavailableError('usage ledger: closed'));
    const group = (this.outgoing ??= { entries: [], waiters: [] });
    group.entries.push(entry);
    return new Promise((resolve, reject) => group.waiters.push({ resolve, reject }));
  }

  /** Sends the gathered entries to be committed now. */
  flush(): void {
    const group = this.outgoing;
    if (!group) return;
    this.outgoing = undefined;
    this.call('record', { entries: group.entries }).then(
      () => group.waiters.forEach((w) => w.resolve()),
      (err: Error) => group.waiters.forEach((w) => w.reject(err)),
    );
  }

  closedUnreported(limit: number, nowMs = Date.now()): Promise<PeriodUsage[]> {
    return this.call('closedUnreported', { nowMs, limit });
  }

  unreported(fromSec: number, toSec: number): Promise<PeriodUsage[]> {
    return this.call('unreported', { fromSec, toSec });
  }

  settle(outcomes: ReportOutcome[]): Promise<void> {
    return this.call('settle', { outcomes });
  }

  totals(): Promise<LedgerTotals> {
    return this.call('totals', {});
  }

  lastContact(): Promise<number | undefined> {
    return this.call('lastContact', {});
  }

  setLastContact(ms: number): Promise<void> {
    return this.call('setLastContact', { ms });
  }

  compact(olderThanSec: number): Promise<number> {
    return this.call('compact', { olderThanSec });
  }

  /** Commits what is queued, closes the database and stops the thread. */
  async close(): Promise<void> {
    this.flush(); // what was gathered still goes in
    this.closed = true;
    await this.channel.call('close', {}).catch(() => undefined);
    await this.channel.terminate();
  }

  private call<K extends LedgerOp>(op: K, args: LedgerCalls[K]['args']): Promise<LedgerCalls[K]['result']> {
    if (this.closed) return Promise.reject(new LedgerUnavailableError('usage ledger: closed'));
    return this.channel.call(op, args);
  }
}
