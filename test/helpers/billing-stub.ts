import { join } from 'node:path';
import { ChildService, cleanEnv, REPO } from './child-service.ts';

export const STUB_KEY = 'stub-key-for-tests';

export interface StubSummary {
  accepted: {
    events: number;
    quantity: number;
    byDimension: Record<string, number>;
    byResource: Record<string, number>;
  };
  requests: number;
  duplicates: number;
  expired: number;
  rejected: number;
  faults: number;
}

/** `npm run billing-stub` as a child process on a loopback port. */
export class BillingStubProcess {
  private constructor(
    readonly process: ChildService,
    readonly url: string,
  ) {}

  static async start(port: number, args: readonly string[] = []): Promise<BillingStubProcess> {
    const proc = new ChildService(
      ['--port', String(port), ...args],
      cleanEnv({ BILLING_STUB_API_KEY: STUB_KEY }),
      join(REPO, 'scripts/billing-stub.ts'),
    );
    const line = await proc.waitForLine('billing stub listening');
    return new BillingStubProcess(proc, String(line.url));
  }

  /** The Billing setting that points at this stub. */
  get billing(): string {
    return this.url;
  }

  /** Gateway settings that meter into this stub in `periodSeconds` periods, delivering fast enough for tests. */
  meteringArgs(periodSeconds: number): string[] {
    return [
      `Billing=${this.billing}`,
      `ApiKey=${STUB_KEY}`,
      `Metering:BucketSeconds=${periodSeconds}`,
      'Metering:DeliveryIntervalSeconds=0.2',
      'Metering:RetryBaseMs=50',
      'Metering:RetryMaxMs=400',
    ];
  }

  async summary(): Promise<StubSummary> {
    const res = await fetch(this.url.replace(/\/api$/, '/admin/summary'));
    return (await res.json()) as StubSummary;
  }

  async faults(f: { errorRate?: number; timeoutRate?: number; dropRate?: number }): Promise<void> {
    await fetch(this.url.replace(/\/api$/, '/admin/faults'), { method: 'PUT', body: JSON.stringify(f) });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.process.kill(signal);
  }
}
