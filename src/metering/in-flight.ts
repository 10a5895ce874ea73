import type { UsageRequest } from '../inference/reservations.ts';

/**
 * Requests admitted by the pool whose usage is not final yet: written ahead but not committed (a
 * request waiting in the queue, behind a worker being replaced, say), or still to be withdrawn if it
 * fails. The deliverer reports no period such a request was admitted in, however long it runs: a
 * fixed settle delay could not promise that, and usage landing in a period already reported would
 * never be sent (or a withdrawal never subtracted).
 */
export class InFlight {
  private readonly admitted = new Map<UsageRequest, number>();

  add(info: UsageRequest): void {
    this.admitted.set(info, info.admittedAtMs);
  }

  delete(info: UsageRequest): void {
    this.admitted.delete(info);
  }

  /** When the oldest request still in flight was admitted (epoch ms); undefined when none is. */
  oldest(): number | undefined {
    let oldest: number | undefined;
    for (const at of this.admitted.values()) if (oldest === undefined || at < oldest) oldest = at;
    return oldest;
  }
}
