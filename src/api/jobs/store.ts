import type { JobRecord } from './model.ts';

/**
 * Jobs in memory, bounded in number, each dropped after its expiry (Azure keeps results 24 h).
 * Finished jobs are evicted oldest-first when the store is full; running ones never are.
 */
export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxJobs: number) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Adds a job; false when the store is full of unexpired, unfinished jobs. */
  add(job: JobRecord, isFinished: (j: JobRecord) => boolean): boolean {
    this.sweep();
    if (this.jobs.size >= this.maxJobs) {
      for (const [id, j] of this.jobs) {
        if (isFinished(j)) {
          this.jobs.delete(id);
          break;
        }
      }
    }
    if (this.jobs.size >= this.maxJobs) return false;
    this.jobs.set(job.jobId, job);
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
      this.jobs.delete(id);
      return undefined;
    }
    return job;
  }

  sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) if (job.expiresAt <= now) this.jobs.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
