import { customModelIds } from '../../model/catalog.ts';
import { type ApiContext, findModel, resolveDefaultModel } from '../context.ts';
import { ApiError } from '../errors.ts';
import { entityOutputOptions, PLAIN_OUTPUT } from '../entity-options.ts';
import { PoolOverloadedError } from '../../inference/errors.ts';
import { fromPoolError } from '../pool-errors.ts';
import { recognizeEntities } from '../recognize.ts';
import type { JobTask } from '../schemas.ts';
import type { JobRecord, TaskOutcome } from './model.ts';

function now(): string {
  return new Date().toISOString();
}

/** How often a job whose task found the inference queue full tries again. */
const QUEUE_RETRY_MS = 200;

/**
 * Runs a task, waiting while the inference queue is full: the job was accepted (202), so a
 * momentary overload must delay it, not fail it. Stops waiting when the job is cancelled or expires.
 */
async function runWhenAdmitted(ctx: ApiContext, job: JobRecord, task: JobTask): Promise<TaskOutcome> {
  for (;;) {
    try {
      return await runTask(ctx, job, task);
    } catch (err) {
      const waiting = err instanceof PoolOverloadedError && job.status !== 'cancelling';
      if (!waiting || Date.now() + QUEUE_RETRY_MS >= job.expiresAt) throw err;
      await new Promise((resolve) => setTimeout(resolve, QUEUE_RETRY_MS));
    }
  }
}

async function runTask(ctx: ApiContext, job: JobRecord, task: JobTask): Promise<TaskOutcome> {
  const documents = job.documents ?? [];
  const common = {
    defaultLanguage: 'en',
    stringIndexType: task.parameters.stringIndexType,
    // Statistics are always computed and stripped on read unless showStats is asked for.
    showStats: true,
    maxTextElements: ctx.config.limits.jobCharacters,
  };
  if (task.kind === 'EntityRecognition') {
    const model = resolveDefaultModel(ctx, task.parameters.modelVersion);
    const results = await recognizeEntities(ctx.pool, documents, {
      ...common,
      model: model.id,
      languages: model.languages,
      output: entityOutputOptions(job.apiVersion, task.parameters),
      usage: { operation: 'EntityRecognition', principal: job.principal, model: model.id },
    });
    return {
      status: 'succeeded',
      lastUpdateDateTime: now(),
      results: { ...results, modelVersion: model.version },
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
  const results = await recognizeEntities(ctx.pool, documents, {
    ...common,
    model: model.id,
    languages: model.languages,
    anyLanguage: model.multilingual === true,
    output: PLAIN_OUTPUT,
    usage: { operation: 'CustomEntityRecognition', principal: job.principal, model: model.id },
  });
  return { status: 'succeeded', lastUpdateDateTime: now(), results };
}

/**
 * Runs a job's tasks one after another. A failed task becomes a `failed` item plus a job error
 * pointing at it; the job still ends `succeeded` unless every task failed (the JS SDK polls
 * `partiallyCompleted` forever, so that state is never used).
 */
export async function runJob(ctx: ApiContext, job: JobRecord): Promise<void> {
  if (job.status === 'notStarted') job.status = 'running';
  job.lastUpdatedDateTime = now();
  for (let i = 0; i < job.tasks.length; i++) {
    if (job.status === 'cancelling') break;
    try {
      job.outcomes[i] = await runWhenAdmitted(ctx, job, job.tasks[i]!);
    } catch (err) {
      const mapped = fromPoolError(err);
      const body =
        mapped instanceof ApiError
          ? mapped.body
          : { code: 'InternalServerError', message: 'Internal error while processing the task.' };
      job.outcomes[i] = {
        status: 'failed',
        lastUpdateDateTime: now(),
        results: { documents: [], errors: [] },
      };
      job.errors.push({ code: body.code, message: body.message, target: `#/tasks/items/${i}` });
    }
    job.lastUpdatedDateTime = now();
  }
  for (let i = 0; i < job.tasks.length; i++) {
    job.outcomes[i] ??= {
      status: 'cancelled',
      lastUpdateDateTime: now(),
      results: { documents: [], errors: [] },
    };
  }
  const failed = job.outcomes.filter((o) => o?.status === 'failed').length;
  if (job.status === 'cancelling') job.status = 'cancelled';
  else job.status = failed === job.tasks.length ? 'failed' : 'succeeded';
  job.documents = undefined;
  job.lastUpdatedDateTime = now();
}
