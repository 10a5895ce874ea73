import type { LedgerTotals, PeriodUsage, ReportOutcome, UsageEntry } from './ledger-types.ts';

/** Calls the ledger worker answers, by name: argument and result types. */
export interface LedgerCalls {
  record: { args: { entries: UsageEntry[] }; result: void };
  closedUnreported: { args: { nowMs: number; limit: number }; result: PeriodUsage[] };
  unreported: { args: { fromSec: number; toSec: number }; result: PeriodUsage[] };
  settle: { args: { outcomes: ReportOutcome[] }; result: void };
  totals: { args: Record<string, never>; result: LedgerTotals };
  lastContact: { args: Record<string, never>; result: number | undefined };
  setLastContact: { args: { ms: number }; result: void };
  compact: { args: { olderThanSec: number }; result: number };
  close: { args: Record<string, never>; result: void };
}

export type LedgerOp = keyof LedgerCalls;

export interface LedgerRequest<K extends LedgerOp = LedgerOp> {
  readonly id: number;
  readonly op: K;
  readonly args: LedgerCalls[K]['args'];
}

export type LedgerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface LedgerWorkerInit {
  /** The folder of the ledgers; this process claims one `replica-<n>` sub-folder. */
  readonly dir: string;
  readonly bucketSeconds: number;
  /** The resourceId a new ledger takes; an existing ledger keeps the one it was created with. */
  readonly resourceId: string;
  readonly durability: LedgerDurability;
  /** `process` durability: how often what was committed is flushed to disk. */
  readonly syncIntervalMs: number;
}

/**
 * What a commit survives before the request is answered. `process`: any crash of this process,
 * `kill -9` included (a commit is in the OS before the answer); a failure of the machine itself
 * may roll back the usage of the last `syncIntervalMs`. `fsync`: power loss and OS crashes too
 * (each commit is fsync'd, in a thread of its own).
 */
export type LedgerDurability = 'fsync' | 'process';

/** The ledger a worker claimed: its folder and the identity stored in it (the ready reply). */
export interface LedgerClaim {
  readonly dir: string;
  readonly resourceId: string;
}
