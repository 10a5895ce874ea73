import { LedgerUnavailableError } from './errors.ts';
import type { LedgerChannel } from './ledger-channel.ts';
import { answer, ledgerHandlers } from './ledger-handlers.ts';
import type { LedgerCalls, LedgerOp, LedgerWorkerInit } from './ledger-protocol.ts';
import { type ClaimedLedger, claimLedger } from './ledger-slots.ts';
import { PeriodicSync } from './periodic-sync.ts';

/** Calls that change the ledger, so its WAL has something to flush. */
const WRITES: ReadonlySet<LedgerOp> = new Set(['record', 'settle', 'setLastContact', 'compact']);

/**
 * The ledger on the calling thread (metering.durability=process). Without an fsync a commit takes
 * microseconds, so a thread hop (a wake-up each way, the larger cost) would only add to it. Commits
 * still go through the same store and the same group commit in `Ledger`; the WAL is flushed to
 * disk in the background every `syncIntervalMs`.
 */
export function inlineChannel(
  init: LedgerWorkerInit,
  onSyncError: (err: Error) => void,
  claimed: ClaimedLedger = claimLedger(init.dir, init.bucketSeconds, init.durability),
): LedgerChannel {
  let resourceId: string;
  try {
    resourceId = claimed.store.resourceId(init.resourceId);
  } catch (err) {
    claimed.store.close(); // or its lock would outlive this failed start
    throw err;
  }
  const handlers = ledgerHandlers(claimed.store);
  const sync = new PeriodicSync(claimed.store.walFile, init.syncIntervalMs, onSyncError);
  return {
    claim: { dir: claimed.dir, resourceId },
    call(op, args) {
      try {
        const result = answer(handlers, op, args) as LedgerCalls[typeof op]['result'];
        if (WRITES.has(op)) sync.markDirty();
        return Promise.resolve(result);
      } catch (err) {
        return Promise.reject(new LedgerUnavailableError(`usage ledger: ${(err as Error).message}`));
      }
    },
    terminate: () => sync.stop(),
  };
}
