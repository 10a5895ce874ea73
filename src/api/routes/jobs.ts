import { principalOf } from '../../http/principal.ts';
import { randomUUID } from 'node:crypto';
import { type Request, Router } from 'express';
import { requireApiVersion } from '../api-version.ts';
import { entityOutputOptions } from '../entity-options.ts';
import {
  type ApiContext,
  noDocuments,
  publicBaseUrl,
  resolveDefaultModel,
  showStats,
  tooManyDocuments,
} from '../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { JobRecord } from '../jobs/model.ts';
import { renderJob } from '../jobs/render.ts';
import type { JobService } from '../jobs/service.ts';
import { assertUniqueIds } from '../recognize.ts';
import { countTextElements } from '../../text/string-index.ts';
import { type JobTask, JobSubmitSchema, JobTaskSchema, parseOrThrow } from '../schemas.ts';

const SUPPORTED_TASKS = ['EntityRecognition', 'CustomEntityRecognition'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseTasks(raw: readonly unknown[]): JobTask[] {
  return raw.map((task, i) => {
    const kind = (task as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !SUPPORTED_TASKS.includes(kind)) {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidParameterValue',
        message: `Task kind '${String(kind)}' is not supported by this service. Supported kinds: ${SUPPORTED_TASKS.join(', ')}.`,
        target: `tasks[${i}].kind`,
      });
    }
    return parseOrThrow(JobTaskSchema, task, `tasks[${i}]`);
  });
}

/** A paging parameter: digits only, `min` up to int32's maximum (`top=0` would page forever). */
function intParam(req: Request, name: string, min: number): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= 2 ** 31 - 1)) {
    throw ApiError.invalidRequest('Invalid Request.', {
      code: 'InvalidParameterValue',
      message: `${name} must be an integer from ${min} to ${2 ** 31 - 1}.`,
      target: name,
    });
  }
  return n;
}

/** A job's status URL under `base` (publicBaseUrl: taken before a job is created, as it may refuse). */
function statusUrl(base: string, req: Request, jobId: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ 'api-version': req.apiVersion!, ...extra });
  return `${base}/language/analyze-text/jobs/${jobId}?${query.toString()}`;
}

/**
 * The job, if it exists and `principal` submitted it (`find`: get or cancel); someone else's job is
 * as absent as Azure's 404.
 */
async function ownJob(
  find: (id: string, principal: string) => Promise<JobRecord | undefined>,
  jobId: string,
  principal: string,
): Promise<JobRecord> {
  // Job ids are GUIDs, which compare case-insensitively (they are issued in lower case).
  const job = UUID.test(jobId) ? await find(jobId.toLowerCase(), principal) : undefined;
  if (!job) throw new ApiError(404, { code: 'NotFound', message: `The job ${jobId} was not found.` });
  return job;
}

/** The long-running analyze-text jobs API: submit, status (with paging), cancel. */
export function jobRoutes(ctx: ApiContext, jobs: JobService): Router {
  const router = Router();

  router.post('/language/analyze-text/jobs', requireApiVersion, async (req, res) => {
    const base = publicBaseUrl(ctx, req);
    const body = parseOrThrow(JobSubmitSchema, req.body);
    const tasks = parseTasks(body.tasks);
    const documents = body.analysisInput.documents;
    const limits = ctx.config.limits;
    if (documents.length === 0) throw noDocuments();
    if (documents.length > limits.jobDocuments) throw tooManyDocuments(limits.jobDocuments);
    assertUniqueIds(documents);
    if (tasks.length > limits.jobTasks) {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidParameterValue',
        message: `Too many tasks in the request. Max ${limits.jobTasks} tasks are permitted.`,
        target: 'tasks',
      });
    }
    const characters = documents.reduce((n, d) => n + countTextElements(d.text), 0);
    if (characters > limits.jobCharacters) {
      throw ApiError.invalidRequest('Invalid document in request.', {
        code: 'InvalidDocumentBatch',
        message: `Request Payload sent is too large to be processed. Limit request size to: ${limits.jobCharacters} characters. For additional details on the data limitations see https://aka.ms/text-analytics-data-limits`,
      });
    }
    for (const task of tasks) {
      if (task.kind !== 'EntityRecognition') continue;
      resolveDefaultModel(ctx, task.parameters.modelVersion);
      entityOutputOptions(req.apiVersion!, task.parameters); // unknown entity names: 400 now, not a failed task later
    }

    const principal = principalOf(res).id;
    const weight = characters * tasks.length;
    const created = new Date();
    const job: JobRecord = {
      jobId: randomUUID(),
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      apiVersion: req.apiVersion!,
      principal,
      createdDateTime: created.toISOString(),
      lastUpdatedDateTime: created.toISOString(),
      expiresAt: created.getTime() + ctx.config.jobs.ttlSeconds * 1000,
      weight,
      status: 'notStarted',
      documents,
      tasks,
      outcomes: tasks.map(() => undefined),
      errors: [],
    };
    // One caller's unfinished jobs may take at most half the store, in number and in weight.
    await jobs.submit(job);
    res.setHeader('Operation-Location', statusUrl(base, req, job.jobId));
    res.status(202).end();
  });

  router.get('/language/analyze-text/jobs/:jobId', requireApiVersion, async (req, res) => {
    const jobId = String(req.params.jobId);
    const job = await ownJob((id, p) => jobs.get(id, p), jobId, principalOf(res).id);
    const top = intParam(req, 'top', 1);
    const skip = intParam(req, 'skip', 0) ?? 0;
    const stats = showStats(req);
    res.json(
      renderJob(job, {
        showStats: stats,
        skip,
        ...(top !== undefined ? { top } : {}),
        nextLink: (next) =>
          statusUrl(publicBaseUrl(ctx, req), req, job.jobId, {
            top: String(top),
            skip: String(next),
            ...(stats ? { showStats: 'true' } : {}),
          }),
      }),
    );
  });

  router.post('/language/analyze-text/jobs/:jobId\\:cancel', requireApiVersion, async (req, res) => {
    const jobId = String(req.params.jobId);
    const principal = principalOf(res).id;
    await ownJob((id, p) => jobs.get(id, p), jobId, principal);
    const base = publicBaseUrl(ctx, req);
    const job = await ownJob((id, p) => jobs.cancel(id, p), jobId, principal);
    res.setHeader('Operation-Location', statusUrl(base, req, job.jobId));
    res.status(202).end();
  });

  return router;
}
