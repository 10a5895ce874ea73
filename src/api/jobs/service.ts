import { ApiError } from '../../http/errors.ts';
import type { JobRecord } from './model.ts';

/**
 * Where jobs live and run, as the routes see it: `memory` (this process, src/api/jobs/memory.ts)
 * or `redis` (shared by every replica, src/api/jobs/redis/). Reads return a snapshot the routes
 * render; only the service changes a job.
 */
export interface JobService {
  /**
   * Keeps a new job and starts it, or throws: 429 + Retry-After when the store or the principal's
   * share of it is full, 503 + Retry-After when the store cannot be reached.
   */
  submit(job: JobRecord): Promise<void>;
  /** The job, if it exists, has not expired and `principal` submitted it. */
  get(jobId: string, principal: string): Promise<JobRecord | undefined>;
  /** Asks a job that is not finished to stop; the job (as after the request), if `get` finds it. */
  cancel(jobId: string, principal: string): Promise<JobRecord | undefined>;
  /** Stops running jobs here (a Redis store leaves them to the other replicas). */
  close(): Promise<void>;
}

/** Seconds a client waits before retrying a submission the store refused. */
export const JOBS_RETRY_AFTER_SECONDS = 10;

export function storeFull(): ApiError {
  return ApiError.tooManyRequests('Too many jobs in progress; retry later.', JOBS_RETRY_AFTER_SECONDS);
}

export function principalFull(): ApiError {
  return ApiError.tooManyRequests(
    'Too many of your jobs are in progress; retry later.',
    JOBS_RETRY_AFTER_SECONDS,
  );
}
