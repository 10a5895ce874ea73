/** What metering learns of one request: its documents, who it is for, and the instant its usage belongs to. */
export interface UsageRequest {
  readonly model: string;
  readonly texts: readonly string[];
  /** What the caller passed to `analyze` as `meta` (metering's usage context, src/metering/usage.ts). */
  readonly meta: unknown;
  /** When the request was admitted (epoch ms): the instant its usage belongs to. */
  readonly admittedAtMs: number;
  /** What the caller passed as `correlation` (a trace context: the ledger commit's span hangs under it). */
  readonly correlation?: unknown;
}

/**
 * The usage contract between the pool and metering (implemented by src/metering/service.ts). Unlike
 * the pool's events, the pool waits on it: a request is billed if and only if it was analysed.
 *
 *   reserve ──(flush)──▶ commit      the request was analysed
 *                   └──▶ release     it failed after its reservation became durable
 *
 * Every call for one request gets the same `request` object, so an implementation may key on it.
 */
export interface UsageReservations {
  /**
   * At admission: writes the request's usage ahead, so making it durable overlaps with the inference
   * instead of adding to the request's latency. `undefined`: the request is not metered, and nothing
   * else is called for it. A promise settles once the usage is durable: `analyze` settles only after
   * it, and rejects with its error if it rejects (nothing is released then).
   */
  reserve(request: UsageRequest): Promise<void> | undefined;
  /**
   * The reservation, not durable yet, must become durable now: its batch starts its inference (the
   * commit then runs beside it: one per batch under load), or the request settled first.
   */
  flush(request: UsageRequest): void;
  /** The request was analysed (after its reservation became durable): its usage is final. */
  commit(request: UsageRequest): void;
  /** The request failed after its reservation became durable: the usage is withdrawn before `analyze` rejects. */
  release(request: UsageRequest): Promise<void> | undefined;
}
