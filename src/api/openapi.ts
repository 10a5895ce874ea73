import { SUPPORTED_API_VERSIONS } from './api-version.ts';

const apiVersion = {
  name: 'api-version',
  in: 'query',
  required: true,
  schema: { type: 'string', enum: [...SUPPORTED_API_VERSIONS], default: '2023-04-01' },
};
const showStats = { name: 'showStats', in: 'query', required: false, schema: { type: 'boolean' } };
const error = {
  description: 'Error in the Azure envelope',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
};
const json = (schema: object): object => ({ 'application/json': { schema } });

const Document = {
  type: 'object',
  required: ['id', 'text'],
  properties: {
    id: { type: 'string' },
    text: { type: 'string' },
    language: { type: 'string', example: 'en' },
  },
};
const Entity = {
  type: 'object',
  required: ['text', 'category', 'offset', 'length', 'confidenceScore'],
  properties: {
    text: { type: 'string' },
    category: { type: 'string' },
    subcategory: { type: 'string' },
    offset: { type: 'integer' },
    length: { type: 'integer' },
    confidenceScore: { type: 'number', minimum: 0, maximum: 1 },
    type: { type: 'string', description: 'api-version 2024-11-01 and later' },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, confidenceScore: { type: 'number' } },
      },
    },
  },
};
const EntitiesResult = {
  type: 'object',
  required: ['documents', 'errors', 'modelVersion'],
  properties: {
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'entities', 'warnings'],
        properties: {
          id: { type: 'string' },
          entities: { type: 'array', items: Entity },
          warnings: { type: 'array', items: { type: 'object' } },
          statistics: { type: 'object' },
        },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, error: { $ref: '#/components/schemas/Error' } },
      },
    },
    modelVersion: { type: 'string' },
    statistics: { type: 'object' },
  },
};
const Parameters = {
  type: 'object',
  properties: {
    modelVersion: { type: 'string', default: 'latest' },
    loggingOptOut: { type: 'boolean' },
    stringIndexType: {
      type: 'string',
      enum: ['TextElements_v8', 'UnicodeCodePoint', 'Utf16CodeUnit'],
      default: 'TextElements_v8',
    },
    inclusionList: { type: 'array', items: { type: 'string' } },
    exclusionList: { type: 'array', items: { type: 'string' } },
    overlapPolicy: {
      type: 'object',
      properties: { policyKind: { type: 'string', enum: ['matchLongest', 'allowOverlap'] } },
    },
  },
};

/** OpenAPI 3 description of this service, served at /swagger/openapi.json. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.0.3',
    info: {
      title: 'ner-gateway',
      version,
      description:
        'Azure Language NER / Custom NER compatible API. Authenticate with a client certificate (mTLS) when the server requires one.',
    },
    paths: {
      '/language/:analyze-text': {
        post: {
          summary: 'Synchronous entity recognition (kind EntityRecognition, up to 5 documents)',
          parameters: [apiVersion, showStats],
          requestBody: {
            required: true,
            content: json({
              type: 'object',
              required: ['kind', 'analysisInput'],
              properties: {
                kind: { type: 'string', enum: ['EntityRecognition'] },
                parameters: Parameters,
                analysisInput: {
                  type: 'object',
                  properties: { documents: { type: 'array', maxItems: 5, items: Document } },
                },
              },
              example: {
                kind: 'EntityRecognition',
                analysisInput: {
                  documents: [{ id: '1', language: 'en', text: 'Satya Nadella leads Microsoft in Redmond.' }],
                },
              },
            }),
          },
          responses: {
            '200': {
              description: 'Entities per document',
              content: json({
                type: 'object',
                properties: { kind: { type: 'string' }, results: EntitiesResult },
              }),
            },
            default: error,
          },
        },
      },
      '/language/analyze-text/jobs': {
        post: {
          summary:
            'Submit a job with EntityRecognition and/or CustomEntityRecognition tasks (up to 25 documents)',
          parameters: [apiVersion],
          requestBody: {
            required: true,
            content: json({
              type: 'object',
              required: ['analysisInput', 'tasks'],
              properties: {
                displayName: { type: 'string' },
                analysisInput: {
                  type: 'object',
                  properties: { documents: { type: 'array', maxItems: 25, items: Document } },
                },
                tasks: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      kind: { type: 'string', enum: ['EntityRecognition', 'CustomEntityRecognition'] },
                      taskName: { type: 'string' },
                      parameters: {
                        type: 'object',
                        description: 'EntityRecognition parameters, or projectName + deploymentName',
                      },
                    },
                  },
                },
              },
            }),
          },
          responses: {
            '202': { description: 'Accepted; poll the Operation-Location header' },
            default: error,
          },
        },
      },
      '/language/analyze-text/jobs/{jobId}': {
        get: {
          summary: 'Job status and results',
          parameters: [
            { name: 'jobId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            apiVersion,
            showStats,
            { name: 'top', in: 'query', schema: { type: 'integer' } },
            { name: 'skip', in: 'query', schema: { type: 'integer' } },
          ],
          responses: { '200': { description: 'AnalyzeTextJobState' }, default: error },
        },
      },
      '/language/analyze-text/jobs/{jobId}:cancel': {
        post: {
          summary: 'Cancel a job',
          parameters: [
            { name: 'jobId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            apiVersion,
          ],
          responses: { '202': { description: 'Cancellation accepted' }, default: error },
        },
      },
      '/text/analytics/v3.1/entities/recognition/general': {
        post: {
          summary: 'Legacy Text Analytics v3.1 (and v3.0) general NER',
          parameters: [
            showStats,
            { name: 'model-version', in: 'query', schema: { type: 'string' } },
            { name: 'stringIndexType', in: 'query', schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: json({ type: 'object', properties: { documents: { type: 'array', items: Document } } }),
          },
          responses: {
            '200': { description: 'Entities per document', content: json(EntitiesResult) },
            default: error,
          },
        },
      },
      '/ready': {
        get: {
          summary: 'Ready to serve queries (model loaded)',
          responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } },
        },
      },
      '/livez': { get: { summary: 'Liveness', responses: { '200': { description: 'alive' } } } },
      '/readyz': {
        get: { summary: 'Readiness (same as /ready)', responses: { '200': { description: 'ready' } } },
      },
      '/status': {
        get: {
          summary: 'Service, model and billing status',
          responses: { '200': { description: 'status' } },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          responses: { '200': { description: 'text exposition format' } },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            target: { type: 'string' },
            innererror: { type: 'object' },
          },
        },
        ErrorResponse: {
          type: 'object',
          required: ['error'],
          properties: { error: { $ref: '#/components/schemas/Error' } },
        },
      },
    },
  };
}
