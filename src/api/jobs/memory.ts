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
  /** Per running job, what its cancel aborts: a task waiting for room in the queue stops at once. */
  private readonly running = new Map<string, AbortController>();

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
    const cancel = new AbortController();
    this.running.set(job.jobId, cancel);
    void runJob(this.ctx, job, this.logger, cancel.signal).finally(() => this.running.delete(job.jobId));
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
      this.running.get(job.jobId)?.abort();
    }
    return job;
  }

  close(): Promise<void> {
    this.store.close();
    return Promise.resolve();
  }
}
