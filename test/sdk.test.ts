/**
 * The official `@azure/ai-language-text` client (1.1.0) against the running service over mTLS: the
 * SDK's own request shapes, polling and result parsing are the test of API compatibility.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type AnalyzeBatchResult,
  AzureKeyCredential,
  type CustomEntityRecognitionBatchResult,
  type EntityRecognitionBatchResult,
  type PagedAnalyzeBatchResult,
  TextAnalysisClient,
  type TextAnalysisClientOptions,
} from '@azure/ai-language-text';
import { call, startTestService, type TestService } from './helpers/service.ts';

let t: TestService;

before(async () => {
  t = await startTestService();
});

after(async () => {
  await t?.close();
});

/** A client that trusts only the dev CA and presents the dev client certificate. */
function client(options: TextAnalysisClientOptions = {}): TextAnalysisClient {
  return new TextAnalysisClient(t.url, new AzureKeyCredential(t.subscriptionKey), {
    tlsOptions: { ca: t.ca, cert: t.cert, key: t.key },
    retryOptions: { maxRetries: 0 },
    ...options,
  });
}

interface EntityLike {
  text: string;
  category: string;
  offset: number;
  length: number;
  confidenceScore: number;
}

function summary(entities: readonly EntityLike[]): [string, string, number, number][] {
  return entities.map((e) => [e.text, e.category, e.offset, e.length]);
}

const POLL = { updateIntervalInMs: 50 };
const EMOJI_TEXT = '😀 Marie Curie visited Paris.';

describe('TextAnalysisClient.analyze (EntityRecognition)', () => {
  test('returns entities with offsets, in input order, with ids and per-document errors', async () => {
    const results = await client().analyze('EntityRecognition', [
      { id: 'a', language: 'en', text: 'John Smith works for Microsoft in Seattle.' },
      { id: 'b', language: 'en', text: EMOJI_TEXT },
      { id: 'c', language: 'en', text: '' },
    ]);
    assert.deepEqual(
      results.map((r) => r.id),
      ['a', 'b', 'c'],
    );
    const [a, b, c] = results;
    assert.ok(a && !a.error, `document a failed: ${JSON.stringify(a)}`);
    assert.deepEqual(summary(a.entities), [
      ['John Smith', 'Person', 0, 10],
      ['Microsoft', 'Organization', 21, 9],
      ['Seattle', 'Location', 34, 7],
    ]);
    for (const e of a.entities) {
      assert.ok(e.confidenceScore > 0 && e.confidenceScore <= 1, `confidence ${e.confidenceScore}`);
    }
    // SDK 1.1.0 sends no stringIndexType (its mapper default is never serialized), so the service
    // default applies, as on Azure: TextElements_v8, where the emoji counts as one element.
    assert.ok(b && !b.error);
    assert.deepEqual(summary(b.entities), [
      ['Marie Curie', 'Person', 2, 11],
      ['Paris', 'Location', 22, 5],
    ]);
    assert.ok(c?.error, 'the empty document is reported as an error');
    assert.equal(c.error.code, 'InvalidDocument');
    assert.match(c.error.message, /empty/i);
  });

  test('stringIndexType Utf16CodeUnit gives JavaScript string offsets', async () => {
    const [b] = await client().analyze('EntityRecognition', [{ id: 'b', language: 'en', text: EMOJI_TEXT }], {
      stringIndexType: 'Utf16CodeUnit',
    });
    assert.ok(b && !b.error, JSON.stringify(b));
    // The emoji is 2 UTF-16 code units.
    assert.deepEqual(summary(b.entities), [
      ['Marie Curie', 'Person', 3, 11],
      ['Paris', 'Location', 23, 5],
    ]);
    for (const e of b.entities) assert.equal(EMOJI_TEXT.slice(e.offset, e.offset + e.length), e.text);
  });

  test('string inputs get ids "0", "1", ... and the default language', async () => {
    const results = await client().analyze('EntityRecognition', ['Contoso Ltd is in Paris.', 'the cafe']);
    assert.deepEqual(
      results.map((r) => r.id),
      ['0', '1'],
    );
    const [first, second] = results;
    assert.ok(first && !first.error && second && !second.error);
    assert.deepEqual(summary(first.entities), [
      ['Contoso Ltd', 'Organization', 0, 11],
      ['Paris', 'Location', 18, 5],
    ]);
    assert.deepEqual(second.entities, []);
  });

  for (const serviceVersion of ['2022-05-01', '2024-11-01']) {
    test(`serviceVersion ${serviceVersion}`, async () => {
      const requested: string[] = [];
      const results = await client({
        serviceVersion,
        additionalPolicies: [
          {
            // perRetry: after the SDK's own policy has rewritten api-version.
            position: 'perRetry',
            policy: {
              name: 'recordUrl',
              sendRequest: (req, next) => {
                requested.push(req.url);
                return next(req);
              },
            },
          },
        ],
      }).analyze('EntityRecognition', [{ id: '1', language: 'en', text: 'John Smith lives in Seattle.' }]);
      assert.ok(
        requested.some((u) => u.includes(`api-version=${serviceVersion}`)),
        requested.join(' '),
      );
      const [r] = results;
      assert.ok(r && !r.error, JSON.stringify(r));
      assert.deepEqual(summary(r.entities), [
        ['John Smith', 'Person', 0, 10],
        ['Seattle', 'Location', 20, 7],
      ]);
    });
  }

  test('without the client certificate the SDK gets the 401 envelope', async () => {
    const anonymous = new TextAnalysisClient(t.url, new AzureKeyCredential('unused'), {
      tlsOptions: { ca: t.ca },
      retryOptions: { maxRetries: 0 },
    });
    await assert.rejects(anonymous.analyze('EntityRecognition', ['John Smith']), (err: unknown) => {
      const e = err as { statusCode?: number; message?: string };
      assert.equal(e.statusCode, 401);
      assert.match(String(e.message), /client certificate/);
      return true;
    });
  });
});

describe('TextAnalysisClient.beginAnalyzeBatch', () => {
  test('EntityRecognition + CustomEntityRecognition poll to completion with results for both', async () => {
    const poller = await client().beginAnalyzeBatch(
      [
        { kind: 'EntityRecognition', actionName: 'ner', stringIndexType: 'Utf16CodeUnit' },
        // No stringIndexType: the service default (TextElements_v8).
        {
          kind: 'CustomEntityRecognition',
          actionName: 'custom',
          projectName: 'proj',
          deploymentName: 'prod',
        },
      ],
      [
        { id: 'x', language: 'en', text: 'John Smith works for Microsoft.' },
        { id: 'y', language: 'en', text: '😀 Paris' },
        { id: 'z', language: 'en', text: '' },
      ],
      POLL,
    );
    const results = await withTimeout(poller.pollUntilDone(), 10_000);
    assert.equal(poller.getOperationState().status, 'succeeded');
    const actions = await nerActions(results);
    assert.equal(actions.length, 2);
    const [ner, custom] = actions;
    assert.ok(ner && ner.kind === 'EntityRecognition' && !ner.error, JSON.stringify(ner));
    assert.equal(ner.actionName, 'ner');
    assert.ok(custom && custom.kind === 'CustomEntityRecognition' && !custom.error, JSON.stringify(custom));
    assert.equal(custom.actionName, 'custom');
    assert.equal(custom.projectName, 'proj');
    assert.equal(custom.deploymentName, 'prod');
    for (const action of [ner, custom]) {
      assert.deepEqual(
        action.results.map((r: { id: string }) => r.id),
        ['x', 'y', 'z'],
      );
      const [x, y, z] = action.results;
      assert.ok(x && !x.error && y && !y.error);
      assert.deepEqual(summary(x.entities), [
        ['John Smith', 'Person', 0, 10],
        ['Microsoft', 'Organization', 21, 9],
      ]);
      // The emoji is 2 UTF-16 code units but one text element.
      const offset: number = action === ner ? 3 : 2;
      assert.deepEqual(summary(y.entities), [['Paris', 'Location', offset, 5]]);
      assert.equal(z?.error?.code, 'InvalidDocument');
    }
  });

  test('an unknown custom project fails that action alone and the job still completes', async () => {
    const locations: string[] = [];
    const poller = await client({
      additionalPolicies: [
        {
          position: 'perRetry',
          policy: {
            name: 'recordOperationLocation',
            sendRequest: async (req, next) => {
              const res = await next(req);
              const location = res.headers.get('operation-location');
              if (location) locations.push(location);
              return res;
            },
          },
        },
      ],
    }).beginAnalyzeBatch(
      [
        { kind: 'EntityRecognition', actionName: 'ner' },
        {
          kind: 'CustomEntityRecognition',
          actionName: 'missing',
          projectName: 'nope',
          deploymentName: 'prod',
        },
      ],
      [{ id: '1', language: 'en', text: 'Marie Curie lived in Paris.' }],
      POLL,
    );
    const results = await withTimeout(poller.pollUntilDone(), 10_000);
    assert.equal(poller.getOperationState().status, 'succeeded');
    const actions = await nerActions(results);
    assert.equal(actions.length, 2);
    const [ner, missing] = actions;
    assert.ok(ner && ner.kind === 'EntityRecognition' && !ner.error, JSON.stringify(ner));
    const [doc] = ner.results;
    assert.ok(doc && !doc.error);
    assert.deepEqual(summary(doc.entities), [
      ['Marie Curie', 'Person', 0, 11],
      ['Paris', 'Location', 21, 5],
    ]);
    assert.ok(missing && missing.kind === 'CustomEntityRecognition', JSON.stringify(missing));
    assert.ok(
      missing.error,
      `the unknown project is reported as an action error: ${JSON.stringify(missing)}`,
    );
    assert.equal(missing.error.code, 'ProjectNotFound');
    assert.match(missing.error.message, /nope/);

    // What the SDK read: the job ended `succeeded`, the failed task is an item with status `failed`
    // and a job error whose target points at it (the SDK maps errors to actions by that index).
    const [location] = locations;
    assert.ok(location, 'the submit answered with Operation-Location');
    const url = new URL(location);
    assert.equal(url.searchParams.get('api-version'), '2023-04-01');
    // The job belongs to the key's principal: read it with the same key.
    const state = await call(t, `${url.pathname}${url.search}`, {
      headers: { 'ocp-apim-subscription-key': t.subscriptionKey },
    });
    assert.equal(state.status, 200);
    assert.equal(state.json.status, 'succeeded');
    assert.deepEqual(
      state.json.tasks.items.map((i: { status: string }) => i.status),
      ['succeeded', 'failed'],
    );
    assert.equal(state.json.tasks.failed, 1);
    assert.deepEqual(
      state.json.errors.map((e: { target: string }) => e.target),
      ['#/tasks/items/1'],
    );
  });

  for (const serviceVersion of ['2022-05-01', '2024-11-01']) {
    test(`serviceVersion ${serviceVersion}`, async () => {
      const poller = await client({ serviceVersion }).beginAnalyzeBatch(
        [
          { kind: 'EntityRecognition' },
          { kind: 'CustomEntityRecognition', projectName: 'proj', deploymentName: 'prod' },
        ],
        ['Contoso Ltd hired John Smith.'],
        'en',
        POLL,
      );
      const results = await withTimeout(poller.pollUntilDone(), 10_000);
      const actions = await nerActions(results);
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['EntityRecognition', 'CustomEntityRecognition'],
      );
      for (const action of actions) {
        assert.ok(!action.error, JSON.stringify(action));
        const [doc] = action.results;
        assert.ok(doc && !doc.error);
        assert.deepEqual(summary(doc.entities), [
          ['Contoso Ltd', 'Organization', 0, 11],
          ['John Smith', 'Person', 18, 10],
        ]);
      }
    });
  }
});

type NerBatchResult = EntityRecognitionBatchResult | CustomEntityRecognitionBatchResult;

function isNer(action: AnalyzeBatchResult): action is NerBatchResult {
  return action.kind === 'EntityRecognition' || action.kind === 'CustomEntityRecognition';
}

/** All action results of a finished batch (every page); fails on any kind this service does not serve. */
async function nerActions(results: PagedAnalyzeBatchResult): Promise<NerBatchResult[]> {
  const out: NerBatchResult[] = [];
  for await (const action of results) {
    assert.ok(isNer(action), `unexpected action kind ${action.kind}`);
    out.push(action);
  }
  return out;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
