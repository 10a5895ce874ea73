import type { Request } from 'express';
import type { Config } from '../config/schema.ts';
import type { InferencePool } from '../inference/pool.ts';
import type { ModelInfo } from '../inference/protocol.ts';
import { DEFAULT_MODEL_ID } from '../model/catalog.ts';
import { ApiError } from '../http/errors.ts';

/**
 * The settings the API routes and jobs read: request and job limits, the job store, the public URL
 * and shutdown grace, whether Billing is configured, and the rate limits' Redis (the jobs' default).
 */
export type ApiSettings = Pick<Config, 'jobs' | 'limits'> & {
  readonly server: Pick<Config['server'], 'publicUrl' | 'shutdownGraceMs'>;
  readonly azure: Pick<Config['azure'], 'billing' | 'apiKey'>;
  readonly rateLimits: Pick<Config['rateLimits'], 'redisUrl'>;
};

/** What the API routes need from the rest of the service. */
export interface ApiContext {
  readonly config: ApiSettings;
  readonly pool: InferencePool;
  /**
   * The base of the links handed to clients when `server.publicUrl` is not set, or undefined when
   * the request's Host is not a host the server answers for (src/server/link-base.ts).
   */
  readonly linkBase?: (req: Request) => string | undefined;
}

/**
 * Absolute base URL for links handed to clients (Operation-Location, nextLink): `server.publicUrl`,
 * else what `ctx.linkBase` trusts of the request. A client follows them with its credentials, so a
 * Host the server does not answer for is refused (421 Misdirected Request), never echoed.
 */
export function publicBaseUrl(ctx: ApiContext, req: Request): string {
  if (ctx.config.server.publicUrl) return ctx.config.server.publicUrl.replace(/\/+$/, '');
  const base = ctx.linkBase?.(req);
  if (base !== undefined) return base;
  throw ApiError.invalidRequest(
    'Invalid Request.',
    {
      code: 'InvalidRequest',
      message:
        'The Host header names a host this server does not answer for, so no link can be built. Use the host name of the server certificate, or ask the operator to set server.publicUrl or server.allowedHosts.',
    },
    421,
  );
}

export function findModel(ctx: ApiContext, id: string): ModelInfo | undefined {
  return ctx.pool.models.find((m) => m.id === id);
}

/** The default model, checked against the requested `modelVersion` ("latest" or its version). */
export function resolveDefaultModel(ctx: ApiContext, modelVersion: string): ModelInfo {
  const model = findModel(ctx, DEFAULT_MODEL_ID);
  if (!model) throw ApiError.unavailable('The default model is not loaded.', 5);
  if (modelVersion.toLowerCase() !== 'latest' && modelVersion !== model.version) {
    throw ApiError.invalidRequest('Invalid Request.', {
      code: 'ModelVersionIncorrect',
      message: `Invalid model version. Possible values are: latest,${model.version}. For additional details see https://aka.ms/text-analytics-model-versioning`,
    });
  }
  return model;
}

export function showStats(req: Request): boolean {
  return String(req.query.showStats ?? req.query.showstats ?? '').toLowerCase() === 'true';
}

export function tooManyDocuments(max: number): ApiError {
  return ApiError.invalidRequest('Invalid document in request.', {
    code: 'InvalidDocumentBatch',
    message: `Batch request contains too many records. Max ${max} records are permitted.`,
  });
}

export function noDocuments(): ApiError {
  return ApiError.invalidRequest('Invalid Request.', {
    code: 'MissingInputDocuments',
    message: 'Missing input documents.',
  });
}
