/** One route's health probe. */
export interface HealthProbe {
  readonly check: () => Promise<boolean>;
  /** Whether this upstream being down takes the gateway out of /ready (else /status only). */
  readonly affectsReady: boolean;
}

/** Latest known state of each upstream that has a health path; polled in the background. */
export class UpstreamHealth {
  private readonly state = new Map<string, boolean | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly probes: ReadonlyMap<string, HealthProbe>,
    private readonly intervalMs: number,
  ) {
    for (const prefix of probes.keys()) this.state.set(prefix, undefined);
  }

  /** Starts polling; the first round runs at once. */
  start(): void {
    if (this.probes.size === 0 || this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  /** One round of probes (rounds never overlap). */
  async check(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await Promise.all(
        [...this.probes].map(async ([prefix, probe]) =>
          this.state.set(prefix, await probe.check().catch(() => false)),
        ),
      );
    } finally {
      this.running = false;
    }
  }

  /**
   * True when every upstream that affects readiness answered healthy on its last probe (unknown
   * counts as not ready).
   */
  ready(): boolean {
    return [...this.state].every(([prefix, s]) => s === true || !this.probes.get(prefix)!.affectsReady);
  }

  /** `{ "/apps/x": "healthy" | "unhealthy" | "unknown" }` for /status. */
  report(): Record<string, string> {
    return Object.fromEntries(
      [...this.state].map(([p, s]) => [p, s === undefined ? 'unknown' : s ? 'healthy' : 'unhealthy']),
    );
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
