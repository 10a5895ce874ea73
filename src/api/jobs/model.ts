import type { ApiVersion } from '../api-version.ts';
import type { RecognizeResult } from '../recognize.ts';
import type { DocumentInput, JobTask } from '../schemas.ts';

/** Azure `State` of a job and of each task. */
export type JobStatus =
  'notStarted' | 'running' | 'succeeded' | 'partiallyCompleted' | 'failed' | 'cancelled' | 'cancelling';

export interface JobError {
  code: string;
  message: string;
  /** JSON pointer to the failed task (`#/tasks/items/<i>`); the JS SDK requires it. */
  target: string;
}

export interface TaskOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  lastUpdateDateTime: string;
  results: RecognizeResult & { modelVersion?: string };
}

export interface JobRecord {
  readonly jobId: string;
  readonly displayName?: string;
  readonly apiVersion: ApiVersion;
  /** Principal id of the submitter: only it may read or cancel the job; metering bills it. */
  readonly principal: string;
  readonly createdDateTime: string;
  lastUpdatedDateTime: string;
  readonly expiresAt: number;
  /** Text elements × tasks: what the results it keeps grow with (the store's memory budget). */
  readonly weight: number;
  status: JobStatus;
  /** Input, released once the job is done. */
  documents: DocumentInput[] | undefined;
  readonly tasks: readonly JobTask[];
  /** Per task, in submission order; undefined until the task ends. */
  readonly outcomes: (TaskOutcome | undefined)[];
  readonly errors: JobError[];
}

export function isTerminal(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}
