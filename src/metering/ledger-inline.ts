import { LedgerUnavailableError, type LedgerChannel } from './ledger-channel.ts';
import { answer, ledgerHandlers } from './ledger-handlers.ts';
import type { LedgerCalls, LedgerWorkerInit } from './ledger-protocol.ts';
import { claimLedger } from './ledger-slots.ts';

/**
 * The ledger on the calling thread (metering.durability=process). Without an fsync a commit takes
 * microseconds, so a thread hop (a wake-up each way, the larger cost) would only add to it. Commits
 * still go through the same store and the same group commit in `Ledger`.
 */
export function inlineChannel(init: LedgerWorkerInit): LedgerChannel {
  const claimed = claimLedger(init.dir, init.bucketSeconds, init.durability);
  const handlers = ledgerHandlers(claimed.store);
  return {
    claim: { dir: claimed.dir, resourceId: claimed.store.resourceId(init.resourceId) },
    call(op, args) {
      try {
        return Promise.resolve(answer(handlers, op, args) as LedgerCalls[typeof op]['result']);
      } catch (err) {
        return Promise.reject(new LedgerUnavailableError(`usage ledger: ${(err as Error).message}`));
      }
    },
    terminate: () => Promise.resolve(),
  };
}
