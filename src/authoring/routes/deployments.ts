import { Router } from 'express';
import { parseOrThrow } from '../../api/schemas.ts';
import { DeploySchema } from '../bodies.ts';
import { authoringErrors } from '../failures.ts';
import { deleteDeploymentWork, deployWork } from '../jobs/deploy.ts';
import { LIMITS, resourceNameProblem } from '../limits.ts';
import { page } from '../paging.ts';
import { deployment, jobState } from '../shapes.ts';
import { accepted, link, projectOf, projectParam, type RouteContext, selfUrl, seg } from './context.ts';

/** Deployments: list, get, deploy (PUT), delete, and their jobs. */
export function deploymentRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { store, jobs } = ctx;

  const deploymentParam = (name: unknown): string => {
    const problem = resourceNameProblem('deployment', String(name));
    if (problem) throw authoringErrors.invalid(problem, 'deploymentName');
    return String(name);
  };
  const jobUrl = (req: Parameters<typeof link>[1], project: string, name: string, jobId: string): string =>
    link(ctx, req, `${seg(project)}/deployments/${seg(name)}/jobs/${jobId}`);

  router.get('/projects/:projectName/deployments', (req, res) => {
    const list = [...projectOf(ctx, req).deployments.values()].sort((a, b) =>
      a.deploymentName.localeCompare(b.deploymentName),
    );
    res.json(page(req, list.map(deployment), selfUrl(ctx, req)));
  });

  router.get('/projects/:projectName/deployments/:deploymentName', (req, res) => {
    const name = deploymentParam(req.params.deploymentName);
    const found = projectOf(ctx, req).deployments.get(name);
    if (!found) throw authoringErrors.notFound(`The deployment ${name} could not be found.`);
    res.json(deployment(found));
  });

  router.put('/projects/:projectName/deployments/:deploymentName', async (req, res) => {
    const project = projectOf(ctx, req);
    const projectName = project.record.projectName;
    const name = deploymentParam(req.params.deploymentName);
    const body = parseOrThrow(DeploySchema, req.body);
    if (!project.models.has(body.trainedModelLabel))
      throw authoringErrors.notFound(`The trained model ${body.trainedModelLabel} could not be found.`);
    const pending = jobs.active(projectName, 'deploy').map((j) => j.deploymentName!);
    const names = new Set([...project.deployments.keys(), ...pending]);
    if (!names.has(name) && names.size >= LIMITS.deploymentsPerProject)
      throw authoringErrors.quota(`A project may have at most ${LIMITS.deploymentsPerProject} deployments.`);
    const job = await jobs.create('deploy', projectName, {
      deploymentName: name,
      trainedModelLabel: body.trainedModelLabel,
    });
    jobs.start(job, deployWork(store, ctx.deployer), ctx.projectSerial.gate(projectName));
    accepted(res, jobUrl(req, projectName, name, job.jobId));
  });

  router.delete('/projects/:projectName/deployments/:deploymentName', async (req, res) => {
    const project = projectOf(ctx, req);
    const projectName = project.record.projectName;
    const name = deploymentParam(req.params.deploymentName);
    if (!project.deployments.has(name))
      throw authoringErrors.notFound(`The deployment ${name} could not be found.`);
    const job = await jobs.create('deleteDeployment', projectName, { deploymentName: name });
    jobs.start(job, deleteDeploymentWork(store, ctx.deployer), ctx.projectSerial.gate(projectName));
    accepted(res, jobUrl(req, projectName, name, job.jobId));
  });

  router.get('/projects/:projectName/deployments/:deploymentName/jobs/:jobId', (req, res) => {
    const projectName = projectParam(req);
    const name = deploymentParam(req.params.deploymentName);
    const jobId = String(req.params.jobId);
    const job = jobs.find(jobId, ['deploy', 'deleteDeployment'], projectName);
    if (job?.deploymentName !== name) throw authoringErrors.jobNotFound(jobId);
    res.json(jobState(job));
  });

  return router;
}
