import type { BillingClient, UsageEvent, UsageEventResult } from './billing-client.ts';
import { BatchRejectedError } from './errors.ts';
import type { UsageRecordFolder } from './usage-records.ts';
import type { PeriodUsage, ReportOutcome } from './ledger-types.ts';
import { periodStartIso } from './period.ts';

/** Where closed periods go: the billing endpoint (connected) or the output folder (disconnected). */
export interface UsageSink {
  /**
   * Reports periods; returns an outcome for each one that is settled (billed or terminally refused).
   * Periods without an outcome stay pending. Throws BillingUnavailableError when nothing could be sent.
   */
  deliver(periods: readonly PeriodUsage[]): Promise<ReportOutcome[]>;
  /** Proves the destination is usable when there is nothing to send. */
  probe(): Promise<void>;
}

/** Who the usage is billed to. */
export interface MeterIdentity {
  readonly resourceId: string;
  readonly planId: string;
}

/** The event a period becomes (also what the dead-letter file keeps). */
export function usageEvent(p: PeriodUsage, id: MeterIdentity): UsageEvent {
  return {
    resourceId: id.resourceId,
    quantity: p.quantity,
    dimension: p.dimension,
    effectiveStartTime: periodStartIso(p.bucket),
    planId: id.planId,
  };
}

/** Event identity: one per resource, dimension and hour. */
function eventKey(e: { resourceId?: string; dimension?: string; effectiveStartTime?: string }): string {
  const start = e.effectiveStartTime ? new Date(e.effectiveStartTime).getTime() : NaN;
  return `${e.resourceId}|${e.dimension}|${start}`;
}

/**
 * Connected delivery through `batchUsageEvent`. `Duplicate` means the hour was billed already: as a
 * period is only sent once closed, its quantity is final, so a duplicate is our own earlier send
 * whose answer was lost — unless the accepted quantity differs (another sender uses this resource
 * and dimension), which is dead-lettered as a conflict.
 */
export class BillingSink implements UsageSink {
  constructor(
    private readonly client: BillingClient,
    private readonly identity: MeterIdentity,
  ) {}

  async deliver(periods: readonly PeriodUsage[]): Promise<ReportOutcome[]> {
    const events = periods.map((p) => usageEvent(p, this.identity));
    let results: UsageEventResult[];
    try {
      results = await this.client.batchUsageEvent(events);
    } catch (err) {
      if (!(err instanceof BatchRejectedError)) throw err;
      return periods.map((p) => ({ ...p, state: 'dead', detail: err.message }));
    }
    const byKey = new Map(results.map((r) => [eventKey(r), r]));
    const outcomes: ReportOutcome[] = [];
    periods.forEach((p, i) => {
      const r = byKey.get(eventKey(events[i]!));
      if (r) outcomes.push(outcomeOf(p, r));
    });
    return outcomes;
  }

  probe(): Promise<void> {
    return this.client.probe(new Date(Date.now() - 3_600_000));
  }
}

function outcomeOf(p: PeriodUsage, r: UsageEventResult): ReportOutcome {
  if (r.status === 'Accepted') return { ...p, state: 'delivered', detail: r.usageEventId ?? 'Accepted' };
  if (r.status === 'Duplicate') {
    const billed = r.error?.additionalInfo?.acceptedMessage?.quantity;
    if (billed === undefined || billed === p.quantity)
      return { ...p, state: 'delivered', detail: 'Duplicate' };
    return { ...p, state: 'dead', detail: `Duplicate with a different quantity already billed (${billed})` };
  }
  const reason = r.error?.message ? `: ${r.error.message}` : '';
  return { ...p, state: 'dead', detail: `${r.status}${reason}` };
}

/** Disconnected delivery: each closed period becomes a usage record file in the output folder. */
export class RecordFolderSink implements UsageSink {
  constructor(private readonly folder: UsageRecordFolder) {}

  async deliver(periods: readonly PeriodUsage[]): Promise<ReportOutcome[]> {
    for (const p of periods) await this.folder.write(p);
    return periods.map((p) => ({ ...p, state: 'delivered', detail: 'written to the output folder' }));
  }

  async probe(): Promise<void> {}
}
