import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/worker-thread.ts';
import type { LedgerCalls, LedgerClaim, LedgerOp, LedgerReply, LedgerWorkerInit } from './ledger-protocol.ts';
import type { LedgerTotals, PeriodUsage, ReportOutcome, UsageEntry } from './ledger-types.ts';

/** The ledger could not make usage durable: the request that produced it must not be reported a success. */
export class LedgerUnavailableError extends Error {
  override name = 'LedgerUnavailableError';
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** Entries gathered for the next commit, sent to the ledger thread together. */
interface Outgoing {
  readonly entries: UsageEntry[];
  readonly waiters: Pending[];
  readonly timer: NodeJS.Timeout;
}

/**
 * The longest entries are gathered before they are sent for commit. Usage is written ahead when a
 * request is admitted; metering flushes when a batch starts its inference (so the fsync overlaps
 * it), and this bound covers requests that wait long in the queue. Under load this turns one fsync
 * per request into about one per batch.
 */
const COMMIT_WINDOW_MS = 2;

/** The usage ledger as the rest of the service sees it: every call runs in the ledger worker thread. */
export class Ledger {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;
  private outgoing: Outgoing | undefined;

  /** The claimed ledger's folder and the resourceId stored in it. */
  readonly dir: string;
  readonly resourceId: string;

  private constructor(
    private readonly worker: Worker,
    claim: LedgerClaim,
  ) {
    this.dir = claim.dir;
    this.resourceId = claim.resourceId;
    worker.on('message', (reply: LedgerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new LedgerUnavailableError(`usage ledger: ${reply.message}`));
    });
    const fail = (err: Error): void => {
      this.failure ??= new LedgerUnavailableError(`usage ledger stopped: ${err.message}`);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  /** Claims (or creates) a ledger under `dir`; resolves once the database is open and locked. */
  static open(init: LedgerWorkerInit): Promise<Ledger> {
    const worker = startModuleWorker(import.meta.url, 'ledger-worker', init);
    return new Promise((resolve, reject) => {
      const onReady = (reply: LedgerReply): void => {
        if (reply.id !== 0) return;
        worker.off('message', onReady);
        if (reply.ok) resolve(new Ledger(worker, reply.value as LedgerClaim));
        else reject(new Error(`cannot open the usage ledger in ${init.dir}: ${reply.message}`));
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
  }

  /**
   * Resolves once the entry is on disk. Entries are gathered for up to `COMMIT_WINDOW_MS` and travel
   * to the ledger thread as one message, committed in one transaction with one fsync; `flush` sends
   * what is gathered at once, for a caller that is waiting on it.
   */
  record(entry: UsageEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.outgoing) {
      const group: Outgoing = {
        entries: [],
        waiters: [],
        timer: setTimeout(() => this.flush(), COMMIT_WINDOW_MS),
      };
      this.outgoing = group;
    }
    const group = this.outgoing;
    group.entries.push(entry);
    return new Promise((resolve, reject) => group.waiters.push({ resolve: resolve as () => void, reject }));
  }

  /** Sends the gathered entries to be committed now. */
  flush(): void {
    const group = this.outgoing;
    if (!group) return;
    this.outgoing = undefined;
    clearTimeout(group.timer);
    this.call('record', { entries: group.entries }).then(
      () => group.waiters.forEach((w) => w.resolve(undefined)),
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
    this.flush();
    if (!this.failure) await this.call('close', {}).catch(() => undefined);
    await this.worker.terminate();
  }

  private call<K extends LedgerOp>(op: K, args: LedgerCalls[K]['args']): Promise<LedgerCalls[K]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}
