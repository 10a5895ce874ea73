import type { Metering } from '../../metering/service.ts';
import type { Logger } from '../../observability/logger.ts';
import type { ApiContext } from '../context.ts';
import { MemoryJobService } from './memory.ts';
import type { JobService } from './service.ts';

export type { JobService } from './service.ts';

export interface JobServiceDeps {
  readonly metering: Metering;
  readonly logger: Logger;
}

/** The job service `jobs.store` names: this process's memory, or Redis shared by every replica. */
export async function openJobs(ctx: ApiContext, deps: JobServiceDeps): Promise<JobService> {
  if (ctx.config.jobs.store === 'redis') {
    const { RedisJobService } = await import('./redis/service.ts');
    return RedisJobService.open(ctx, deps);
  }
  return new MemoryJobService(ctx, deps.logger);
}
