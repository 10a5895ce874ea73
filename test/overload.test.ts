import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

describe('overload and worker faults over HTTPS', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({
      args: [
        'Inference:MaxQueuedDocuments=5',
        // The queue must hold the largest request (startup checks): jobs of at most 5 documents here.
        'Limits:JobDocuments=5',
        'Inference:MaxBatchDocuments=5',
        'Inference:RetryAfterSeconds=2',
      ],
      crashOnText: 'poison pill',
    });
  });
  after(() => t.close());

  it('answers a full queue with 503 ServiceUnavailable and Retry-After (which the SDK honours)', async () => {
    const docs = Array.from({ length: 5 }, (_, i) => ({
      id: String(i),
      text: 'John Smith lives in Paris . '.repeat(150),
    }));
    const results = await Promise.all(
      Array.from({ length: 40 }, () => call(t, API, { body: nerBody(docs) })),
    );
    const busy = results.filter((r) => r.status === 503);
    assert.ok(busy.length > 0, 'some requests refused');
    assert.ok(results.some((r) => r.status === 200));
    assert.ok(results.every((r) => r.status === 200 || r.status === 503));
    assert.equal(busy[0]!.headers['retry-after'], '2');
    assert.equal(busy[0]!.json.error.code, 'ServiceUnavailable');
    assert.equal((await call(t, API, { body: nerBody(docs) })).status, 200, 'serves again once drained');
  });

  it('fails a request that crashes the worker with a 500 envelope and keeps serving', async () => {
    const r = await call(t, API, { body: nerBody([{ id: '1', text: 'poison pill' }]) });
    assert.equal(r.status, 500);
    assert.equal(r.json.error.code, 'InternalServerError');
    assert.doesNotMatch(r.text, /at .*\.(ts|js):\d+/);
    const ok = await call(t, API, { body: nerBody([{ id: '1', text: 'Marie Curie' }]) });
    assert.equal(ok.status, 200);
    const metrics = await call(t, '/metrics');
    assert.match(metrics.text, /nergw_inference_worker_restarts_total 2/);
  });
});
