import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { JobRecord } from '../src/api/jobs/model.ts';
import { JobStore } from '../src/api/jobs/store.ts';
import { call, startTestService, type HttpResult, type TestService } from './helpers/service.ts';

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';

function docs(n: number, text = 'Marie Curie visited Paris'): { id: string; text: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i + 1), text }));
}

/** Follows Operation-Location until the job is terminal. */
async function poll(t: TestService, location: string, query = ''): Promise<HttpResult> {
  const url = new URL(location);
  for (let i = 0; i < 200; i++) {
    const r = await call(t, `${url.pathname}${url.search}${query}`);
    if (['succeeded', 'failed', 'cancelled'].includes(r.json?.status)) return r;
    await sleep(20);
  }
  throw new Error('job did not finish');
}

describe('analyze-text jobs', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Jobs:TtlSeconds=2'] });
  });
  after(() => t.close());

  it('runs EntityRecognition and CustomEntityRecognition tasks behind an absolute Operation-Location', async () => {
    const submit = await call(t, JOBS, {
      body: {
        displayName: 'both',
        analysisInput: { documents: docs(2) },
        tasks: [
          { kind: 'EntityRecognition', taskName: 'ner', parameters: { stringIndexType: 'Utf16CodeUnit' } },
          {
            kind: 'CustomEntityRecognition',
            taskName: 'custom',
            parameters: { projectName: 'proj', deploymentName: 'prod' },
          },
        ],
      },
    });
    assert.equal(submit.status, 202);
    assert.equal(submit.text, '');
    const location = String(submit.headers['operation-location']);
    assert.match(
      location,
      /^https:\/\/127\.0\.0\.1:\d+\/language\/analyze-text\/jobs\/[0-9a-f-]{36}\?api-version=2023-04-01$/,
    );
    const job = (await poll(t, location)).json;
    assert.equal(job.status, 'succeeded');
    assert.equal(job.displayName, 'both');
    assert.equal(job.errors, undefined);
    assert.deepEqual(
      {
        completed: job.tasks.completed,
        failed: job.tasks.failed,
        inProgress: job.tasks.inProgress,
        total: job.tasks.total,
      },
      { completed: 2, failed: 0, inProgress: 0, total: 2 },
    );
    const [ner, custom] = job.tasks.items;
    assert.equal(ner.kind, 'EntityRecognitionLROResults');
    assert.equal(ner.taskName, 'ner');
    assert.equal(ner.results.modelVersion, '2024-01-01');
    assert.equal(ner.results.documents.length, 2);
    assert.equal(ner.results.documents[0].statistics, undefined);
    assert.equal(custom.kind, 'CustomEntityRecognitionLROResults');
    assert.equal(custom.results.projectName, 'proj');
    assert.equal(custom.results.deploymentName, 'prod');
    assert.equal(custom.results.documents[0].entities[1].text, 'Paris');
    assert.ok(Date.parse(job.expirationDateTime) > Date.parse(job.createdDateTime));
    assert.ok(job.lastUpdatedDateTime && ner.lastUpdateDateTime);
  });

  it('ends succeeded with the failed task item and a #/tasks/items/<i> error (never partiallyCompleted)', async () => {
    const submit = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(1) },
        tasks: [
          { kind: 'EntityRecognition' },
          { kind: 'CustomEntityRecognition', parameters: { projectName: 'missing', deploymentName: 'prod' } },
        ],
      },
    });
    const job = (await poll(t, String(submit.headers['operation-location']))).json;
    assert.equal(job.status, 'succeeded');
    assert.equal(job.tasks.items[1].status, 'failed');
    assert.equal(job.tasks.failed, 1);
    assert.deepEqual(
      job.errors.map((e: { target: string; code: string }) => [e.code, e.target]),
      [['ProjectNotFound', '#/tasks/items/1']],
    );
  });

  it('ends failed when every task failed', async () => {
    const submit = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(1) },
        tasks: [{ kind: 'CustomEntityRecognition', parameters: { projectName: 'x', deploymentName: 'y' } }],
      },
    });
    const job = (await poll(t, String(submit.headers['operation-location']))).json;
    assert.equal(job.status, 'failed');
    assert.equal(job.errors[0].target, '#/tasks/items/0');
  });

  it('pages documents with top/skip and an absolute nextLink, with statistics on showStats', async () => {
    const submit = await call(t, JOBS, {
      body: { analysisInput: { documents: docs(5) }, tasks: [{ kind: 'EntityRecognition' }] },
    });
    const location = String(submit.headers['operation-location']);
    await poll(t, location);
    const first = await call(
      t,
      `${new URL(location).pathname}${new URL(location).search}&top=2&showStats=true`,
    );
    assert.deepEqual(
      first.json.tasks.items[0].results.documents.map((d: { id: string }) => d.id),
      ['1', '2'],
    );
    assert.equal(first.json.statistics.documentsCount, 5);
    assert.ok(first.json.tasks.items[0].results.documents[0].statistics);
    const ids: string[] = [];
    let next: string | undefined = first.json.nextLink;
    while (next) {
      assert.match(next, /^https:\/\/.*api-version=2023-04-01/);
      const u = new URL(next);
      const page = await call(t, `${u.pathname}${u.search}`);
      ids.push(...page.json.tasks.items[0].results.documents.map((d: { id: string }) => d.id));
      next = page.json.nextLink;
    }
    assert.deepEqual(ids, ['3', '4', '5']);
    // top=0 would give a nextLink to the same page forever; non-decimal numbers are not int32 literals.
    for (const query of ['top=-1', 'top=0', 'top=', 'top=1e1', 'top=0x10', 'skip=-1', 'skip=1.5']) {
      const bad = await call(t, `${new URL(location).pathname}${new URL(location).search}&${query}`);
      assert.equal(bad.status, 400, query);
      assert.equal(bad.json.error.innererror.code, 'InvalidParameterValue', query);
    }
    // Job ids are GUIDs: upper case finds the same job.
    const upper = new URL(location).pathname.toUpperCase().replace('/LANGUAGE/ANALYZE-TEXT/JOBS/', '');
    const same = await call(t, `/language/analyze-text/jobs/${upper}?api-version=2023-04-01`);
    assert.equal(same.status, 200);
  });

  it('cancels a job and answers 202 with Operation-Location', async () => {
    const submit = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(25, 'Paris '.repeat(200)) },
        tasks: Array.from({ length: 5 }, () => ({ kind: 'EntityRecognition' })),
      },
    });
    const location = String(submit.headers['operation-location']);
    const jobId = new URL(location).pathname.split('/').pop();
    const cancel = await call(t, `/language/analyze-text/jobs/${jobId}:cancel?api-version=2023-04-01`, {
      method: 'POST',
    });
    assert.equal(cancel.status, 202);
    assert.equal(cancel.headers['operation-location'], location);
    const job = (await poll(t, location)).json;
    assert.equal(job.status, 'cancelled');
    assert.ok(job.tasks.items.some((i: { status: string }) => i.status === 'cancelled'));
  });

  it('rejects oversize jobs and unknown tasks with Azure errors', async () => {
    const tooMany = await call(t, JOBS, {
      body: { analysisInput: { documents: docs(26) }, tasks: [{ kind: 'EntityRecognition' }] },
    });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.error.innererror.code, 'InvalidDocumentBatch');
    const tooLong = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(2, 'x'.repeat(63_000)) },
        tasks: [{ kind: 'EntityRecognition' }],
      },
    });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.json.error.innererror.code, 'InvalidDocumentBatch');
    const kind = await call(t, JOBS, {
      body: { analysisInput: { documents: docs(1) }, tasks: [{ kind: 'Healthcare' }] },
    });
    assert.equal(kind.status, 400);
    assert.equal(kind.json.error.innererror.target, 'tasks[0].kind');
    const noParams = await call(t, JOBS, {
      body: { analysisInput: { documents: docs(1) }, tasks: [{ kind: 'CustomEntityRecognition' }] },
    });
    assert.equal(noParams.status, 400);
    const noTasks = await call(t, JOBS, { body: { analysisInput: { documents: docs(1) }, tasks: [] } });
    assert.equal(noTasks.status, 400);
    const manyTasks = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(1) },
        tasks: Array.from({ length: 21 }, () => ({ kind: 'EntityRecognition' })),
      },
    });
    assert.equal(manyTasks.status, 400);
    assert.equal(manyTasks.json.error.innererror.target, 'tasks');
    // The job limit counts text elements, as Azure does: 25 × 2,600 emoji = 65,000, not 130,000 UTF-16 units.
    const emoji = await call(t, JOBS, {
      body: {
        analysisInput: { documents: docs(25, '👍'.repeat(2_600)) },
        tasks: [{ kind: 'EntityRecognition' }],
      },
    });
    assert.equal(emoji.status, 202, emoji.text);
  });

  it('puts the Host into Operation-Location only when the server certificate covers it (else 421)', async () => {
    const body = { analysisInput: { documents: docs(1) }, tasks: [{ kind: 'EntityRecognition' }] };
    // The TLS name stays localhost whatever Host says.
    const agent = new Agent({ ca: t.ca, cert: t.cert, key: t.key, servername: 'localhost' });
    const port = new URL(t.url).port;
    const named = await call(t, JOBS, { body, agent, headers: { Host: `localhost:${port}` } });
    assert.match(
      String(named.headers['operation-location']),
      new RegExp(`^https://localhost:${port}/language/`),
    );
    const other = await call(t, JOBS, { body, agent, headers: { Host: 'ner.example:8443' } });
    const odd = await call(t, JOBS, { body, agent, headers: { Host: 'evil.example/x?@' } });
    agent.destroy();
    for (const refused of [other, odd]) {
      assert.equal(refused.status, 421, refused.text);
      assert.equal(refused.headers['operation-location'], undefined);
    }
  });

  it('answers a malformed percent-encoding in the job id with 400, not 500', async () => {
    const r = await call(t, '/language/analyze-text/jobs/%E0%A4%A?api-version=2023-04-01');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'InvalidRequest');
  });

  it('answers 404 for unknown jobs and forgets jobs after their TTL', async () => {
    const unknown = await call(
      t,
      '/language/analyze-text/jobs/00000000-0000-0000-0000-000000000000?api-version=2023-04-01',
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'NotFound');
    const submit = await call(t, JOBS, {
      body: { analysisInput: { documents: docs(1) }, tasks: [{ kind: 'EntityRecognition' }] },
    });
    const location = String(submit.headers['operation-location']);
    await poll(t, location);
    await sleep(2_100);
    const u = new URL(location);
    assert.equal((await call(t, `${u.pathname}${u.search}`)).status, 404);
  });
});

describe('analyze-text job bounds', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Jobs:MaxJobs=3'] });
  });
  after(() => t.close());

  it('refuses submissions with 429 + Retry-After while the store is full of running jobs', async () => {
    const body = {
      analysisInput: { documents: docs(25, 'Paris '.repeat(830)) },
      tasks: [{ kind: 'EntityRecognition' }, { kind: 'EntityRecognition' }],
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => call(t, JOBS, { body })));
    const refused = results.filter((r) => r.status === 429);
    assert.ok(refused.length > 0, 'some submissions refused');
    assert.ok(results.filter((r) => r.status === 202).length >= 3);
    assert.match(String(refused[0]!.headers['retry-after']), /^\d+$/);
    assert.equal(refused[0]!.json.error.code, 'TooManyRequests');
    // Finished jobs make room again.
    for (const r of results.filter((x) => x.status === 202))
      await poll(t, String(r.headers['operation-location']));
    assert.equal((await call(t, JOBS, { body })).status, 202);
  });
});

describe('the job store', () => {
  const job = (id: string, weight: number, expiresAt = Date.now() + 60_000): JobRecord =>
    ({ jobId: id, weight, expiresAt, status: 'running' }) as JobRecord;
  const finished = (j: JobRecord): boolean => j.status === 'succeeded';

  it('keeps the weight of its jobs (the size of their results) within its budget', () => {
    const store = new JobStore({ maxJobs: 10, maxWeight: 100 });
    try {
      const big = job('a', 60);
      assert.ok(store.add(big, finished));
      assert.ok(!store.add(job('b', 50), finished), 'no room while the first one runs');
      assert.equal(store.storedWeight, 60);
      big.status = 'succeeded';
      assert.ok(store.add(job('b', 50), finished), 'the finished one makes room');
      assert.equal(store.get('a'), undefined, 'evicted');
      assert.equal(store.storedWeight, 50);
      assert.ok(store.add(job('c', 50), finished), 'exactly at the budget');
      store.sweep(Date.now() + 120_000);
      assert.deepEqual([store.size, store.storedWeight], [0, 0], 'expired jobs free their weight');
    } finally {
      store.close();
    }
  });

  it('evicts nobody for a job that would not fit anyway', () => {
    const store = new JobStore({ maxJobs: 10, maxWeight: 100 });
    try {
      for (const id of ['f1', 'f2', 'f3']) {
        const done = job(id, 10);
        done.status = 'succeeded';
        assert.ok(store.add(done, finished));
      }
      assert.ok(store.add(job('running', 60), finished));
      assert.ok(!store.add(job('new', 50), finished), 'running jobs leave 40');
      assert.deepEqual([store.size, store.storedWeight], [4, 90], 'the finished results are all kept');
      assert.ok(store.add(job('small', 30), finished), 'evicting finished jobs makes room');
      assert.deepEqual([store.size, store.storedWeight], [3, 100], 'the two oldest, and only them');
      assert.ok(store.get('f3') && !store.get('f1') && !store.get('f2'));
    } finally {
      store.close();
    }
  });
});

describe('analyze-text jobs per principal', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Jobs:MaxUnfinishedPerPrincipal=2'] });
  });
  after(() => t.close());

  it('one principal cannot fill the job store for everyone', async () => {
    const body = {
      analysisInput: { documents: docs(25, 'Paris '.repeat(830)) },
      tasks: Array.from({ length: 3 }, () => ({ kind: 'EntityRecognition' })),
    };
    // The client certificate's principal submits until refused.
    const mine = await Promise.all(Array.from({ length: 4 }, () => call(t, JOBS, { body })));
    const refused = mine.filter((r) => r.status === 429);
    assert.ok(refused.length >= 1, 'the third unfinished job of one principal is refused');
    assert.match(refused[0]!.json.error.message, /Too many of your jobs/);
    // Another principal (a subscription key) is not affected.
    const theirs = await call(t, JOBS, { body, headers: { 'Ocp-Apim-Subscription-Key': t.subscriptionKey } });
    assert.equal(theirs.status, 202);
    for (const r of mine.filter((x) => x.status === 202))
      await poll(t, String(r.headers['operation-location']));
  });
});

describe("analyze-text jobs: one principal and the store's weight", () => {
  let t: TestService;
  before(async () => {
    // The least the store may hold: twice the largest job (125,000 text elements × 2 tasks).
    t = await startTestService({ args: ['Limits:JobTasks=2', 'Jobs:MaxStoredCharacters=500000'] });
  });
  after(() => t.close());

  it("one principal's unfinished jobs take at most half of it; another principal still gets in", async () => {
    const body = {
      analysisInput: { documents: docs(25, 'Paris '.repeat(830)) },
      tasks: [{ kind: 'EntityRecognition' }, { kind: 'EntityRecognition' }],
    };
    const [first, second] = await Promise.all([call(t, JOBS, { body }), call(t, JOBS, { body })]);
    assert.deepEqual([first.status, second.status].sort(), [202, 429], 'the second would pass half');
    const theirs = await call(t, JOBS, { body, headers: { 'Ocp-Apim-Subscription-Key': t.subscriptionKey } });
    assert.equal(theirs.status, 202);
    for (const r of [first, second].filter((x) => x.status === 202))
      await poll(t, String(r.headers['operation-location']));
  });
});

describe('analyze-text jobs and a full inference queue', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Inference:MaxQueuedDocuments=30'] });
  });
  after(() => t.close());

  it('an accepted job waits for room in the queue instead of failing', async () => {
    // Three jobs of 25 documents against a queue of 30: at most one fits at a time.
    const body = {
      analysisInput: { documents: docs(25, 'Marie Curie visited Paris. '.repeat(40)) },
      tasks: [{ kind: 'EntityRecognition' }],
    };
    const submits = await Promise.all(Array.from({ length: 3 }, () => call(t, JOBS, { body })));
    assert.deepEqual(
      submits.map((r) => r.status),
      [202, 202, 202],
    );
    const jobs = await Promise.all(submits.map((r) => poll(t, String(r.headers['operation-location']))));
    for (const job of jobs) {
      assert.equal(job.json.status, 'succeeded', JSON.stringify(job.json.errors));
      assert.equal(job.json.tasks.items[0].results.documents.length, 25);
    }
  });
});

describe('analyze-text jobs once the quota is used up', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['RateLimits:DailyRecords=1'] });
  });
  after(() => t.close());

  it('refuses new analyses with 403 but still cancels a job', async () => {
    const body = { analysisInput: { documents: docs(1) }, tasks: [{ kind: 'EntityRecognition' }] };
    const submit = await call(t, JOBS, { body });
    assert.equal(submit.status, 202);
    const location = String(submit.headers['operation-location']);
    await poll(t, location); // 1 record: the daily quota is used up
    const jobId = new URL(location).pathname.split('/').pop();
    const refused = await call(t, JOBS, { body });
    assert.equal(refused.status, 403);
    const cancel = await call(t, `/language/analyze-text/jobs/${jobId}:cancel?api-version=2023-04-01`, {
      method: 'POST',
    });
    assert.equal(cancel.status, 202, cancel.text);
  });
});
