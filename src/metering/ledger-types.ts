/**
 * One request's usage, as the ledger records it. A request that fails after its usage was written
 * ahead is withdrawn by the same entry negated (`requests: -1`) at the same instant.
 */
export interface UsageEntry {
  readonly dimension: string;
  readonly operation: string;
  readonly model: string;
  readonly principal: string;
  readonly records: number;
  readonly documents: number;
  /** +1 for a request, -1 to withdraw one. */
  readonly requests: number;
  /** The instant the usage belongs to (epoch ms): it decides the period. */
  readonly atMs: number;
  /**
   * Idempotency key: an entry whose key this ledger has already recorded is ignored (the async
   * jobs on Redis record a task's usage under `<jobId>/<task>`, see README "Scale out").
   */
  readonly key?: string;
}

/** Usage of one aggregation period (UTC hour) and dimension: one billing event. */
export interface PeriodUsage {
  /** Period start, epoch seconds. */
  readonly bucket: number;
  readonly dimension: string;
  readonly quantity: number;
}

/** What became of a period's event: billed (`delivered`) or given up on (`dead`, see the dead-letter file). */
export interface ReportOutcome extends PeriodUsage {
  readonly state: 'delivered' | 'dead';
  readonly detail?: string;
}

/** Text records by state, over the ledger's lifetime (pending = not yet reported). */
export interface LedgerTotals {
  readonly pending: number;
  readonly delivered: number;
  readonly deadLettered: number;
}
