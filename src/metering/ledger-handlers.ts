import type { LedgerCalls, LedgerOp } from './ledger-protocol.ts';
import type { LedgerStore } from './ledger-store.ts';

/** Every ledger call, answered synchronously by a store (in the ledger thread or inline). */
export type LedgerHandlers = {
  [K in LedgerOp]: (args: LedgerCalls[K]['args']) => LedgerCalls[K]['result'];
};

export function ledgerHandlers(store: LedgerStore): LedgerHandlers {
  return {
    record: (a) => store.record(a.entries),
    closedUnreported: (a) => store.closedUnreported(a.nowMs, a.limit),
    unreported: (a) => store.unreported(a.fromSec, a.toSec),
    settle: (a) => store.settle(a.outcomes),
    totals: () => store.totals(),
    lastContact: () => store.lastContact(),
    setLastContact: (a) => store.setLastContact(a.ms),
    compact: (a) => store.compact(a.olderThanSec),
    close: () => store.close(),
  };
}

/** Runs one call against `handlers`, whichever op it names (a message's op is only known at run time). */
export function answer(handlers: LedgerHandlers, op: LedgerOp, args: unknown): unknown {
  const handler = handlers[op] as ((args: unknown) => unknown) | undefined;
  if (!handler) throw new Error(`unknown ledger call ${String(op)}`);
  return handler(args);
}
