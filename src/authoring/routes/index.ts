import express, { Router } from 'express';
import { requireAuthoringApiVersion } from '../api-version.ts';
import type { RouteContext } from './context.ts';
import { deploymentRoutes } from './deployments.ts';
import { modelRoutes } from './models.ts';
import { projectRoutes } from './projects.ts';
import { trainingRoutes } from './training.ts';

/**
 * Every authoring route, under `/language/authoring/analyze-text`. Bodies are parsed here, with their
 * own limit (a project file is larger than an analysis request) and merge-patch JSON for `PATCH`.
 */
export function authoringRouter(ctx: RouteContext): Router {
  const routes = Router();
  routes.use(
    express.json({
      limit: ctx.config.authoring.bodyLimitBytes,
      strict: true,
      type: ['application/json', 'application/merge-patch+json'],
    }),
    requireAuthoringApiVersion,
  );
  // Global routes (`projects/global/...`) first: `global` is not a project.
  routes.use(trainingRoutes(ctx));
  routes.use(projectRoutes(ctx));
  routes.use(modelRoutes(ctx));
  routes.use(deploymentRoutes(ctx));
  const router = Router();
  router.use('/language/authoring/analyze-text', routes);
  return router;
}
