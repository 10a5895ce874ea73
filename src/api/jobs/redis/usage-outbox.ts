import type { Redis } from 'ioredis';
import type { UsageEntry } from '../../../metering/ledger-types.ts';
import type { KeyedLedger } from '../../../metering/service.ts';
import type { Logger } from '../../../observability/logger.ts';

/** Entries moved into the ledger per round. */
const BATCH = 100;

/**
 * Usage owed to this replica's ledger: a Redis list (`<prefix>usage:<ledger id>`) that a task's
 * result and its usage enter in one step (COMMIT_TASK), drained into the ledger right after. An
 * entry is removed from the list only once the ledger committed it, and the ledger records each
 * key (`<jobId>/<task>`) once, so a crash between the two records nothing twice; what a crash left
 * in the list is drained by the next process that holds that ledger: a replica claiming it at start,
 * or one delivering it as a free ledger (`drainOwed` through `Metering.keyed.onFreeLedger`).
 */
export class UsageOutbox {
  private draining: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    /** The list's key. */
    readonly key: string,
    private readonly ledger: KeyedLedger,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.drain(), intervalMs);
    this.timer.unref();
  }

  /** Moves what the list holds into the ledger; one drain at a time, failures retried next round. */
  drain(): Promise<void> {
    this.draining = this.draining.then(() =>
      this.drainAll().catch((err: unknown) =>
        this.logger.warn(
          { err: { message: (err as Error).message } },
          'job usage not yet in the ledger; will retry',
        ),
      ),
    );
    return this.draining;
  }

  private drainAll(): Promise<void> {
    return drainOwed(this.redis, this.key, this.ledger);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
  }
}

/** Moves the usage list `key` into `ledger` (the one it is owed to), oldest first. */
export async function drainOwed(redis: Redis, key: string, ledger: KeyedLedger): Promise<void> {
  for (;;) {
    const raw = await redis.lrange(key, 0, BATCH - 1);
    if (raw.length === 0) return;
    // The usage belongs to the period it enters the ledger in: an entry drained late (after a
    // restart) never changes a period that may have been reported already.
    const atMs = Date.now();
    await ledger.record(raw.map((r) => ({ ...(JSON.parse(r) as UsageEntry), atMs })));
    // Only the process holding the ledger trims its list; new entries are appended behind.
    await redis.ltrim(key, raw.length, -1);
    if (raw.length < BATCH) return;
  }
}
