import { Router } from 'express';
import { parseOrThrow } from '../../api/schemas.ts';
import { ImportSchema, ProjectPatchSchema } from '../bodies.ts';
import { authoringErrors } from '../failures.ts';
import { deleteProjectWork } from '../jobs/delete-project.ts';
import { exportWork } from '../jobs/export.ts';
import { type ImportedProject, importWork } from '../jobs/import.ts';
import { fileNameProblem, LIMITS } from '../limits.ts';
import { page } from '../paging.ts';
import { jobState, projectMetadata } from '../shapes.ts';
import { azureTime } from '../time.ts';
import type { ProjectRecord } from '../types.ts';
import { accepted, link, projectOf, projectParam, type RouteContext, selfUrl, seg } from './context.ts';

/** Projects: list, get, create/update (merge patch), delete; `:import`, `:export` and their jobs. */
export function projectRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { store, jobs } = ctx;

  router.get('/projects', (req, res) => {
    res.json(page(req, store.list().map(projectMetadata), selfUrl(ctx, req)));
  });

  router.get('/projects/global/deletion-jobs/:jobId', (req, res) => {
    res.json(jobState(jobs.get(String(req.params.jobId), 'deleteProject')));
  });

  router.get('/projects/:projectName', (req, res) => {
    res.json(projectMetadata(projectOf(ctx, req)));
  });

  router.patch('/projects/:projectName', async (req, res) => {
    const name = projectParam(req);
    const patch = parseOrThrow(ProjectPatchSchema, req.body ?? {});
    if (patch.projectName !== undefined && patch.projectName !== name)
      throw authoringErrors.invalid(
        'The project name in the body does not match the one in the URL.',
        'projectName',
      );
    const existing = store.find(name)?.record;
    const now = azureTime();
    if (!existing) {
      if (store.size >= LIMITS.projectsPerResource)
        throw authoringErrors.quota(`A resource may have at most ${LIMITS.projectsPerResource} projects.`);
      for (const field of ['projectKind', 'storageInputContainerName', 'language'] as const)
        if (patch[field] === undefined)
          throw authoringErrors.invalid(`${field} is required to create a project.`, field);
    }
    if (patch.storageInputContainerName !== undefined) checkContainer(patch.storageInputContainerName);
    const record: ProjectRecord = {
      ...(existing ?? { createdDateTime: now }),
      projectName: name,
      projectKind: 'CustomEntityRecognition',
      storageInputContainerName: patch.storageInputContainerName ?? existing!.storageInputContainerName,
      language: patch.language ?? existing!.language,
      ...pick(patch, ['multilingual', 'description', 'settings']),
      lastModifiedDateTime: now,
    } as ProjectRecord;
    const saved = await ctx.projectSerial.run(name, () => store.saveProject(record));
    res.status(existing ? 200 : 201).json(projectMetadata(saved));
  });

  router.delete('/projects/:projectName', async (req, res) => {
    const { record } = projectOf(ctx, req);
    const job = await jobs.create('deleteProject', record.projectName);
    jobs.start(job, deleteProjectWork(store, ctx.deployer, jobs), ctx.projectSerial.gate(record.projectName));
    accepted(res, link(ctx, req, `global/deletion-jobs/${job.jobId}`));
  });

  router.post('/projects/:projectName/\\:import', async (req, res) => {
    const name = projectParam(req);
    const body = parseOrThrow(ImportSchema, req.body) as ImportedProject;
    if (body.metadata.projectName !== name)
      throw authoringErrors.invalid(
        'The project name in the project file (metadata.projectName) does not match the one in the URL.',
        'metadata.projectName',
      );
    if (!store.find(name) && store.size >= LIMITS.projectsPerResource)
      throw authoringErrors.quota(`A resource may have at most ${LIMITS.projectsPerResource} projects.`);
    checkContainer(body.metadata.storageInputContainerName);
    const seen = new Set<string>();
    for (const { location } of body.assets?.documents ?? []) {
      const problem = fileNameProblem('document', location);
      if (problem) throw authoringErrors.invalid(problem, 'assets.documents.location');
      if (seen.has(location))
        throw authoringErrors.invalid(
          `The document '${location}' is listed twice.`,
          'assets.documents.location',
        );
      seen.add(location);
    }
    const job = await jobs.create('import', name);
    jobs.start(job, importWork(store, ctx.config.authoring.storageRoot, body), ctx.projectSerial.gate(name));
    accepted(res, link(ctx, req, `${seg(name)}/import/jobs/${job.jobId}`));
  });

  router.get('/projects/:projectName/import/jobs/:jobId', (req, res) => {
    res.json(jobState(jobs.get(String(req.params.jobId), 'import', projectParam(req))));
  });

  router.post('/projects/:projectName/\\:export', async (req, res) => {
    const { record } = projectOf(ctx, req);
    if (req.query.stringIndexType !== 'Utf16CodeUnit')
      throw authoringErrors.invalid(
        'stringIndexType is required and must be Utf16CodeUnit.',
        'stringIndexType',
      );
    const label = typeof req.query.trainedModelLabel === 'string' ? req.query.trainedModelLabel : undefined;
    const job = await jobs.create('export', record.projectName, label ? { exportModelLabel: label } : {});
    jobs.start(job, exportWork(store, jobs.resultFile(job.jobId), label));
    accepted(res, link(ctx, req, `${seg(record.projectName)}/export/jobs/${job.jobId}`));
  });

  router.get('/projects/:projectName/export/jobs/:jobId', (req, res) => {
    const job = jobs.get(String(req.params.jobId), 'export', projectParam(req));
    res.json(jobState(job, link(ctx, req, `${seg(job.projectName)}/export/jobs/${job.jobId}/result`)));
  });

  router.get('/projects/:projectName/export/jobs/:jobId/result', (req, res) => {
    const job = jobs.get(String(req.params.jobId), 'export', projectParam(req));
    const result = job.status === 'succeeded' ? jobs.readResult(job.jobId) : undefined;
    if (!result) throw authoringErrors.notFound(`The export job ${job.jobId} has no result.`);
    res.json(result);
  });

  return router;
}

function checkContainer(name: string): void {
  const problem = fileNameProblem('container', name);
  if (problem) throw authoringErrors.invalid(problem, 'storageInputContainerName');
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<
    Pick<T, K>
  >;
}
