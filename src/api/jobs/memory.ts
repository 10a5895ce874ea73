import type { Logger } from '../../observability/logger.ts';
import type { ApiContext } from '../context.ts';
import { isTerminal, type JobRecord } from './model.ts';
import { runJob } from './runner.ts';
import { type JobService, principalFull, storeFull } from './service.ts';
import { JobStore } from './store.ts';

/** Per-principal limits: unfinished jobs, and the share of `maxWeight` their weight may take. */
export interface PrincipalLimits {
  readonly maxUnfinishedPerPrincipal: number;
  readonly maxWeight: number;
}

/** One principal may have `maxUnfinishedPerPrincipal` unfinished jobs, weighing half the store. */
export function principalAdmits(
  mine: { count: number; weight: number },
  weight: number,
  limits: PrincipalLimits,
): boolean {
  return mine.count < limits.maxUnfinishedPerPrincipal && mine.weight + weight <= limits.maxWeight / 2;
}

/** Jobs in this process's memory, run on its own pool (`jobs.store: memory`). */
export class MemoryJobService implements JobService {
  private readonly store: JobStore;

  constructor(
    private readonly ctx: ApiContext,
    private readonly logger: Logger,
  ) {
    const jobs = ctx.config.jobs;
    this.store = new JobStore({ maxJobs: jobs.maxJobs, maxWeight: jobs.maxStoredCharacters });
  }

  submit(job: JobRecord): Promise<void> {
    const finished = (j: JobRecord): boolean => isTerminal(j.status);
    const limits = {
      maxUnfinishedPerPrincipal: this.ctx.config.jobs.maxUnfinishedPerPrincipal,
      maxWeight: this.ctx.config.jobs.maxStoredCharacters,
    };
    if (!principalAdmits(this.store.unfinishedOf(job.principal, finished), job.weight, limits)) {
      return Promise.reject(principalFull());
    }
    if (!this.store.add(job, finished)) return Promise.reject(storeFull());
    void runJob(this.ctx, job, this.logger);
    return Promise.resolve();
  }

  get(jobId: string, principal: string): Promise<JobRecord | undefined> {
    const job = this.store.get(jobId);
    return Promise.resolve(job?.principal === principal ? job : undefined);
  }

  async cancel(jobId: string, principal: string): Promise<JobRecord | undefined> {
    const job = await this.get(jobId, principal);
    if (job && !isTerminal(job.status)) {
      job.status = 'cancelling';
      job.lastUpdatedDateTime = new Date().toISOString();
    }
    return job;
  }

  close(): Promise<void> {
    this.store.close();
    return Promise.resolve();
  }
}
