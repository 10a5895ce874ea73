import type { JobRecord } from './model.ts';

export interface JobStoreLimits {
  /** Jobs kept at once. */
  readonly maxJobs: number;
  /** Sum of the jobs' `weight` (text elements × tasks: what their results grow with). */
  readonly maxWeight: number;
}

/**
 * Jobs in memory, bounded in number and in weight (the size of the results they keep), each dropped
 * after its expiry (Azure keeps results 24 h). Finished jobs are evicted oldest-first to make room;
 * running ones never are.
 */
export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly sweeper: NodeJS.Timeout;
  private weight = 0;

  constructor(private readonly limits: JobStoreLimits) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Weight of the jobs kept now. */
  get storedWeight(): number {
    return this.weight;
  }

  /** Adds a job; false when unexpired, unfinished jobs leave no room for it. */
  add(job: JobRecord, isFinished: (j: JobRecord) => boolean): boolean {
    this.sweep();
    const full = (): boolean =>
      this.jobs.size >= this.limits.maxJobs || this.weight + job.weight > this.limits.maxWeight;
    for (const [id, j] of this.jobs) {
      if (!full()) break;
      if (isFinished(j)) this.delete(id, j);
    }
    if (full()) return false;
    this.jobs.set(job.jobId, job);
    this.weight += job.weight;
    return true;
  }

  /** Jobs of `principal` that are not finished yet. */
  unfinishedOf(principal: string, isFinished: (j: JobRecord) => boolean): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.principal === principal && !isFinished(job)) n++;
    return n;
  }

  get(id: string): JobRecord | undefined {
    const job = this.jobs.get(id);
    if (job && job.expiresAt <= Date.now()) {
      this.delete(id, job);
      return undefined;
    }
    return job;
  }

  sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) if (job.expiresAt <= now) this.delete(id, job);
  }

  private delete(id: string, job: JobRecord): void {
    this.jobs.delete(id);
    this.weight -= job.weight;
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
