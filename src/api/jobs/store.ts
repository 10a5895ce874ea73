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

  /**
   * Adds a job; false when unexpired, unfinished jobs leave no room for it. Finished jobs are
   * evicted only when that makes room: a refused job costs nobody their results.
   */
  add(job: JobRecord, isFinished: (j: JobRecord) => boolean): boolean {
    this.sweep();
    let unfinished = 0;
    let unfinishedWeight = 0;
    for (const j of this.jobs.values()) {
      if (isFinished(j)) continue;
      unfinished++;
      unfinishedWeight += j.weight;
    }
    const { maxJobs, maxWeight } = this.limits;
    if (unfinished + 1 > maxJobs || unfinishedWeight + job.weight > maxWeight) return false;
    const full = (): boolean => this.jobs.size + 1 > maxJobs || this.weight + job.weight > maxWeight;
    for (const [id, j] of this.jobs) {
      if (!full()) break;
      if (isFinished(j)) this.delete(id, j);
    }
    this.jobs.set(job.jobId, job);
    this.weight += job.weight;
    return true;
  }

  /** The jobs of `principal` that are not finished yet: how many, and their weight. */
  unfinishedOf(principal: string, isFinished: (j: JobRecord) => boolean): { count: number; weight: number } {
    let count = 0;
    let weight = 0;
    for (const job of this.jobs.values()) {
      if (job.principal !== principal || isFinished(job)) continue;
      count++;
      weight += job.weight;
    }
    return { count, weight };
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
