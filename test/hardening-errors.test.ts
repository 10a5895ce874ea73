/**
 * Every 5xx is logged once with its cause (issue 20): a request whose inference fails (here the
 * worker crashes on it twice) gets the generic 500 in the Azure envelope, and the log says why;
 * the audit line names the error code. The same for an async job's task, whose answer carries only
 * the code. A real service and worker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './helpers/child-service.ts';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

describe('server errors are logged', () => {
  let t: TestService;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    t = await startTestService({
      crashOnText: 'CRASH-ME',
      logTo: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
  });
  after(async () => t?.close());

  test('a failed inference: 500 without detail to the caller, one log line with the cause', async () => {
    const r = await call(t, API, { body: nerBody([{ id: '1', text: 'CRASH-ME' }]) });
    assert.equal(r.status, 500, r.text);
    assert.equal(r.json.error.code, 'InternalServerError');
    assert.doesNotMatch(r.text, /crash|worker|stack/i);
    const requestId = r.headers['apim-request-id'];
    const failed = await eventually('the failure to be logged', async () => {
      const found = lines.filter((l) => l.msg === 'request failed' && l.requestId === requestId);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(failed.length, 1, 'logged once');
    const line = failed[0]!;
    assert.equal(line.level, 50);
    assert.equal(line.status, 500);
    assert.match(JSON.stringify(line.err), /crashed twice/);
    const audit = await eventually('the audit line', async () =>
      lines.find((l) => l.log === 'audit' && l.requestId === requestId),
    );
    assert.equal(audit.status, 500);
    assert.equal(audit.error, 'InternalServerError');
  });

  test('a failed job task: the job says InternalServerError, the log has one line with the cause', async () => {
    const submit = await call(t, '/language/analyze-text/jobs?api-version=2023-04-01', {
      body: {
        analysisInput: { documents: [{ id: '1', text: 'CRASH-ME' }] },
        tasks: [{ kind: 'EntityRecognition', taskName: 'ner' }],
      },
    });
    assert.equal(submit.status, 202, submit.text);
    const location = new URL(String(submit.headers['operation-location']));
    const job = await eventually('the job to fail', async () => {
      const r = await call(t, location.pathname + location.search);
      return r.json?.status === 'failed' ? r.json : undefined;
    });
    assert.deepEqual(
      job.errors.map((e: { code: string; target: string }) => [e.code, e.target]),
      [['InternalServerError', '#/tasks/items/0']],
    );
    const jobId = location.pathname.split('/').pop();
    const failed = lines.filter((l) => l.msg === 'job task failed' && l.jobId === jobId);
    assert.equal(failed.length, 1, 'logged once');
    assert.equal(failed[0]!.level, 50);
    assert.equal(failed[0]!.task, 0);
    assert.match(JSON.stringify(failed[0]!.err), /crashed twice/);
  });

  test('a 4xx is not logged as a failure', async () => {
    const r = await call(t, API, { body: { kind: 'EntityRecognition' } });
    assert.equal(r.status, 400);
    const requestId = r.headers['apim-request-id'];
    await eventually('the audit line', async () =>
      lines.find((l) => l.log === 'audit' && l.requestId === requestId),
    );
    assert.equal(lines.filter((l) => l.msg === 'request failed' && l.requestId === requestId).length, 0);
  });
});
