import type { Request } from 'express';
import type { Config } from '../config/schema.ts';
import type { InferencePool } from '../inference/pool.ts';
import type { ModelInfo } from '../inference/protocol.ts';
import { DEFAULT_MODEL_ID } from '../model/catalog.ts';
import { ApiError } from './errors.ts';

/** What the API routes need from the rest of the service. */
export interface ApiContext {
  readonly config: Config;
  readonly pool: InferencePool;
}

/** A Host header that is only a host name or IP literal and an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * Absolute base URL for links handed to clients (Operation-Location, nextLink): `server.publicUrl`,
 * else the Host the client used, if it is a plain host[:port] (nothing that could smuggle a path or
 * user info into the link), else the address the connection reached.
 */
export function publicBaseUrl(ctx: ApiContext, req: Request): string {
  if (ctx.config.server.publicUrl) return ctx.config.server.publicUrl.replace(/\/+$/, '');
  const host = req.get('host');
  if (host && HOST.test(host)) return `${req.protocol}://${host}`;
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  const address = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  return `${req.protocol}://${address}${localPort ? `:${localPort}` : ''}`;
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
