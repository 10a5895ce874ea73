import type { Redis } from 'ioredis';
import type { Periods } from './periods.ts';
import type { QuotaStore, QuotaUsage } from './quota-store.ts';

/** Keys outlive their period a little, so a late read still finds them; Redis drops them after. */
const DAY_TTL_SECONDS = 2 * 86_400;
const MONTH_TTL_SECONDS = 32 * 86_400;

/** Quota counters in Redis, shared by every replica: INCRBY is atomic, keys expire by themselves. */
export class RedisQuotaStore implements QuotaStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  private keys(principal: string, periods: Periods): [string, string] {
    const base = `${this.prefix}quota:${encodeURIComponent(principal)}`;
    return [`${base}:day:${periods.day}`, `${base}:month:${periods.month}`];
  }

  async usage(principal: string, periods: Periods): Promise<QuotaUsage> {
    const [day, month] = await this.client.mget(...this.keys(principal, periods));
    return { day: Number(day ?? 0), month: Number(month ?? 0) };
  }

  async add(principal: string, records: number, periods: Periods): Promise<void> {
    const [day, month] = this.keys(principal, periods);
    await this.client
      .multi()
      .incrby(day, records)
      .expire(day, DAY_TTL_SECONDS)
      .incrby(month, records)
      .expire(month, MONTH_TTL_SECONDS)
      .exec();
  }

  async close(): Promise<void> {}
}
