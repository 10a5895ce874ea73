/**
 * Azure's billing status names for why the endpoint could not be used (container FAQ); `Mismatch`:
 * the endpoint is not a metering API (e.g. a Language resource URL).
 */
export type BillingFailure = 'CouldNotConnect' | 'BillingEndpointBusy' | 'Invalid' | 'Mismatch';

/** What `/status` reports about billing (Azure container status names). */
export interface BillingStatus {
  readonly mode: 'connected' | 'disconnected' | 'off';
  readonly status: 'Valid' | BillingFailure | 'Unknown';
  readonly message: string;
  /** Last successful exchange with the billing endpoint. */
  readonly lastContact?: string;
  /** When analysis requests start (or started) being refused if billing stays unreachable. */
  readonly graceEndsAt?: string;
  readonly refusing: boolean;
}

/**
 * Azure's connectivity rule: when usage cannot be reported the service keeps serving for a grace
 * period counted from the last successful report, then refuses analysis requests until a report
 * gets through again.
 */
export class BillingState {
  private failure: { kind: BillingFailure; message: string } | undefined;

  constructor(
    private readonly graceMs: number,
    private lastContactMs: number,
  ) {}

  contact(ms = Date.now()): void {
    this.lastContactMs = ms;
    this.failure = undefined;
  }

  failed(kind: BillingFailure, message: string): void {
    this.failure = { kind, message };
  }

  get lastContact(): number {
    return this.lastContactMs;
  }

  refusing(now = Date.now()): boolean {
    return this.failure !== undefined && now - this.lastContactMs > this.graceMs;
  }

  snapshot(): BillingStatus {
    const lastContact = new Date(this.lastContactMs).toISOString();
    if (!this.failure) {
      return {
        mode: 'connected',
        status: 'Valid',
        message: 'Usage is being reported.',
        lastContact,
        refusing: false,
      };
    }
    const refusing = this.refusing();
    return {
      mode: 'connected',
      status: this.failure.kind,
      message: `Usage cannot be reported: ${this.failure.message}; ${refusing ? 'analysis requests are refused until billing is reachable' : 'serving during the grace period'}.`,
      lastContact,
      graceEndsAt: new Date(this.lastContactMs + this.graceMs).toISOString(),
      refusing,
    };
  }
}
