import { Router } from 'express';
import { principalOf } from '../../http/principal.ts';
import { requireApiVersion } from '../api-version.ts';
import { entityOutputOptions } from '../entity-options.ts';
import {
  type ApiContext,
  noDocuments,
  resolveDefaultModel,
  showStats,
  tooManyDocuments,
} from '../context.ts';
import { ApiError } from '../../http/errors.ts';
import { fromPoolError } from '../pool-errors.ts';
import { assertUniqueIds, recognizeEntitiesJson } from '../recognize.ts';
import { AnalyzeTextSchema, EntitiesParametersSchema, parseOrThrow } from '../schemas.ts';
import { traceContextOf } from '../../observability/tracing/index.ts';

/** `POST /language/:analyze-text` — synchronous analysis; this service serves kind EntityRecognition. */
export function analyzeRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.post('/language/\\:analyze-text', requireApiVersion, async (req, res) => {
    const body = parseOrThrow(AnalyzeTextSchema, req.body);
    if (body.kind !== 'EntityRecognition') {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidParameterValue',
        message: `Task kind '${body.kind}' is not supported by this service. Supported kinds: EntityRecognition.`,
        target: 'kind',
      });
    }
    const params = parseOrThrow(EntitiesParametersSchema, body.parameters ?? {}, 'parameters');
    const documents = body.analysisInput.documents;
    if (documents.length === 0) throw noDocuments();
    if (documents.length > ctx.config.limits.syncDocuments)
      throw tooManyDocuments(ctx.config.limits.syncDocuments);
    assertUniqueIds(documents);
    const model = resolveDefaultModel(ctx, params.modelVersion);
    const output = entityOutputOptions(req.apiVersion!, params);
    const results = await recognizeEntitiesJson(
      ctx.pool,
      documents,
      {
        model: model.id,
        languages: model.languages,
        defaultLanguage: 'en',
        stringIndexType: params.stringIndexType,
        showStats: showStats(req),
        maxTextElements: ctx.config.limits.documentTextElements,
        output,
        usage: { operation: 'EntityRecognition', principal: principalOf(res).id, model: model.id },
        correlation: traceContextOf(req),
      },
      model.version,
    ).catch((err: unknown) => {
      throw fromPoolError(err);
    });
    // What res.json of { kind, results: { ...results, modelVersion } } sends, written directly.
    res
      .set('Content-Type', 'application/json')
      .send(`{"kind":"EntityRecognitionResults","results":${results}}`);
  });
  return router;
}
