import type { RequestStatistics } from '../recognize.ts';
import type { JobRecord, TaskOutcome } from './model.ts';

export interface RenderOptions {
  readonly showStats: boolean;
  readonly top?: number;
  readonly skip: number;
  /** Builds the URL of the next page for a given skip. */
  readonly nextLink: (skip: number) => string;
}

function page<T>(items: readonly T[], opts: RenderOptions): T[] {
  return items.slice(opts.skip, opts.top === undefined ? undefined : opts.skip + opts.top);
}

function renderTask(job: JobRecord, index: number, outcome: TaskOutcome, opts: RenderOptions): object {
  const task = job.tasks[index]!;
  const { statistics, documents, errors, modelVersion } = outcome.results;
  const results: Record<string, unknown> = {
    documents: page(documents, opts).map((d) => {
      if (opts.showStats) return d;
      const { statistics: _s, ...rest } = d;
      return rest;
    }),
    errors: page(errors, opts),
    ...(opts.showStats && statistics ? { statistics } : {}),
  };
  if (task.kind === 'EntityRecognition') results.modelVersion = modelVersion ?? '';
  else {
    results.projectName = task.parameters.projectName;
    results.deploymentName = task.parameters.deploymentName;
  }
  return {
    kind:
      task.kind === 'EntityRecognition' ? 'EntityRecognitionLROResults' : 'CustomEntityRecognitionLROResults',
    ...(task.taskName !== undefined ? { taskName: task.taskName } : {}),
    lastUpdateDateTime: outcome.lastUpdateDateTime,
    status: outcome.status,
    results,
  };
}

function jobStatistics(job: JobRecord): RequestStatistics | undefined {
  const first = job.outcomes.find((o) => o?.results.statistics)?.results.statistics;
  return first ? { ...first } : undefined;
}

/** `AnalyzeTextJobState` for GET, with per-task document paging (`top`/`skip`/`nextLink`). */
export function renderJob(job: JobRecord, opts: RenderOptions): object {
  const done = job.outcomes.filter((o): o is TaskOutcome => o !== undefined);
  const items: object[] = [];
  job.outcomes.forEach((o, i) => {
    if (o) items.push(renderTask(job, i, o, opts));
  });
  const longest = Math.max(
    0,
    ...done.map((o) => Math.max(o.results.documents.length, o.results.errors.length)),
  );
  const more = opts.top !== undefined && opts.skip + opts.top < longest;
  const stats = opts.showStats ? jobStatistics(job) : undefined;
  return {
    jobId: job.jobId,
    ...(job.displayName !== undefined ? { displayName: job.displayName } : {}),
    createdDateTime: job.createdDateTime,
    lastUpdatedDateTime: job.lastUpdatedDateTime,
    expirationDateTime: new Date(job.expiresAt).toISOString(),
    status: job.status,
    ...(job.errors.length > 0 ? { errors: job.errors } : {}),
    ...(more ? { nextLink: opts.nextLink(opts.skip + opts.top!) } : {}),
    ...(stats ? { statistics: stats } : {}),
    tasks: {
      completed: done.filter((o) => o.status === 'succeeded').length,
      failed: done.filter((o) => o.status === 'failed').length,
      inProgress: job.tasks.length - done.length,
      total: job.tasks.length,
      items,
    },
  };
}
