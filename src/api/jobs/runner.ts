import { customModelIds } from '../../model/catalog.ts';
import { type ApiContext, findModel, resolveDefaultModel } from '../context.ts';
import { ApiError } from '../../http/errors.ts';
import { entityOutputOptions, PLAIN_OUTPUT } from '../entity-options.ts';
import { PoolOverloadedError } from '../../inference/errors.ts';
import type { UsageContext } from '../../metering/usage.ts';
import { fromPoolError } from '../pool-errors.ts';
import { recognizeEntities } from '../recognize.ts';
import type { DocumentInput, JobTask } from '../schemas.ts';
import type { ApiVersion } from '../api-version.ts';
import { failureLevel } from '../../observability/failure-level.ts';
import type { Logger } from '../../observability/logger.ts';
import type { JobError, JobRecord, TaskOutcome } from './model.ts';

function now(): string {
  return new Date().toISOString();
}

/** The longest a timer may be set for; a job expiring later wakes then and waits again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What running one task of a job needs to know of the job. */
export interface TaskRun {
  readonly jobId: string;
  readonly apiVersion: ApiVersion;
  readonly principal: string;
  readonly documents: readonly DocumentInput[];
  readonly expiresAt: number;
  /**
   * Aborted once the job is being cancelled: a task waiting for room in the inference queue stops
   * waiting at once and ends `cancelled`.
   */
  readonly cancelled: AbortSignal;
  /**
   * For a store whose cancel cannot abort `cancelled` by itself (Redis: a status any replica may
   * set): called when a task starts waiting for room, to watch for the cancel meanwhile; returns
   * the function that ends the watch.
   */
  watchCancel?(): () => void;
  /**
   * Whether the pool meters the task as it runs (the memory store). The Redis store meters a task
   * when its result is committed instead (README "Scale out"), so the pool must not.
   */
  readonly metered: boolean;
  /** Where a failed task's cause goes: the job's answer carries only its code and message. */
  readonly logger: Logger;
}

/** A task's outcome, and what it used when it succeeded (for metering outside the pool). */
export interface TaskResult {
  readonly outcome: TaskOutcome;
  readonly usage?: UsageContext;
  /** The job error of a failed task. */
  readonly error?: JobError;
}

/**
 * Runs a task, waiting while the inference queue is full: the job was accepted (202), so a
 * momentary overload must delay it, not fail it. It waits for the pool's signal that the task's
 * documents fit (no polling), then tries again; a cancel ends the wait at once (the task ends
 * `cancelled`, as one never started), and the job's expiry ends it too (the task fails).
 * Never throws: a failed task is a `failed` outcome plus a job error pointing at it.
 */
export async function runJobTask(
  ctx: ApiContext,
  run: TaskRun,
  task: JobTask,
  index: number,
): Promise<TaskResult> {
  for (;;) {
    try {
      return await runTask(ctx, run, task);
    } catch (err) {
      if (!(err instanceof PoolOverloadedError) || Date.now() >= run.expiresAt) {
        return failedTask(run, err, index);
      }
    }
    await roomCancelOrExpiry(ctx, run);
    if (run.cancelled.aborted) return { outcome: cancelledOutcome() };
  }
}

/** Waits until the inference queue has room for the task's documents, the job is cancelled, or it expires. */
async function roomCancelOrExpiry(ctx: ApiContext, run: TaskRun): Promise<void> {
  const expiry = new AbortController();
  const timer = setTimeout(() => expiry.abort(), Math.min(run.expiresAt - Date.now(), MAX_TIMER_MS));
  const unwatch = run.cancelled.aborted ? undefined : run.watchCancel?.();
  try {
    await ctx.pool.whenCapacity(run.documents.length, AbortSignal.any([expiry.signal, run.cancelled]));
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}

function failedTask(run: TaskRun, err: unknown, index: number): TaskResult {
  const mapped = fromPoolError(err);
  const body =
    mapped instanceof ApiError
      ? mapped.body
      : { code: 'InternalServerError', message: 'Internal error while processing the task.' };
  logFailedTask(run, index, mapped instanceof ApiError ? mapped.status : 500, body.code, err);
  return {
    outcome: { status: 'failed', lastUpdateDateTime: now(), results: { documents: [], errors: [] } },
    error: { code: body.code, message: body.message, target: `#/tasks/items/${index}` },
  };
}

/** One line per failed task with its cause, at the level the HTTP edge would log its status at. */
function logFailedTask(run: TaskRun, index: number, status: number, code: string, err: unknown): void {
  const cause = err instanceof ApiError ? (err.cause ?? { message: err.message }) : err;
  const line = { jobId: run.jobId, task: index, status, code, err: cause };
  run.logger[failureLevel(status)](line, 'job task failed');
}

/** The outcome of a task that never ran because its job was cancelled. */
export function cancelledOutcome(): TaskOutcome {
  return { status: 'cancelled', lastUpdateDateTime: now(), results: { documents: [], errors: [] } };
}

/** A finished job's state: cancelled if asked, failed if every task failed, else succeeded. */
export function finalStatus(
  cancelling: boolean,
  outcomes: readonly (TaskOutcome | undefined)[],
): JobRecord['status'] {
  if (cancelling) return 'cancelled';
  const failed = outcomes.filter((o) => o?.status === 'failed').length;
  return failed === outcomes.length ? 'failed' : 'succeeded';
}

async function runTask(ctx: ApiContext, run: TaskRun, task: JobTask): Promise<TaskResult> {
  const common = {
    defaultLanguage: 'en',
    stringIndexType: task.parameters.stringIndexType,
    // Statistics are always computed and stripped on read unless showStats is asked for.
    showStats: true,
    maxTextElements: ctx.config.limits.jobCharacters,
  };
  if (task.kind === 'EntityRecognition') {
    const model = resolveDefaultModel(ctx, task.parameters.modelVersion);
    const usage: UsageContext = { operation: 'EntityRecognition', principal: run.principal, model: model.id };
    const results = await recognizeEntities(ctx.pool, run.documents, {
      ...common,
      model: model.id,
      languages: model.languages,
      output: entityOutputOptions(run.apiVersion, task.parameters),
      ...(run.metered ? { usage } : {}),
    });
    return {
      outcome: {
        status: 'succeeded',
        lastUpdateDateTime: now(),
        results: { ...results, modelVersion: model.version },
      },
      usage,
    };
  }
  const { projectName, deploymentName } = task.parameters;
  // The deployment's own model, else the project's model of Azure's run line (any deploymentName).
  const model = customModelIds(projectName, deploymentName)
    .map((id) => findModel(ctx, id))
    .find((m) => m !== undefined);
  if (!model) {
    throw new ApiError(404, {
      code: 'ProjectNotFound',
      message: `The project '${projectName}' with deployment '${deploymentName}' was not found.`,
    });
  }
  const usage: UsageContext = {
    operation: 'CustomEntityRecognition',
    principal: run.principal,
    model: model.id,
  };
  const results = await recognizeEntities(ctx.pool, run.documents, {
    ...common,
    model: model.id,
    languages: model.languages,
    anyLanguage: model.multilingual === true,
    output: PLAIN_OUTPUT,
    ...(run.metered ? { usage } : {}),
  });
  return { outcome: { status: 'succeeded', lastUpdateDateTime: now(), results }, usage };
}

/**
 * Runs a job kept in memory, its tasks one after another. A failed task becomes a `failed` item
 * plus a job error pointing at it; the job still ends `succeeded` unless every task failed (the JS
 * SDK polls `partiallyCompleted` forever, so that state is never used). `cancelled` is aborted by
 * the job's cancel (which also sets its status `cancelling`).
 */
export async function runJob(
  ctx: ApiContext,
  job: JobRecord,
  logger: Logger,
  cancelled: AbortSignal,
): Promise<void> {
  if (job.status === 'notStarted') job.status = 'running';
  job.lastUpdatedDateTime = now();
  const run: TaskRun = {
    jobId: job.jobId,
    apiVersion: job.apiVersion,
    principal: job.principal,
    documents: job.documents ?? [],
    expiresAt: job.expiresAt,
    cancelled,
    metered: true,
    logger,
  };
  for (let i = 0; i < job.tasks.length; i++) {
    if (job.status === 'cancelling') break;
    const { outcome, error } = await runJobTask(ctx, run, job.tasks[i]!, i);
    job.outcomes[i] = outcome;
    if (error) job.errors.push(error);
    job.lastUpdatedDateTime = now();
  }
  for (let i = 0; i < job.tasks.length; i++) job.outcomes[i] ??= cancelledOutcome();
  job.status = finalStatus(job.status === 'cancelling', job.outcomes);
  job.documents = undefined;
  job.lastUpdatedDateTime = now();
}
