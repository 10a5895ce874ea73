/**
 * Real responses of the running service validated against the official Azure OpenAPI (Swagger 2.0)
 * of api-version 2023-04-01 (../shared/azure-spec, beside the clone).
 *
 * Two views of each definition: the spec as written (open objects, as Swagger 2.0 means them), and
 * a "closed" copy in which every non-polymorphic object also rejects properties the spec does not
 * declare, so a misspelt field (e.g. `lastUpdatedDateTime` on a task item) is caught too.
 * Polymorphic values (`discriminator: kind`) are validated against the subtype their `kind` names.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Json, SPEC_ROOT, SpecValidator } from './helpers/spec-validator.ts';
import {
  API,
  call,
  nerBody,
  startTestService,
  type HttpResult,
  type TestService,
} from './helpers/service.ts';

const API_VERSION = '2023-04-01';
const JOBS = `/language/analyze-text/jobs?api-version=${API_VERSION}`;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(`${SPEC_ROOT}${API_VERSION}/${file}`, 'utf8')) as T;
}

const v23 = new SpecValidator('2023-04-01');
const subtype = v23.subtype.bind(v23);
const problems = v23.problems.bind(v23);
const assertValid = v23.assertValid.bind(v23);

/** A job state: the state itself, then every task item as the subtype its `kind` names. */
function assertValidJobState(body: Json): void {
  assertValid('AnalyzeTextJobState', body);
  const items = (body.tasks as { items?: Json[] }).items ?? [];
  for (const item of items) assertValid(subtype('AnalyzeTextLROResult', item.kind), item);
}

function assertErrorResponse(res: HttpResult, status: number): void {
  assert.equal(res.status, status, res.text);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assertValid('ErrorResponse', res.json);
  const error = res.json.error as { code: string; innererror?: { code: string } };
  assert.equal(res.headers['x-ms-error-code'], error.innererror?.code ?? error.code);
}

async function finishedJob(t: TestService, body: object, query = ''): Promise<HttpResult> {
  const submit = await call(t, JOBS, { body });
  assert.equal(submit.status, 202, submit.text);
  const location = new URL(String(submit.headers['operation-location']));
  assert.equal(location.searchParams.get('api-version'), API_VERSION);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await call(t, `${location.pathname}${location.search}${query}`);
    assert.equal(state.status, 200, state.text);
    if (['succeeded', 'failed', 'cancelled'].includes(state.json.status)) return state;
    assert.ok(Date.now() < deadline, `job still ${state.json.status} after 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the validator itself', () => {
  test('accepts the spec examples and rejects broken copies of them', () => {
    const sync = readJson<{ responses: { 200: { body: Json } } }>(
      'examples/SuccessfulEntityRecognitionRequest.json',
    ).responses[200].body;
    assertValid('EntitiesTaskResult', sync);
    const job = readJson<{ responses: { 200: { body: Json } } }>(
      'examples/SuccessfulAnalyzeTextJobsMultipleTaskStatusRequest.json',
    ).responses[200].body;
    assertValidJobState(job);

    const noErrors = structuredClone(sync) as { results: Json };
    delete noErrors.results.errors;
    assert.notDeepEqual(problems('EntitiesTaskResult', noErrors), []);
    const misspelt = structuredClone(job) as { tasks: { items: Json[] } };
    const item = misspelt.tasks.items[0]!;
    item.lastUpdatedDateTime = item.lastUpdateDateTime;
    delete item.lastUpdateDateTime;
    assert.notDeepEqual(problems(subtype('AnalyzeTextLROResult', item.kind), item), []);
    const extra = structuredClone(sync) as { results: { documents: { entities: Json[] }[] } };
    extra.results.documents[0]!.entities[0]!.type = 'Organization';
    assert.notDeepEqual(problems('EntitiesTaskResult', extra), []);
    assert.notDeepEqual(problems('AnalyzeTextJobState', { ...job, jobId: 'not-a-uuid' }), []);
    assert.notDeepEqual(problems('AnalyzeTextJobState', { ...job, createdDateTime: 'yesterday' }), []);
    assert.notDeepEqual(problems('ErrorResponse', { error: { code: 'Oops', message: 'x' } }), []);
  });
});

describe('service responses against the 2023-04-01 spec', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.close();
  });

  test('sync EntityRecognition 200 (entities, per-document error, statistics)', async () => {
    for (const query of ['', '&showStats=true']) {
      const res = await call(t, `${API}${query}`, {
        body: nerBody(
          [
            { id: '1', language: 'en', text: 'John Smith works for Contoso Ltd in Paris.' },
            { id: '2', language: 'en', text: '' },
            { id: '3', text: 'the cafe' },
          ],
          { modelVersion: 'latest', loggingOptOut: true, stringIndexType: 'UnicodeCodePoint' },
        ),
      });
      assert.equal(res.status, 200, res.text);
      assertValid('AnalyzeTextTaskResult', res.json);
      assertValid(subtype('AnalyzeTextTaskResult', res.json.kind), res.json);
      assert.equal(subtype('AnalyzeTextTaskResult', res.json.kind), 'EntitiesTaskResult');
      const results = res.json.results;
      assert.equal(results.documents.length, 2);
      assert.equal(results.documents[0].entities.length, 3);
      assert.equal(results.errors.length, 1);
      assert.equal(results.errors[0].id, '2');
      assert.equal(results.statistics !== undefined, query !== '');
    }
  });

  test('the spec example request is accepted and answered like the example response', async () => {
    const example = readJson<{
      parameters: { body: object; 'api-version': string };
      responses: { 200: { body: { results: { documents: { id: string; entities: Json[] }[] } } } };
    }>('examples/SuccessfulEntityRecognitionRequest.json');
    const res = await call(t, `/language/:analyze-text?api-version=${example.parameters['api-version']}`, {
      body: example.parameters.body,
    });
    assert.equal(res.status, 200, res.text);
    assertValid('EntitiesTaskResult', res.json);
    assert.deepEqual(
      res.json.results.documents.map((d: { id: string }) => d.id),
      ['1', '2'],
    );
    // The tiny model knows Microsoft and Seattle; both must sit where the example says they are.
    const pick = (e: Json): unknown[] => [e.text, e.category, e.offset, e.length];
    const expected = example.responses[200].body.results.documents.map((d) =>
      d.entities.filter((e) => ['Microsoft', 'Seattle'].includes(String(e.text))).map(pick),
    );
    assert.deepEqual(expected, [[['Microsoft', 'Organization', 0, 9]], [['Seattle', 'Location', 33, 7]]]);
    assert.deepEqual(
      res.json.results.documents.map((d: { entities: Json[] }) => d.entities.map(pick)),
      expected,
    );
  });

  test('job state of a finished job with EntityRecognition and CustomEntityRecognition tasks', async () => {
    const example = readJson<{ parameters: { body: { tasks: { kind: string; parameters: Json }[] } } }>(
      'examples/SuccessfulAnalyzeTextJobsMultipleTaskSubmitRequest.json',
    );
    const body = structuredClone(example.parameters.body);
    for (const task of body.tasks) {
      if (task.kind === 'CustomEntityRecognition')
        task.parameters = { projectName: 'proj', deploymentName: 'prod' };
    }
    for (const query of ['', '&showStats=true']) {
      const res = await finishedJob(t, body, query);
      assertValidJobState(res.json);
      assert.equal(res.json.status, 'succeeded');
      assert.equal(res.json.displayName, 'Extracting Location & US Region');
      assert.deepEqual(res.json.tasks, {
        ...res.json.tasks,
        completed: 2,
        failed: 0,
        inProgress: 0,
        total: 2,
      });
      assert.deepEqual(
        res.json.tasks.items.map((i: Json) => [i.kind, i.taskName, i.status]),
        [
          ['EntityRecognitionLROResults', 'Recognize Entities', 'succeeded'],
          ['CustomEntityRecognitionLROResults', 'Recognize US Regions', 'succeeded'],
        ],
      );
      // The tiny model knows Seattle; general NER adds its rule entities ("trip", "last week"), Custom NER none.
      const wanted: Record<string, unknown[]> = {
        EntityRecognitionLROResults: [
          ['trip', 18],
          ['Seattle', 26],
          ['last week', 34],
        ],
        CustomEntityRecognitionLROResults: [['Seattle', 26]],
      };
      for (const item of res.json.tasks.items) {
        assert.deepEqual(
          item.results.documents[0].entities.map((e: Json) => [e.text, e.offset]),
          wanted[item.kind as string],
        );
        assert.equal(item.results.statistics !== undefined, query !== '');
      }
    }
  });

  test('job state with paging (top/skip/nextLink)', async () => {
    const documents = ['John Smith', 'Marie Curie', 'Paris'].map((text, i) => ({ id: String(i + 1), text }));
    const first = await finishedJob(
      t,
      {
        analysisInput: { documents },
        tasks: [
          { kind: 'EntityRecognition' },
          { kind: 'CustomEntityRecognition', parameters: { projectName: 'proj', deploymentName: 'prod' } },
        ],
      },
      '&top=2',
    );
    assertValidJobState(first.json);
    assert.equal(typeof first.json.nextLink, 'string');
    const next = new URL(first.json.nextLink);
    assert.equal(next.searchParams.get('api-version'), API_VERSION);
    const second = await call(t, `${next.pathname}${next.search}`);
    assert.equal(second.status, 200, second.text);
    assertValidJobState(second.json);
    assert.equal(second.json.nextLink, undefined);
    assert.deepEqual(
      second.json.tasks.items.map((i: { results: { documents: { id: string }[] } }) =>
        i.results.documents.map((d) => d.id),
      ),
      [['3'], ['3']],
    );
  });

  test('job state when the custom task names an unknown project', async () => {
    const example = readJson<{ parameters: { body: object } }>(
      'examples/SuccessfulAnalyzeTextJobsMultipleTaskSubmitRequest.json',
    );
    // As published: project MyProject / deployment MyDeployment, which this service does not have.
    const res = await finishedJob(t, example.parameters.body);
    assertValidJobState(res.json);
    assert.equal(res.json.status, 'succeeded');
    assert.deepEqual(
      res.json.tasks.items.map((i: Json) => i.status),
      ['succeeded', 'failed'],
    );
    assert.deepEqual(
      res.json.errors.map((e: Json) => [e.code, e.target]),
      [['ProjectNotFound', '#/tasks/items/1']],
    );
  });

  test('2024-11-01 and 2025-11-01 sync responses (entity type/tags) match the 2025-11-01 spec', async () => {
    const v25 = new SpecValidator('2025-11-01');
    for (const version of ['2024-11-01', '2025-11-01']) {
      const res = await call(t, `/language/:analyze-text?api-version=${version}&showStats=true`, {
        body: nerBody(
          [
            { id: '1', text: 'Marie Curie met John Smith in Paris.' },
            { id: '2', text: '' },
          ],
          { exclusionList: ['Location'] },
        ),
      });
      assert.equal(res.status, 200, res.text);
      v25.assertValid(v25.subtype('AnalyzeTextTaskResult', res.json.kind), res.json);
      assert.deepEqual(
        res.json.results.documents[0].entities.map((e: Json) => [e.text, e.type]),
        [
          ['Marie Curie', 'Person'],
          ['John Smith', 'Person'],
        ],
      );
    }
  });

  test('400 error bodies are ErrorResponse', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ id: String(i), text: 'Paris' }));
    const cases: [string, Parameters<typeof call>[2], string][] = [
      [
        API,
        { raw: '{"kind": "EntityRecognition",', headers: { 'content-type': 'application/json' } },
        'InvalidRequestBodyFormat',
      ],
      [API, { body: nerBody(six) }, 'InvalidDocumentBatch'],
      [
        API,
        { body: { ...nerBody([{ id: '1', text: 'x' }]), kind: 'KeyPhraseExtraction' } },
        'InvalidParameterValue',
      ],
      [
        API,
        { body: nerBody([{ id: '1', text: 'x' }], { stringIndexType: 'Bytes' }) },
        'InvalidParameterValue',
      ],
      ['/language/:analyze-text', { body: nerBody([{ id: '1', text: 'x' }]) }, 'InvalidParameterValue'],
      [
        JOBS,
        { body: { analysisInput: { documents: [{ id: '1', text: 'x' }] }, tasks: [] } },
        'InvalidParameterValue',
      ],
      [
        JOBS,
        {
          body: {
            analysisInput: { documents: [{ id: '1', text: 'x' }] },
            tasks: [{ kind: 'CustomEntityRecognition', parameters: { projectName: 'proj' } }],
          },
        },
        'InvalidParameterValue',
      ],
    ];
    for (const [path, opts, inner] of cases) {
      const res = await call(t, path, opts);
      assertErrorResponse(res, 400);
      assert.equal(res.json.error.innererror?.code, inner, `${path}: ${res.text}`);
    }
  });
});
