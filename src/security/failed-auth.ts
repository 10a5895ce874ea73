/**
 * Wrong subscription keys and bearer tokens counted per client address in fixed windows; once an
 * address is over the limit, its key and token checks are refused (429) until the window ends. It
 * bounds key guessing and the signature checks junk tokens cost. Counted per process, in memory:
 * an approximate bound is enough for that, and a shared store would put a round trip on every
 * request. Behind a load balancer, set `server.trustProxy` so addresses are the clients'.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `client` may try a credential again; 0 when it may now. */
  blockedFor(client: string): number {
    if (this.max === 0) return 0;
    const w = this.windows.get(client);
    if (!w) return 0;
    const left = w.resetAt - this.now();
    if (left <= 0) {
      this.windows.delete(client);
      return 0;
    }
    return w.count >= this.max ? Math.ceil(left / 1000) : 0;
  }

  /** Records a wrong key or token from `client`. */
  failed(client: string): void {
    if (this.max === 0) return;
    const now = this.now();
    const w = this.windows.get(client);
    if (w && w.resetAt > now) {
      w.count++;
      return;
    }
    // Bounded: many addresses at once (a spread-out attack) forget the oldest windows first.
    if (this.windows.size >= MAX_TRACKED) this.forgetExpired(now);
    if (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(client, { count: 1, resetAt: now + this.windowMs });
  }

  private forgetExpired(now: number): void {
    for (const [client, w] of this.windows) if (w.resetAt <= now) this.windows.delete(client);
  }
}

const MAX_TRACKED = 100_000;
