import type { ApiVersion } from '../../api-version.ts';
import type { DocumentInput, JobTask } from '../../schemas.ts';
import type { JobError, JobRecord, JobStatus, TaskOutcome } from '../model.ts';

/** What never changes of a job, stored once as JSON. */
interface JobMeta {
  readonly jobId: string;
  readonly displayName?: string;
  readonly apiVersion: ApiVersion;
  readonly principal: string;
  readonly createdDateTime: string;
  readonly expiresAt: number;
  readonly weight: number;
  readonly tasks: readonly JobTask[];
}

/** A task's stored result. */
export interface StoredTask {
  readonly outcome: TaskOutcome;
  readonly error?: JobError;
}

/** The hash fields of a new job. */
export function encodeJob(job: JobRecord): { meta: string; input: string } {
  const meta: JobMeta = {
    jobId: job.jobId,
    ...(job.displayName !== undefined ? { displayName: job.displayName } : {}),
    apiVersion: job.apiVersion,
    principal: job.principal,
    createdDateTime: job.createdDateTime,
    expiresAt: job.expiresAt,
    weight: job.weight,
    tasks: job.tasks,
  };
  return { meta: JSON.stringify(meta), input: JSON.stringify(job.documents ?? []) };
}

export function taskField(index: number): string {
  return `t:${index}`;
}

/** A job from its hash (HGETALL), or undefined for an empty one (gone). */
export function decodeJob(hash: Record<string, string>): JobRecord | undefined {
  if (hash.meta === undefined) return undefined;
  const meta = JSON.parse(hash.meta) as JobMeta;
  const stored = meta.tasks.map((_, i) => {
    const raw = hash[taskField(i)];
    return raw === undefined ? undefined : (JSON.parse(raw) as StoredTask);
  });
  return {
    ...meta,
    lastUpdatedDateTime: hash.updated ?? meta.createdDateTime,
    status: (hash.status ?? 'notStarted') as JobStatus,
    documents: hash.input === undefined ? undefined : (JSON.parse(hash.input) as DocumentInput[]),
    outcomes: stored.map((s) => s?.outcome),
    errors: stored.flatMap((s) => (s?.error ? [s.error] : [])),
  };
}
