import type { Request, Response } from 'express';
import { type ApiContext, publicBaseUrl } from '../../api/context.ts';
import type { Config } from '../../config/schema.ts';
import type { Deployer } from '../deployer.ts';
import type { JobRegistry } from '../jobs/registry.ts';
import type { Gate, KeyedSerial } from '../jobs/serial.ts';
import { resourceNameProblem } from '../limits.ts';
import { authoringErrors } from '../failures.ts';
import type { ProjectState, ProjectStore } from '../store.ts';

/** What the authoring routes share. */
export interface RouteContext extends ApiContext {
  readonly config: ApiContext['config'] & Pick<Config, 'authoring'>;
  readonly store: ProjectStore;
  readonly jobs: JobRegistry;
  readonly deployer: Deployer;
  /** Training jobs at once (authoring.concurrentTrainings). */
  readonly trainingGate: Gate;
  /** A project's imports, deployments and deletion run one at a time. */
  readonly projectSerial: KeyedSerial;
}

export const PROJECTS_PATH = '/language/authoring/analyze-text/projects';

/** Absolute URL of `path` (below `projects/`), with the request's api-version. */
export function link(ctx: RouteContext, req: Request, path: string): string {
  const version = encodeURIComponent(String(req.query['api-version']));
  return `${publicBaseUrl(ctx, req)}${PROJECTS_PATH}/${path}?api-version=${version}`;
}

/** The URL the request was made to (the base of `nextLink`). */
export function selfUrl(ctx: RouteContext, req: Request): string {
  return `${publicBaseUrl(ctx, req)}${req.originalUrl}`;
}

/** The route's project name, checked against the naming rules (a bad name can never exist: 400). */
export function projectParam(req: Request): string {
  const name = String(req.params.projectName);
  const problem = resourceNameProblem('project', name);
  if (problem) throw authoringErrors.invalid(problem, 'projectName');
  return name;
}

/** The route's project, or Azure's 404 ProjectNotFound. */
export function projectOf(ctx: RouteContext, req: Request): ProjectState {
  return ctx.store.get(projectParam(req));
}

export function seg(name: string): string {
  return encodeURIComponent(name);
}

/** 202 with the job's status URL, as every long-running authoring operation answers. */
export function accepted(res: Response, operationLocation: string): void {
  res.setHeader('Operation-Location', operationLocation);
  res.status(202).end();
}
