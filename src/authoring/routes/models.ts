import { join } from 'node:path';
import { Router, type Request } from 'express';
import { authoringErrors } from '../failures.ts';
import { readJson } from '../files.ts';
import { page } from '../paging.ts';
import { trainedModel } from '../shapes.ts';
import type { ModelRecord } from '../types.ts';
import { projectOf, type RouteContext, selfUrl } from './context.ts';

/** Trained models: list, get, delete, and their evaluation (per document, and the summary). */
export function modelRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { store } = ctx;

  const modelOf = (req: Request): ModelRecord => {
    const project = projectOf(ctx, req);
    const model = project.models.get(String(req.params.label));
    if (!model)
      throw authoringErrors.notFound(`The trained model ${String(req.params.label)} could not be found.`);
    return model;
  };
  const evaluationFile = (req: Request, name: string): unknown => {
    const model = modelOf(req);
    return readJson(join(store.modelDir(String(req.params.projectName), model.label), name));
  };

  router.get('/projects/:projectName/models', (req, res) => {
    const models = [...projectOf(ctx, req).models.values()].sort((a, b) => a.label.localeCompare(b.label));
    res.json(page(req, models.map(trainedModel), selfUrl(ctx, req)));
  });

  router.get('/projects/:projectName/models/:label', (req, res) => {
    res.json(trainedModel(modelOf(req)));
  });

  router.delete('/projects/:projectName/models/:label', async (req, res) => {
    const model = modelOf(req);
    // Deployments are copies: they keep serving the model until they are deleted or replaced.
    await ctx.projectSerial.run(String(req.params.projectName), () =>
      store.deleteModel(String(req.params.projectName), model.label),
    );
    res.status(204).end();
  });

  router.get('/projects/:projectName/models/:label/evaluation/result', (req, res) => {
    const index = req.query.stringIndexType;
    if (index !== undefined && index !== 'Utf16CodeUnit')
      throw authoringErrors.invalid('stringIndexType must be Utf16CodeUnit.', 'stringIndexType');
    const results = (evaluationFile(req, 'evaluation-results.json') as unknown[] | undefined) ?? [];
    res.json(page(req, results, selfUrl(ctx, req)));
  });

  router.get('/projects/:projectName/models/:label/evaluation/summary-result', (req, res) => {
    const summary = evaluationFile(req, 'evaluation-summary.json');
    if (!summary) throw authoringErrors.notFound('The evaluation of this model could not be found.');
    res.json(summary);
  });

  return router;
}
