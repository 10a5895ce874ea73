import { principalOf } from '../../http/principal.ts';
import { Router } from 'express';
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
import { PLAIN_OUTPUT } from '../entity-options.ts';
import { LegacyBodySchema, parseOrThrow } from '../schemas.ts';
import type { StringIndexType } from '../../text/string-index.ts';
import { traceContextOf } from '../../observability/tracing/index.ts';

/** v3.1 spells the grapheme mode `TextElement_v8` (singular); accept both spellings. */
function legacyIndexType(value: unknown): StringIndexType {
  if (value === undefined || value === '' || value === 'TextElement_v8' || value === 'TextElements_v8') {
    return 'TextElements_v8';
  }
  if (value === 'UnicodeCodePoint' || value === 'Utf16CodeUnit') return value;
  throw ApiError.invalidRequest('Invalid Request.', {
    code: 'InvalidParameterValue',
    message: 'stringIndexType must be one of TextElement_v8, UnicodeCodePoint, Utf16CodeUnit.',
    target: 'stringIndexType',
  });
}

/** Legacy Text Analytics v3.0/v3.1 general NER, which older clients and the containers still use. */
export function legacyRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.post('/text/analytics/:version/entities/recognition/general', async (req, res) => {
    const version = req.params.version;
    if (version !== 'v3.0' && version !== 'v3.1') throw ApiError.notFound();
    const body = parseOrThrow(LegacyBodySchema, req.body);
    if (body.documents.length === 0) throw noDocuments();
    if (body.documents.length > ctx.config.limits.syncDocuments)
      throw tooManyDocuments(ctx.config.limits.syncDocuments);
    assertUniqueIds(body.documents);
    const modelVersion =
      typeof req.query['model-version'] === 'string' ? req.query['model-version'] : 'latest';
    const model = resolveDefaultModel(ctx, modelVersion);
    const results = await recognizeEntitiesJson(
      ctx.pool,
      body.documents,
      {
        model: model.id,
        languages: model.languages,
        defaultLanguage: 'en',
        stringIndexType: version === 'v3.1' ? legacyIndexType(req.query.stringIndexType) : 'TextElements_v8',
        showStats: showStats(req),
        maxTextElements: ctx.config.limits.documentTextElements,
        output: PLAIN_OUTPUT,
        usage: { operation: 'EntityRecognition', principal: principalOf(res).id, model: model.id },
        correlation: traceContextOf(req),
      },
      model.version,
    ).catch((err: unknown) => {
      throw fromPoolError(err);
    });
    res.set('Content-Type', 'application/json').send(results);
  });
  return router;
}
