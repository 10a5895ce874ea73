import type { LedgerCalls, LedgerClaim, LedgerOp } from './ledger-protocol.ts';

/** How ledger calls reach the store: a thread of its own (ledger-thread.ts) or this one (ledger-inline.ts). */
export interface LedgerChannel {
  /** The claimed ledger's folder and the resourceId stored in it. */
  readonly claim: LedgerClaim;
  /** Runs one call; rejects with LedgerUnavailableError when the store fails or is gone. */
  call<K extends LedgerOp>(op: K, args: LedgerCalls[K]['args']): Promise<LedgerCalls[K]['result']>;
  /** Releases the channel after the `close` call (stops the thread, if any). */
  terminate(): Promise<void>;
}
