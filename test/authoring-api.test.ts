/**
 * The authoring API over real HTTPS with real keys (no training here; see authoring-train.test.ts):
 * access by the `authoring` scope, projects (create, update, list with paging, get, delete), import
 * of a Language Studio project file with its texts from the storage root, export, the limits and
 * errors, every body checked against Azure's authoring spec (2023-04-01).
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigSchema } from '../src/config/schema.ts';
import { RoutePolicies } from '../src/security/routes.ts';
import { call, type TestService } from './helpers/service.ts';
import { SpecValidator } from './helpers/spec-validator.ts';
import {
  author,
  type AuthoringWorld,
  FIXTURE,
  follow,
  makeWorld,
  operation,
  PROJECTS,
  startAuthoringService,
  waitForJob,
} from './fixtures/authoring/harness.ts';

const spec = new SpecValidator('2023-04-01', 'analyzetext-authoring.json');
const projectFile = JSON.parse(readFileSync(join(FIXTURE, 'project.json'), 'utf8')) as {
  metadata: Record<string, unknown>;
  assets: { documents: { location: string; entities: unknown[] }[] } & Record<string, unknown>;
};

let world: AuthoringWorld;
let t: TestService;

before(async () => {
  world = makeWorld();
  t = await startAuthoringService(world);
});

after(async () => {
  await t?.close();
  if (world) rmSync(world.root, { recursive: true, force: true });
});

/** A copy of the fixture's project file under another name, with some of its documents. */
function projectAs(name: string, documents = projectFile.assets.documents.length): object {
  const copy = structuredClone(projectFile);
  return {
    ...copy,
    metadata: { ...copy.metadata, projectName: name },
    assets: { ...copy.assets, documents: copy.assets.documents.slice(0, documents) },
  };
}

async function importProject(name: string, body: object = projectAs(name)): Promise<Record<string, unknown>> {
  const url = operation(await author(t, world, `/${name}/:import`, { body }));
  assert.match(url, new RegExp(`/projects/${name}/import/jobs/[0-9a-f-]{36}_\\d+\\?api-version=2023-04-01$`));
  return waitForJob(t, world, url, (s) => spec.assertValid('TextAnalysisAuthoringImportProjectJobState', s));
}

describe('authoring access', () => {
  test('a key without the authoring scope gets 403 in the Azure envelope; the scoped key passes', async () => {
    const denied = await call(t, `${PROJECTS}?api-version=2023-04-01`, {
      headers: { 'Ocp-Apim-Subscription-Key': world.readerKey },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.code, '403');
    assert.match(denied.json.error.message, /missing required scope\(s\): authoring/);
    spec.assertValid('ErrorResponse', { error: { ...denied.json.error, code: 'Forbidden' } });
    // The client certificate alone names a principal without the scope, too.
    assert.equal((await call(t, `${PROJECTS}?api-version=2023-04-01`)).status, 403);
    // The same key still analyses text: only authoring needs the scope.
    const analyse = await call(t, '/language/:analyze-text?api-version=2023-04-01', {
      headers: { 'Ocp-Apim-Subscription-Key': world.readerKey },
      body: { kind: 'EntityRecognition', analysisInput: { documents: [{ id: '1', text: 'Hello Paris.' }] } },
    });
    assert.equal(analyse.status, 200, analyse.text);
    const allowed = await author(t, world, '');
    assert.equal(allowed.status, 200, allowed.text);
  });

  test('the default policy of /language/authoring adds the scope to the policy covering it, unless configured', () => {
    const defaults = new RoutePolicies(ConfigSchema.parse({}).security.routes);
    assert.deepEqual(defaults.match('/language/authoring/analyze-text/projects')?.scopes, ['authoring']);
    assert.deepEqual(defaults.match('/LANGUAGE/Authoring/analyze-text/projects')?.scopes, ['authoring']);
    assert.deepEqual(defaults.match('/language/analyze-text/jobs')?.scopes, []);
    assert.deepEqual(defaults.match('/language/authoringx')?.scopes, []);
    const own = {
      prefix: '/language',
      methods: ['jwt' as const],
      requireClientCertificate: true,
      scopes: ['nlp'],
      principals: [],
    };
    const covered = new RoutePolicies([own]).match('/language/authoring/x');
    assert.deepEqual(covered, { ...own, prefix: '/language/authoring', scopes: ['nlp', 'authoring'] });
    const explicit = { ...own, prefix: '/language/authoring', scopes: [] };
    assert.deepEqual(new RoutePolicies([own, explicit]).match('/language/authoring/x'), explicit);
    assert.equal(new RoutePolicies([{ ...own, prefix: '/text' }]).match('/language/authoring/x'), undefined);
  });

  test('api-version: missing is a 400, unknown a 404', async () => {
    const missing = await call(t, PROJECTS, { headers: { 'Ocp-Apim-Subscription-Key': world.authorKey } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.innererror.code, 'InvalidParameterValue');
    assert.equal((await author(t, world, '', { apiVersion: '2024-11-01' })).status, 404);
    assert.equal((await author(t, world, '', { apiVersion: '2022-05-01' })).status, 200);
  });
});

describe('projects', () => {
  test('create (201) and update (200) with merge patch, get, list with paging', async () => {
    const patch = (name: string, body: object) =>
      author(t, world, `/${name}`, {
        method: 'PATCH',
        body,
        headers: { 'content-type': 'application/merge-patch+json' },
      });
    const created = await patch('Contracts', {
      projectName: 'Contracts',
      projectKind: 'CustomEntityRecognition',
      storageInputContainerName: 'contracts',
      language: 'en',
    });
    assert.equal(created.status, 201, created.text);
    spec.assertValid('TextAnalysisAuthoringProjectMetadata', created.json);
    assert.equal(created.json.multilingual, false);
    const updated = await patch('Contracts', { multilingual: true, settings: { confidenceThreshold: 0.5 } });
    assert.equal(updated.status, 200, updated.text);
    spec.assertValid('TextAnalysisAuthoringProjectMetadata', updated.json);
    assert.equal(updated.json.multilingual, true);
    assert.equal(updated.json.createdDateTime, created.json.createdDateTime);
    assert.equal(updated.json.language, 'en');

    const missing = await patch('Other', { projectKind: 'CustomEntityRecognition', language: 'en' });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.innererror.target, 'storageInputContainerName');
    const kind = await patch('Other', {
      projectKind: 'CustomSingleLabelClassification',
      storageInputContainerName: 'x',
      language: 'en',
    });
    assert.equal(kind.status, 400);
    assert.match(kind.text, /CustomEntityRecognition/);
    for (const bad of ['a b', 'x'.repeat(51), '.hidden', 'sl%2Fash'])
      assert.equal((await patch(bad, { language: 'en' })).status, 400, bad);

    for (const name of ['PageA', 'PageB'])
      assert.equal(
        (
          await patch(name, {
            projectKind: 'CustomEntityRecognition',
            storageInputContainerName: 'c',
            language: 'en',
          })
        ).status,
        201,
      );
    const first = await author(t, world, '?maxpagesize=2');
    spec.assertValid('PagedTextAnalysisAuthoringProjectMetadata', first.json);
    assert.deepEqual(
      first.json.value.map((p: { projectName: string }) => p.projectName),
      ['Contracts', 'PageA'],
    );
    const second = await follow(t, world, first.json.nextLink);
    assert.deepEqual(
      second.json.value.map((p: { projectName: string }) => p.projectName),
      ['PageB'],
    );
    assert.equal(second.json.nextLink, undefined);

    const got = await author(t, world, '/Contracts');
    assert.deepEqual(got.json, updated.json);
    const absent = await author(t, world, '/Nope');
    assert.equal(absent.status, 404);
    assert.equal(absent.json.error.code, 'ProjectNotFound');
    spec.assertValid('ErrorResponse', absent.json);
  });

  test('import reads the texts from the storage root; export gives the project file back', async () => {
    const done = await importProject('ToolRentals');
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    const project = await author(t, world, '/ToolRentals');
    assert.equal(project.status, 200);
    assert.equal(project.json.storageInputContainerName, 'rentals');
    assert.equal(project.json.language, 'en-us');

    const url = operation(
      await author(t, world, '/ToolRentals/:export?stringIndexType=Utf16CodeUnit', { raw: '' }),
    );
    const exported = await waitForJob(t, world, url, (s) =>
      spec.assertValid('TextAnalysisAuthoringExportProjectJobState', s),
    );
    assert.equal(exported.status, 'succeeded');
    const file = await follow(t, world, exported.resultUrl as string);
    assert.equal(file.status, 200);
    spec.assertValid('ExportedProject', file.json);
    assert.equal(file.json.metadata.projectName, 'ToolRentals');
    assert.deepEqual(
      file.json.assets.entities.map((e: { category: string }) => e.category),
      ['Renter', 'Item', 'StartDate', 'DailyPrice'],
    );
    assert.deepEqual(file.json.assets.documents[0].entities, projectFile.assets.documents[0]!.entities);
    assert.equal(file.json.assets.documents.length, projectFile.assets.documents.length);

    const noIndex = await author(t, world, '/ToolRentals/:export', { raw: '' });
    assert.equal(noIndex.status, 400);
  });

  test('a project file larger than the API body limit (1 MiB) is accepted up to authoring.bodyLimitBytes', async () => {
    const body = { ...projectAs('Large'), padding: 'x'.repeat(1_500_000) };
    assert.equal((await importProject('Large', body)).status, 'succeeded');
    const url = operation(await author(t, world, '/Large', { method: 'DELETE' }));
    assert.equal((await waitForJob(t, world, url)).status, 'succeeded');
  });

  test('an import whose document is missing from storage fails as a job, naming the document', async () => {
    const body = projectAs('Broken', 12) as { assets: { documents: { location: string }[] } };
    body.assets.documents[3] = { ...body.assets.documents[3]!, location: 'absent.txt' };
    const done = await importProject('Broken', body);
    assert.equal(done.status, 'failed');
    const errors = done.errors as { message: string }[];
    assert.match(errors[0]!.message, /absent\.txt/);
    assert.equal((await author(t, world, '/Broken')).status, 404, 'a failed import creates nothing');
  });

  test('an import whose label runs past its document fails with the reason the trainer gives', async () => {
    const body = projectAs('PastEnd', 12) as {
      assets: { documents: { entities: { labels: { offset: number }[] }[] }[] };
    };
    body.assets.documents[2]!.entities[0]!.labels[0]!.offset = 100_000;
    const done = await importProject('PastEnd', body);
    assert.equal(done.status, 'failed');
    const [error] = done.errors as { code: string; message: string; innererror: { code: string } }[];
    spec.assertValid('Error', error);
    assert.equal(error!.code, 'InvalidRequest');
    assert.equal(error!.innererror.code, 'InvalidDocument');
    assert.match(error!.message, /rental-03\.txt/);
  });

  test('import errors answered at once: name mismatch, path in a location, wrong index type', async () => {
    const mismatch = await author(t, world, '/Elsewhere/:import', { body: projectAs('ToolRentals') });
    assert.equal(mismatch.status, 400);
    const traversal = projectAs('Evil', 1) as { assets: { documents: { location: string }[] } };
    traversal.assets.documents[0]!.location = '../../keys.json';
    const evil = await author(t, world, '/Evil/:import', { body: traversal });
    assert.equal(evil.status, 400);
    assert.match(evil.json.error.innererror.message, /document name/);
    const index = await author(t, world, '/Idx/:import', {
      body: { ...projectAs('Idx'), stringIndexType: 'TextElements_v8' },
    });
    assert.equal(index.status, 400);
  });

  test('training needs 10 labelled documents; models and deployments answer 404 for unknown names', async () => {
    assert.equal((await importProject('Small', projectAs('Small', 5))).status, 'succeeded');
    const train = await author(t, world, '/Small/:train', {
      body: { modelLabel: 'm1', trainingConfigVersion: 'latest' },
    });
    assert.equal(train.status, 400);
    assert.match(train.json.error.innererror.message, /at least 10/);
    const badSplit = await author(t, world, '/ToolRentals/:train', {
      body: {
        modelLabel: 'm1',
        trainingConfigVersion: 'latest',
        evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 70, testingSplitPercentage: 20 },
      },
    });
    assert.equal(badSplit.status, 400);
    const badVersion = await author(t, world, '/ToolRentals/:train', {
      body: { modelLabel: 'm1', trainingConfigVersion: '1999-01-01' },
    });
    assert.equal(badVersion.status, 400);

    const models = await author(t, world, '/ToolRentals/models');
    assert.deepEqual(models.json, { value: [] });
    assert.equal((await author(t, world, '/ToolRentals/models/none')).status, 404);
    assert.equal((await author(t, world, '/ToolRentals/models/none/evaluation/summary-result')).status, 404);
    const deploy = await author(t, world, '/ToolRentals/deployments/production', {
      method: 'PUT',
      body: { trainedModelLabel: 'none' },
    });
    assert.equal(deploy.status, 404);
    assert.deepEqual((await author(t, world, '/ToolRentals/deployments')).json, { value: [] });
    const versions = await author(
      t,
      world,
      '/global/training-config-versions?projectKind=CustomEntityRecognition',
    );
    spec.assertValid('PagedTextAnalysisAuthoringTrainingConfigVersion', versions.json);
    assert.equal(versions.json.value.length, 1);
  });

  test('delete: 202, a global deletion job, then the project is gone', async () => {
    const url = operation(await author(t, world, '/Small', { method: 'DELETE' }));
    assert.match(url, /\/projects\/global\/deletion-jobs\//);
    const done = await waitForJob(t, world, url, (s) =>
      spec.assertValid('TextAnalysisAuthoringProjectDeletionJobState', s),
    );
    assert.equal(done.status, 'succeeded');
    assert.equal((await author(t, world, '/Small')).status, 404);
  });
});
