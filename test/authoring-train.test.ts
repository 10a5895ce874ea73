/**
 * The whole Custom NER loop through the authoring API over real HTTPS: import the lease fixture
 * (test/fixtures/custom-project, 40 CRLF documents, six categories), train (the real trainer, in its
 * thread), follow the job, read the evaluation (checked against Azure's authoring spec), deploy, query
 * the deployment with the official SDK's `beginAnalyzeBatch`, cancel a training, restart the service
 * on the same data folder (projects, models and deployments kept and served), delete the deployment.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AzureKeyCredential, TextAnalysisClient } from '@azure/ai-language-text';
import type { TestService } from './helpers/service.ts';
import { SpecValidator } from './helpers/spec-validator.ts';
import {
  author,
  type AuthoringWorld,
  follow,
  makeWorld,
  operation,
  startAuthoringService,
  waitForJob,
} from './fixtures/authoring/harness.ts';

const LEASES = fileURLToPath(new URL('./fixtures/custom-project/', import.meta.url));
const spec = new SpecValidator('2023-04-01', 'analyzetext-authoring.json');

/** The lease project file, its texts in the fixture's `documents/` folder (the storage container). */
const leaseProject = (): Record<string, unknown> => {
  const file = JSON.parse(readFileSync(join(LEASES, 'labels.json'), 'utf8')) as { metadata: object };
  return { ...file, metadata: { ...file.metadata, storageInputContainerName: 'documents' } };
};

/** A lease none of the fixture's documents is: new names, address, dates and amounts. */
const NEW_LEASE =
  'RESIDENTIAL LEASE AGREEMENT\r\n\r\nThis Lease Agreement is made on 2024-05-01 between Oakridge Property ' +
  'Management LLC (the "Landlord") and Mei Kowalski (the "Tenant").\r\n\r\n1. Premises. The Landlord leases to ' +
  'the Tenant the property located at 12 Birch Street, Austin, TX 78701.\r\n2. Term. The lease begins on ' +
  '2024-06-01 and continues for 12 months.\r\n3. Rent. The Tenant shall pay $1,850 per month, due on the first ' +
  'day of each month.\r\n4. Deposit. On signing, the Tenant pays a security deposit of $3,700.\r\n';
const EXPECTED = [
  ['Oakridge Property Management LLC', 'Landlord'],
  ['Mei Kowalski', 'Tenant'],
  ['12 Birch Street, Austin, TX 78701', 'PropertyAddress'],
  ['2024-06-01', 'StartDate'],
  ['$1,850', 'MonthlyRent'],
  ['$3,700', 'SecurityDeposit'],
];

let world: AuthoringWorld;
let t: TestService;
// Two workers: a deployment must be served by every one of them.
const start = (): Promise<TestService> =>
  startAuthoringService(world, [`Authoring:StorageRoot=${LEASES}`, 'Inference:Workers=2']);

before(async () => {
  world = makeWorld();
  t = await start();
});

after(async () => {
  await t?.close();
  if (world) rmSync(world.root, { recursive: true, force: true });
});

/** The deployment queried through the jobs API by the official SDK, with a key that has no authoring scope. */
async function queryDeployment(deploymentName: string) {
  const client = new TextAnalysisClient(t.url, new AzureKeyCredential(world.readerKey), {
    tlsOptions: { ca: t.ca, cert: t.cert, key: t.key },
    retryOptions: { maxRetries: 0 },
  });
  const poller = await client.beginAnalyzeBatch(
    // Offsets in UTF-16 code units, to compare with the text (the default, text elements, counts CRLF as one).
    [
      {
        kind: 'CustomEntityRecognition',
        projectName: 'LeaseAgreements',
        deploymentName,
        stringIndexType: 'Utf16CodeUnit',
      },
    ],
    [{ id: 'lease', language: 'en', text: NEW_LEASE }],
    { updateIntervalInMs: 50 },
  );
  const results = await poller.pollUntilDone();
  for await (const action of results) {
    assert.equal(action.kind, 'CustomEntityRecognition');
    return action;
  }
  throw new Error('no action result');
}

async function expectServed(deploymentName: string): Promise<void> {
  const action = await queryDeployment(deploymentName);
  assert.ok(!action.error, JSON.stringify(action.error));
  const [doc] = action.results;
  assert.ok(doc && !doc.error, JSON.stringify(doc));
  for (const e of doc.entities) assert.equal(NEW_LEASE.slice(e.offset, e.offset + e.length), e.text);
  assert.deepEqual(
    doc.entities.map((e) => [e.text, e.category]),
    EXPECTED,
    'every category of the project, and nothing else (no Email/URL or general NER categories)',
  );
}

describe('train, evaluate, deploy, query, restart', () => {
  test('import the lease project', async () => {
    const url = operation(await author(t, world, '/LeaseAgreements/:import', { body: leaseProject() }));
    const done = await waitForJob(t, world, url);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
  });

  test('train: 202, the job runs with progress to succeeded, in the spec shape', async () => {
    const url = operation(
      await author(t, world, '/LeaseAgreements/:train', {
        body: {
          modelLabel: 'v1',
          trainingConfigVersion: 'latest',
          evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
        },
      }),
    );
    assert.match(url, /\/projects\/LeaseAgreements\/train\/jobs\/[0-9a-f-]{36}_\d+\?api-version=2023-04-01$/);
    const states = new Set<string>();
    const percents: number[] = [];
    const done = await waitForJob(t, world, url, (s) => {
      spec.assertValid('TextAnalysisAuthoringTrainingJobState', s);
      states.add(s.status as string);
      percents.push(
        (s.result as { trainingStatus: { percentComplete: number } }).trainingStatus.percentComplete,
      );
    });
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    const result = done.result as Record<string, { status: string; percentComplete: number }>;
    assert.equal(result.trainingStatus!.status, 'succeeded');
    assert.equal(result.evaluationStatus!.status, 'succeeded');
    assert.equal(result.trainingStatus!.percentComplete, 100);
    assert.ok(states.has('running') || states.has('notStarted'), [...states].join());
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress never goes back',
    );

    const list = await author(t, world, '/LeaseAgreements/train/jobs');
    spec.assertValid('PagedTextAnalysisAuthoringTrainingJobState', list.json);
    assert.equal(list.json.value.length, 1);
  });

  test('the trained model and its evaluation, in the spec shapes', async () => {
    const model = await author(t, world, '/LeaseAgreements/models/v1');
    assert.equal(model.status, 200, model.text);
    spec.assertValid('TextAnalysisAuthoringProjectTrainedModel', model.json);
    assert.match(model.json.modelId, /^v1-\d{8}T\d{6}-[0-9a-f]{32}$/);
    const models = await author(t, world, '/LeaseAgreements/models');
    spec.assertValid('PagedTextAnalysisAuthoringProjectTrainedModel', models.json);

    const summary = await author(t, world, '/LeaseAgreements/models/v1/evaluation/summary-result');
    assert.equal(summary.status, 200, summary.text);
    spec.assertValid(
      spec.subtype('TextAnalysisAuthoringEvaluationSummary', summary.json.projectKind),
      summary.json,
    );
    assert.deepEqual(summary.json.evaluationOptions, {
      kind: 'percentage',
      trainingSplitPercentage: 80,
      testingSplitPercentage: 20,
    });
    const evaluation = summary.json.customEntityRecognitionEvaluation;
    assert.deepEqual(Object.keys(evaluation.entities).sort(), [
      'Landlord',
      'MonthlyRent',
      'PropertyAddress',
      'SecurityDeposit',
      'StartDate',
      'Tenant',
    ]);
    console.log(
      `# lease fixture, 80/20 split: micro F1 ${evaluation.microF1}, macro F1 ${evaluation.macroF1}`,
    );
    assert.ok(evaluation.microF1 >= 0.8, `micro F1 ${evaluation.microF1}`);

    const first = await author(t, world, '/LeaseAgreements/models/v1/evaluation/result?maxpagesize=3');
    assert.equal(first.status, 200, first.text);
    spec.assertValid('PagedTextAnalysisAuthoringDocumentEvaluationResult', first.json);
    assert.equal(first.json.value.length, 3);
    for (const doc of first.json.value)
      spec.assertValid(spec.subtype('TextAnalysisAuthoringDocumentEvaluationResult', doc.projectKind), doc);
    const second = await follow(t, world, first.json.nextLink);
    spec.assertValid('PagedTextAnalysisAuthoringDocumentEvaluationResult', second.json);
    assert.ok(second.json.value.length > 0);
  });

  test('deploy: served at once through the SDK, with only the project categories', async () => {
    const url = operation(
      await author(t, world, '/LeaseAgreements/deployments/production', {
        method: 'PUT',
        body: { trainedModelLabel: 'v1' },
      }),
    );
    assert.match(url, /\/projects\/LeaseAgreements\/deployments\/production\/jobs\//);
    const done = await waitForJob(t, world, url, (s) =>
      spec.assertValid('TextAnalysisAuthoringDeploymentJobState', s),
    );
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    const deployment = await author(t, world, '/LeaseAgreements/deployments/production');
    spec.assertValid('TextAnalysisAuthoringProjectDeployment', deployment.json);
    const model = await author(t, world, '/LeaseAgreements/models/v1');
    assert.equal(deployment.json.modelId, model.json.modelId);
    assert.equal(t.service.pool.workerCount, 2);
    // Concurrent queries keep both workers busy: each must know the deployment.
    await Promise.all([1, 2, 3, 4].map(() => expectServed('production')));
  });

  test('cancel: a training waiting for its turn, and a running one, end cancelled and leave no model', async () => {
    const body = (modelLabel: string) => ({ body: { modelLabel, trainingConfigVersion: 'latest' } });
    const first = operation(await author(t, world, '/LeaseAgreements/:train', body('v2')));
    const second = operation(await author(t, world, '/LeaseAgreements/:train', body('v3')));
    const cancel = (url: string) =>
      author(t, world, `${new URL(url).pathname.replace(/^.*\/projects/, '')}/:cancel`, { raw: '' });
    // One training at a time (authoring.concurrentTrainings): v3 waits while v2 trains.
    assert.equal((await follow(t, world, second)).json.status, 'notStarted');
    const accepted = await cancel(second);
    assert.equal(accepted.status, 202, accepted.text);
    assert.equal(accepted.headers['operation-location'], second);
    assert.equal((await waitForJob(t, world, second)).status, 'cancelled');
    // v2 is cancelled once it runs (its worker thread is stopped).
    let running = (await follow(t, world, first)).json;
    while (running.status === 'notStarted') running = (await follow(t, world, first)).json;
    assert.equal(running.status, 'running', JSON.stringify(running));
    assert.equal((await cancel(first)).status, 202);
    const cancelled = await waitForJob(t, world, first);
    assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
    assert.equal(
      (cancelled.result as { trainingStatus: { status: string } }).trainingStatus.status,
      'cancelled',
    );
    for (const label of ['v2', 'v3'])
      assert.equal((await author(t, world, `/LeaseAgreements/models/${label}`)).status, 404, label);
  });

  test('restart on the same data folder: projects, models and deployments kept and served', async () => {
    await t.close();
    t = await start();
    const projects = await author(t, world, '');
    assert.deepEqual(
      projects.json.value.map((p: { projectName: string }) => p.projectName),
      ['LeaseAgreements'],
    );
    assert.ok(projects.json.value[0].lastTrainedDateTime && projects.json.value[0].lastDeployedDateTime);
    const deployments = await author(t, world, '/LeaseAgreements/deployments');
    spec.assertValid('PagedTextAnalysisAuthoringProjectDeployment', deployments.json);
    assert.deepEqual(
      deployments.json.value.map((d: { deploymentName: string }) => d.deploymentName),
      ['production'],
    );
    const models = await author(t, world, '/LeaseAgreements/models');
    assert.deepEqual(
      models.json.value.map((m: { label: string }) => m.label),
      ['v1'],
    );
    await expectServed('production');
  });

  test('delete the deployment: it stops being served', async () => {
    const url = operation(
      await author(t, world, '/LeaseAgreements/deployments/production', { method: 'DELETE' }),
    );
    assert.equal((await waitForJob(t, world, url)).status, 'succeeded');
    assert.equal((await author(t, world, '/LeaseAgreements/deployments/production')).status, 404);
    // Its only task fails, so the job does: the SDK's poller reports the failed operation.
    await assert.rejects(queryDeployment('production'), /failed/);
  });
});
