import type { Periods } from './periods.ts';

/** Text records one principal used in the current day and month. */
export interface QuotaUsage {
  readonly day: number;
  readonly month: number;
}

/** Where per-principal quota counters live (a local file, or Redis shared by replicas). */
export interface QuotaStore {
  usage(principal: string, periods: Periods): Promise<QuotaUsage>;
  add(principal: string, records: number, periods: Periods): Promise<void>;
  /** Persists anything pending and releases resources. */
  close(): Promise<void>;
}
