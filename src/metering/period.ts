/** Helpers for aggregation periods (epoch seconds of the period start, UTC). */

export function periodStartIso(bucket: number): string {
  return new Date(bucket * 1000).toISOString();
}

/** `[from, to)` in epoch seconds for one calendar month (month 1–12), UTC. */
export function monthRange(month: number, year: number): { fromSec: number; toSec: number } {
  return { fromSec: Date.UTC(year, month - 1, 1) / 1000, toSec: Date.UTC(year, month, 1) / 1000 };
}
