import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

describe('POST /language/:analyze-text', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Server:BodyLimitBytes=65536'] });
  });
  after(() => t.close());

  it('recognises entities with category, offsets and confidence', async () => {
    const r = await call(t, API, {
      body: nerBody([{ id: 'a', text: 'John Smith works for Microsoft in Seattle.' }]),
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.kind, 'EntityRecognitionResults');
    assert.equal(r.json.results.modelVersion, '2024-01-01');
    assert.deepEqual(r.json.results.errors, []);
    const [doc] = r.json.results.documents;
    assert.equal(doc.id, 'a');
    assert.deepEqual(doc.warnings, []);
    assert.deepEqual(
      doc.entities.map((e: { text: string; category: string; offset: number; length: number }) => [
        e.text,
        e.category,
        e.offset,
        e.length,
      ]),
      [
        ['John Smith', 'Person', 0, 10],
        ['Microsoft', 'Organization', 21, 9],
        ['Seattle', 'Location', 34, 7],
      ],
    );
    for (const e of doc.entities) assert.ok(e.confidenceScore > 0.5 && e.confidenceScore <= 1);
    assert.ok(r.headers['apim-request-id']);
    assert.equal(r.json.results.statistics, undefined);
  });

  it('fails an empty, an oversize and an unsupported-language document alone', async () => {
    const r = await call(t, API, {
      body: nerBody([
        { id: '1', text: '' },
        { id: '2', text: 'Paris '.repeat(1000) },
        { id: '3', text: 'Marie Curie', language: 'xx' },
        { id: '4', text: 'Marie Curie visited Paris' },
      ]),
    });
    assert.equal(r.status, 200);
    const errors = Object.fromEntries(
      r.json.results.errors.map((e: { id: string; error: object }) => [e.id, e.error]),
    );
    assert.deepEqual(Object.keys(errors).sort(), ['1', '2', '3']);
    assert.equal(errors['1'].code, 'InvalidArgument');
    assert.equal(errors['1'].innererror.code, 'InvalidDocument');
    assert.equal(errors['1'].innererror.message, 'Document text is empty.');
    assert.equal(errors['2'].innererror.code, 'InvalidDocument');
    assert.match(errors['2'].innererror.message, /Limit document size to: 5120 text elements/);
    assert.equal(errors['3'].message, 'Invalid Language Code.');
    assert.equal(errors['3'].innererror.code, 'UnsupportedLanguageCode');
    assert.equal(r.json.results.documents.length, 1);
    assert.equal(r.json.results.documents[0].id, '4');
    assert.equal(r.json.results.documents[0].entities.length, 2);
  });

  it('reports statistics with showStats=true', async () => {
    const r = await call(t, `${API}&showStats=true`, {
      body: nerBody([
        { id: '1', text: 'x'.repeat(2500) },
        { id: '2', text: '' },
      ]),
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.results.statistics, {
      documentsCount: 2,
      validDocumentsCount: 1,
      erroneousDocumentsCount: 1,
      transactionsCount: 3,
    });
    assert.deepEqual(r.json.results.documents[0].statistics, { charactersCount: 2500, transactionsCount: 3 });
  });

  it('applies inclusionList/exclusionList and adds type/tags from 2024-11-01', async () => {
    const text = 'John Smith works for Microsoft in Seattle.';
    const include = await call(t, '/language/:analyze-text?api-version=2024-11-01', {
      body: nerBody([{ id: '1', text }], {
        inclusionList: ['Person', 'Location'],
        exclusionList: ['Location'],
        overlapPolicy: { policyKind: 'matchLongest' },
      }),
    });
    assert.equal(include.status, 200);
    const entities = include.json.results.documents[0].entities;
    assert.deepEqual(
      entities.map((e: { category: string }) => e.category),
      ['Person'],
    );
    assert.equal(entities[0].type, 'Person');
    assert.deepEqual(entities[0].tags, [{ name: 'Person', confidenceScore: entities[0].confidenceScore }]);
    const old = await call(t, API, { body: nerBody([{ id: '1', text }], { inclusionList: ['Person'] }) });
    assert.equal(old.json.results.documents[0].entities.length, 3, '2023-04-01 has no inclusionList');
    assert.equal(old.json.results.documents[0].entities[0].type, undefined);
  });

  it('accepts modelVersion latest or the model version, rejects others', async () => {
    const ok = await call(t, API, {
      body: nerBody([{ id: '1', text: 'Paris' }], { modelVersion: '2024-01-01' }),
    });
    assert.equal(ok.status, 200);
    const bad = await call(t, API, {
      body: nerBody([{ id: '1', text: 'Paris' }], { modelVersion: '1999-01-01' }),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.innererror.code, 'ModelVersionIncorrect');
  });

  const cases: {
    name: string;
    path?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    status: number;
    code: string;
    inner?: string;
  }[] = [
    {
      name: 'too many documents',
      body: nerBody(Array.from({ length: 6 }, (_, i) => ({ id: String(i), text: 'Paris' }))),
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidDocumentBatch',
    },
    {
      name: 'no documents',
      body: nerBody([]),
      status: 400,
      code: 'InvalidRequest',
      inner: 'MissingInputDocuments',
    },
    {
      name: 'duplicate ids',
      body: nerBody([
        { id: '1', text: 'a' },
        { id: '1', text: 'b' },
      ]),
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidDocument',
    },
    {
      name: 'unknown kind',
      body: { kind: 'SentimentAnalysis', analysisInput: { documents: [{ id: '1', text: 'x' }] } },
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'missing analysisInput',
      body: { kind: 'EntityRecognition' },
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'document without text',
      body: { kind: 'EntityRecognition', analysisInput: { documents: [{ id: '1' }] } },
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'bad stringIndexType',
      body: nerBody([{ id: '1', text: 'x' }], { stringIndexType: 'Bytes' }),
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'malformed JSON',
      raw: '{"kind": ',
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidRequestBodyFormat',
    },
    {
      name: 'JSON that is not an object',
      raw: '[1,2]',
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'wrong content type',
      raw: 'kind=EntityRecognition',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'InvalidRequest',
      inner: 'InvalidRequestBodyFormat',
    },
    {
      name: 'oversize body',
      raw: JSON.stringify(nerBody([{ id: '1', text: 'x'.repeat(70_000) }])),
      status: 413,
      code: 'InvalidRequest',
      inner: 'InvalidDocumentBatch',
    },
    {
      name: 'a body that claims gzip but is not',
      raw: 'not gzip at all',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidRequestBodyFormat',
    },
    {
      name: 'missing api-version',
      path: '/language/:analyze-text',
      body: nerBody([{ id: '1', text: 'x' }]),
      status: 400,
      code: 'InvalidRequest',
      inner: 'InvalidParameterValue',
    },
    {
      name: 'unsupported api-version',
      path: '/language/:analyze-text?api-version=2021-01-01',
      body: nerBody([{ id: '1', text: 'x' }]),
      status: 404,
      code: '404',
    },
    {
      name: 'unknown route',
      path: '/language/:summarize?api-version=2023-04-01',
      body: {},
      status: 404,
      code: '404',
    },
  ];
  for (const c of cases) {
    it(`answers ${c.name} with ${c.status} ${c.inner ?? c.code}`, async () => {
      const r = await call(t, c.path ?? API, {
        ...(c.raw !== undefined ? { raw: c.raw } : { body: c.body }),
        ...(c.headers ? { headers: c.headers } : {}),
      });
      assert.equal(r.status, c.status, r.text);
      assert.equal(r.json.error.code, c.code);
      if (c.inner) assert.equal(r.json.error.innererror.code, c.inner);
      assert.equal(r.headers['x-ms-error-code'], c.inner ?? c.code);
      assert.doesNotMatch(r.text, /at .*\.(ts|js):\d+/, 'no stack trace');
    });
  }

  it('serves the legacy Text Analytics v3.1 and v3.0 routes', async () => {
    for (const v of ['v3.1', 'v3.0']) {
      const r = await call(t, `/text/analytics/${v}/entities/recognition/general?showStats=true`, {
        body: {
          documents: [
            { id: '1', text: 'Marie Curie visited Paris', language: 'en' },
            { id: '2', text: '' },
          ],
        },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.modelVersion, '2024-01-01');
      assert.equal(r.json.documents[0].entities.length, 2);
      assert.equal(r.json.errors[0].id, '2');
      assert.equal(r.json.statistics.documentsCount, 2);
      assert.equal(r.json.kind, undefined);
    }
    const cp = await call(
      t,
      '/text/analytics/v3.1/entities/recognition/general?stringIndexType=TextElement_v8',
      {
        body: { documents: [{ id: '1', text: '👍🏽 Paris' }] },
      },
    );
    assert.equal(cp.json.documents[0].entities[0].offset, 2);
    const missing = await call(t, '/text/analytics/v2.1/entities/recognition/general', {
      body: { documents: [] },
    });
    assert.equal(missing.status, 404);
  });

  it('serves the container endpoints', async () => {
    const home = await call(t, '/');
    assert.equal(home.status, 200);
    assert.match(home.text, /ner-gateway/);
    for (const p of ['/ready', '/readyz', '/livez']) assert.equal((await call(t, p)).status, 200);
    const status = await call(t, '/status');
    assert.equal(status.json.ready, true);
    assert.equal(status.json.models.length, 2);
    const swagger = await call(t, '/swagger');
    assert.match(swagger.text, /swagger-ui/);
    const ui = await call(t, '/swagger/ui/swagger-ui-bundle.js');
    assert.equal(ui.status, 200);
    const doc = await call(t, '/swagger/openapi.json');
    assert.equal(doc.json.openapi, '3.0.3');
    assert.ok(doc.json.paths['/language/:analyze-text']);
    const metrics = await call(t, '/metrics');
    assert.match(metrics.text, /nergw_http_requests_total/);
    assert.match(metrics.text, /nergw_inference_batch_documents_bucket/);
    assert.match(metrics.text, /nergw_inference_queue_documents/);
    assert.match(metrics.text, /nergw_documents_total\{model="default",outcome="ok"\}/);
    assert.equal(home.headers['x-content-type-options'], 'nosniff', 'helmet headers');
  });
});
