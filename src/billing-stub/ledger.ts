import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';

/** An event the stub accepted, as the metering API echoes it. */
export interface AcceptedEvent {
  readonly usageEventId: string;
  readonly status: 'Accepted';
  readonly messageTime: string;
  readonly resourceId: string;
  readonly quantity: number;
  readonly dimension: string;
  readonly effectiveStartTime: string;
  readonly planId: string;
}

export interface StubCounters {
  requests: number;
  duplicates: number;
  expired: number;
  rejected: number;
  faults: number;
}

interface Snapshot {
  readonly events: AcceptedEvent[];
  readonly counters: StubCounters;
}

/** One item of a batch answer: the accepted event, or the event echoed with a status and an error. */
export type ItemResult = { readonly status: string; readonly error?: unknown } & Record<string, unknown>;

export interface StubRules {
  /** Length of the "one event per hour" period (3600; shorter only for tests). */
  readonly periodSeconds: number;
  /** Events older than this are `Expired` (86400). */
  readonly expireSeconds: number;
}

/**
 * What the stub has billed: accepted events keyed by resource, dimension and period, with the rules
 * of the Marketplace metering API applied to each new event. Optionally persisted to a JSON file so
 * the stub can be killed and restarted in outage tests without forgetting what it billed.
 */
export class StubLedger {
  private readonly byKey = new Map<string, AcceptedEvent>();
  readonly counters: StubCounters = { requests: 0, duplicates: 0, expired: 0, rejected: 0, faults: 0 };

  constructor(
    private readonly rules: StubRules,
    private readonly file?: string,
  ) {
    if (file && existsSync(file)) {
      const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
      for (const e of snap.events) this.byKey.set(this.key(e), e);
      Object.assign(this.counters, snap.counters);
    }
  }

  get events(): AcceptedEvent[] {
    return [...this.byKey.values()];
  }

  /** Applies the API's rules to one event; accepted ones are kept. */
  submit(item: unknown, now = Date.now()): ItemResult {
    const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const echo = {
      resourceId: e.resourceId,
      quantity: e.quantity,
      dimension: e.dimension,
      effectiveStartTime: e.effectiveStartTime,
      planId: e.planId,
    };
    const bad = (
      status: string,
      message: string,
      counter: 'rejected' | 'expired' = 'rejected',
    ): ItemResult => {
      this.counters[counter]++;
      return { ...echo, status, error: { code: status, message } };
    };
    for (const field of ['resourceId', 'dimension', 'planId'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') return bad('BadArgument', `${field} is required.`);
    }
    if (typeof e.quantity !== 'number' || !Number.isFinite(e.quantity) || e.quantity <= 0)
      return bad('InvalidQuantity', 'quantity must be a number greater than 0.');
    const start = typeof e.effectiveStartTime === 'string' ? Date.parse(e.effectiveStartTime) : NaN;
    if (Number.isNaN(start)) return bad('BadArgument', 'effectiveStartTime must be an ISO 8601 date.');
    if (start > now + 5 * 60_000) return bad('BadArgument', 'effectiveStartTime is in the future.');
    if (start < now - this.rules.expireSeconds * 1000) {
      return bad('Expired', 'The usage event is too old to be accepted.', 'expired');
    }
    const event = e as unknown as AcceptedEvent;
    const existing = this.byKey.get(this.key(event));
    if (existing) {
      this.counters.duplicates++;
      return {
        ...echo,
        status: 'Duplicate',
        error: {
          code: 'Conflict',
          message: 'This usage event already exist.',
          additionalInfo: { acceptedMessage: existing },
        },
      };
    }
    const accepted: AcceptedEvent = {
      usageEventId: randomUUID(),
      status: 'Accepted',
      messageTime: new Date(now).toISOString(),
      resourceId: event.resourceId,
      quantity: event.quantity,
      dimension: event.dimension,
      effectiveStartTime: new Date(start).toISOString(),
      planId: event.planId,
    };
    this.byKey.set(this.key(accepted), accepted);
    return { ...accepted };
  }

  /** Writes the state file (temp file + rename) if one is configured. */
  save(): void {
    if (!this.file) return;
    const snap: Snapshot = { events: this.events, counters: this.counters };
    writeFileAtomic.sync(this.file, JSON.stringify(snap));
  }

  private key(e: { resourceId: string; dimension: string; effectiveStartTime: string }): string {
    const period = Math.floor(Date.parse(e.effectiveStartTime) / 1000 / this.rules.periodSeconds);
    return `${e.resourceId}\u0000${e.dimension}\u0000${period}`;
  }
}
