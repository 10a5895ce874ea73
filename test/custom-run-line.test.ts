/**
 * Azure's Custom NER container run line (`Eula=accept … projectName=P exportedModelName=M`, the model
 * mounted at /modelPath) against the real gateway process over mTLS, queried with the official
 * `@azure/ai-language-text` client; the settings and the model folder rules, directly.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import {
  AzureKeyCredential,
  type CustomEntityRecognitionSuccessResult,
  TextAnalysisClient,
} from '@azure/ai-language-text';
import { ConfigError, loadConfig } from '../src/config/load.ts';
import { ANY_DEPLOYMENT, customModelId, discoverModels } from '../src/model/catalog.ts';
import { TRAIN_LOCALLY } from '../src/model/exported.ts';
import { writeContractsModel } from './fixtures/contracts-model.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import { ChildService, cleanEnv, killAll } from './helpers/child-service.ts';
import { GATEWAY_KEY, type Gateway, gatewayArgs, gatewayDir, startGateway } from './helpers/gateway.ts';
import { writeTestKeyStore } from './helpers/keys.ts';
import { call, type HttpResult } from './helpers/service.ts';

const tmp = mkdtempSync(join(tmpdir(), 'nergw-run-line-'));
after(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';
/** Names, a date, and what the general NER pipeline would add (e-mail, URL, phone number). */
const CONTRACT =
  'Contoso Ltd and Fabrikam signed in January 2024. Write to info@example.org, see https://example.org or call 425 555 0100.';
const CONTRACT_ENTITIES = [
  ['Contoso Ltd', 'Party', 0, 11],
  ['Fabrikam', 'Party', 16, 8],
  ['January 2024', 'EffectiveDate', 35, 12],
];

describe('the run line settings', () => {
  test('projectName and exportedModelName in any case, as arguments and environment variables', () => {
    const fromArgs = loadConfig({
      files: [],
      env: {},
      argv: ['Eula=accept', 'projectName=contracts', 'EXPORTEDMODELNAME=v1'],
    });
    assert.deepEqual(
      [fromArgs.models.projectName, fromArgs.models.exportedModelName, fromArgs.models.modelPath],
      ['contracts', 'v1', '/modelPath'],
    );
    const fromEnv = loadConfig({
      files: [],
      env: { projectname: 'contracts', ExportedModelName: 'v1', NERGW_MODELS__MODELPATH: '/models/x' },
      argv: [],
    });
    assert.deepEqual(
      [fromEnv.models.projectName, fromEnv.models.exportedModelName, fromEnv.models.modelPath],
      ['contracts', 'v1', '/models/x'],
    );
    // An unset compose variable arrives empty: it means "not set".
    const empty = loadConfig({ files: [], env: { PROJECTNAME: '', EXPORTEDMODELNAME: '' }, argv: [] });
    assert.equal(empty.models.projectName, undefined);
  });

  test("names follow Azure's naming rules; exportedModelName needs projectName", () => {
    assert.throws(
      () => loadConfig({ files: [], env: {}, argv: ['projectName=my project'] }),
      (err: Error) =>
        err instanceof ConfigError && /models\.projectName: only letters, digits/.test(err.message),
    );
    assert.throws(
      () => loadConfig({ files: [], env: {}, argv: [`projectName=${'p'.repeat(51)}`] }),
      /at most 50 characters/,
    );
    assert.throws(
      () => loadConfig({ files: [], env: {}, argv: ['exportedModelName=v1'] }),
      /exportedModelName is set but projectName is not/,
    );
  });
});

describe('the model folder of the run line', () => {
  const base = { default: 'models/default', customRoot: join(tmp, 'no-custom-root') };

  test('<modelPath>/<exportedModelName>/ first, else <modelPath>/ itself; served for any deploymentName', () => {
    const modelPath = join(tmp, 'folder-rules');
    writeContractsModel(join(modelPath, 'v1'), { manifest: false });
    const dirs = discoverModels({ ...base, projectName: 'contracts', exportedModelName: 'v1', modelPath });
    assert.equal(dirs[customModelId('contracts', ANY_DEPLOYMENT)], join(modelPath, 'v1'));
    const flat = join(tmp, 'folder-flat');
    writeContractsModel(flat);
    assert.equal(
      discoverModels({ ...base, projectName: 'contracts', exportedModelName: 'v1', modelPath: flat })[
        'custom/contracts/*'
      ],
      flat,
    );
    // Without projectName the folder is not looked at.
    assert.deepEqual(Object.keys(discoverModels({ ...base, modelPath: join(tmp, 'absent') })), ['default']);
  });

  test('a folder without a model we can load stops the start with one line saying so and how to train', () => {
    const opaque = join(tmp, 'azure-export');
    mkdirSync(opaque, { recursive: true });
    writeFileSync(join(opaque, 'model.bin'), 'opaque');
    writeFileSync(join(opaque, 'metadata.json'), '{}');
    const check = (modelPath: string, found: RegExp) => (err: Error) => {
      assert.equal(err.name, 'ModelLoadError');
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, found);
      assert.match(err.message, /Azure's exported Custom NER models \(their format is not public\)/);
      assert.ok(err.message.includes(TRAIN_LOCALLY), err.message);
      return true;
    };
    const settings = { ...base, projectName: 'contracts', exportedModelName: 'v1' };
    assert.throws(
      () => discoverModels({ ...settings, modelPath: opaque }),
      check(opaque, /azure-export holds metadata\.json, model\.bin, and no model/),
    );
    assert.throws(
      () => discoverModels({ ...settings, modelPath: join(tmp, 'absent') }),
      check(opaque, /absent does not exist/),
    );
    const incomplete = join(tmp, 'incomplete');
    mkdirSync(incomplete);
    writeFileSync(join(incomplete, 'config.json'), '{}');
    assert.throws(
      () => discoverModels({ ...settings, modelPath: incomplete }),
      /incomplete is a Hugging Face export without tokenizer\.json and model\.onnx/,
    );
  });
});

/** The SDK client of a gateway: its dev CA, client certificate and subscription key. */
function sdk(gw: Gateway): TextAnalysisClient {
  return new TextAnalysisClient(gw.url, new AzureKeyCredential(GATEWAY_KEY), {
    tlsOptions: gw.tls,
    retryOptions: { maxRetries: 0 },
  });
}

/** Submits a job and follows its Operation-Location until it is terminal. */
async function runJob(gw: Gateway, body: object): Promise<HttpResult> {
  const submit = await call(gw, JOBS, { body });
  if (submit.status !== 202) return submit;
  const url = new URL(String(submit.headers['operation-location']));
  for (let i = 0; i < 600; i++) {
    const r = await call(gw, `${url.pathname}${url.search}`);
    if (['succeeded', 'failed', 'cancelled'].includes(r.json?.status)) return r;
    await sleep(50);
  }
  throw new Error('job did not finish');
}

function customTask(projectName: string, deploymentName: string): object {
  return {
    kind: 'CustomEntityRecognition',
    parameters: { projectName, deploymentName, stringIndexType: 'Utf16CodeUnit' },
  };
}

describe('a gateway started with `projectName=contracts exportedModelName=v1` and the model folder', () => {
  let gw: Gateway;
  before(async () => {
    const modelPath = join(tmp, 'modelPath');
    // A bare Hugging Face export (no manifest) with the project's own labels, in <modelPath>/<exportedModelName>.
    writeContractsModel(join(modelPath, 'v1'), { manifest: false });
    gw = await startGateway([
      'projectName=contracts',
      'exportedModelName=v1',
      `Models:ModelPath=${modelPath}`,
    ]);
  });
  after(() => gw?.stop());

  test(
    "the SDK gets the model's own entities for any deploymentName, and nothing else",
    { timeout: 180_000 },
    async () => {
      const poller = await sdk(gw).beginAnalyzeBatch(
        [
          { kind: 'CustomEntityRecognition', projectName: 'contracts', deploymentName: 'production' },
          { kind: 'CustomEntityRecognition', projectName: 'contracts', deploymentName: 'v1' },
        ],
        [{ id: 'c1', language: 'en', text: CONTRACT }],
        { updateIntervalInMs: 50 },
      );
      const actions = [];
      for await (const action of await poller.pollUntilDone()) actions.push(action);
      assert.equal(actions.length, 2);
      for (const action of actions) {
        assert.equal(action.kind, 'CustomEntityRecognition');
        assert.ok(!action.error, JSON.stringify(action.error));
        const doc = action.results[0] as CustomEntityRecognitionSuccessResult;
        assert.ok(doc && !doc.error, JSON.stringify(doc));
        // No e-mail, URL, phone number or DateTime from the general pipeline: only Party and EffectiveDate.
        assert.deepEqual(
          doc.entities.map((e) => [e.text, e.category, e.offset, e.length]),
          CONTRACT_ENTITIES,
        );
      }
    },
  );

  test('another project is not found; documents in a language the model lacks fail alone', async () => {
    const other = await runJob(gw, {
      analysisInput: { documents: [{ id: '1', text: CONTRACT }] },
      tasks: [customTask('other', 'production')],
    });
    assert.equal(other.json.status, 'failed');
    assert.equal(other.json.errors[0].code, 'ProjectNotFound');

    const job = await runJob(gw, {
      analysisInput: {
        documents: [
          { id: 'en-us', language: 'en-US', text: CONTRACT },
          { id: 'de', language: 'de', text: 'Contoso Ltd und Fabrikam.' },
        ],
      },
      tasks: [customTask('contracts', 'production')],
    });
    const results = job.json.tasks.items[0].results;
    assert.equal(job.json.tasks.items[0].status, 'succeeded');
    assert.deepEqual(
      results.documents.map((d: { id: string }) => d.id),
      ['en-us'],
    );
    assert.deepEqual(results.errors, [
      {
        id: 'de',
        error: {
          code: 'InvalidArgument',
          message: 'Invalid Language Code.',
          innererror: {
            code: 'UnsupportedLanguageCode',
            message:
              'Invalid language code. Supported languages: en. For additional details see https://aka.ms/text-analytics/language-support',
          },
        },
      },
    ]);
  });

  test("Azure's prediction limits: 25 documents and 125,000 characters per request", async () => {
    const docs = (n: number, text: string) => Array.from({ length: n }, (_, i) => ({ id: String(i), text }));
    const tooMany = await runJob(gw, {
      analysisInput: { documents: docs(26, CONTRACT) },
      tasks: [customTask('contracts', 'production')],
    });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.error.innererror.code, 'InvalidDocumentBatch');
    assert.match(tooMany.json.error.innererror.message, /Max 25 records are permitted/);
    const tooLong = await runJob(gw, {
      analysisInput: { documents: docs(2, 'Contoso '.repeat(7_813)) },
      tasks: [customTask('contracts', 'production')],
    });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.json.error.innererror.message, /Limit request size to: 125000 characters/);
    // 25 documents of 5,000 characters (125,000 in all) are served.
    const full = await runJob(gw, {
      analysisInput: { documents: docs(25, `${'Fabrikam '.repeat(555).slice(0, 4_992)}Contoso.`) },
      tasks: [customTask('contracts', 'production')],
    });
    assert.equal(full.json.status, 'succeeded');
    assert.equal(full.json.tasks.items[0].results.documents.length, 25);
  });
});

describe('a gateway started with the run line as environment variables and a multilingual model', () => {
  test(
    'serves the model in modelPath itself, for documents in any language',
    { timeout: 180_000 },
    async () => {
      const home = gatewayDir();
      const modelPath = join(tmp, 'multilingual');
      writeContractsModel(modelPath, { manifestFields: { multilingual: true } });
      writeTinyHfModel(join(home, 'model'));
      await writeTestKeyStore(join(home, 'keys.json'), GATEWAY_KEY);
      const svc = new ChildService(
        [...gatewayArgs(home), `Security:KeyStoreFile=${join(home, 'keys.json')}`],
        cleanEnv({ PROJECTNAME: 'contracts', exportedmodelname: 'v2', NERGW_MODELS__MODELPATH: modelPath }),
      );
      try {
        const { url } = await svc.listening();
        const read = (name: string): Buffer => readFileSync(join(home, 'certs', name));
        const client = new TextAnalysisClient(
          `https://127.0.0.1:${url.port}`,
          new AzureKeyCredential(GATEWAY_KEY),
          {
            tlsOptions: { ca: read('dev-ca.crt'), cert: read('client.crt'), key: read('client.key') },
            retryOptions: { maxRetries: 0 },
          },
        );
        const poller = await client.beginAnalyzeBatch(
          [{ kind: 'CustomEntityRecognition', projectName: 'contracts', deploymentName: 'anything' }],
          [
            { id: 'de', language: 'de', text: 'Contoso Ltd und Fabrikam, January 2024.' },
            { id: 'ja', language: 'ja', text: 'Fabrikam' },
          ],
          { updateIntervalInMs: 50 },
        );
        for await (const action of await poller.pollUntilDone()) {
          assert.ok(!action.error, JSON.stringify(action.error));
          const docs = action.results as CustomEntityRecognitionSuccessResult[];
          assert.deepEqual(
            docs.map((d) => [d.id, d.error, d.entities.map((e) => e.category)]),
            [
              ['de', undefined, ['Party', 'Party', 'EffectiveDate']],
              ['ja', undefined, ['Party']],
            ],
          );
        }
      } finally {
        await svc.kill('SIGTERM');
        rmSync(home, { recursive: true, force: true });
      }
    },
  );

  test(
    'stops at start, in one line, when the folder holds an export it cannot load',
    { timeout: 180_000 },
    async () => {
      const home = gatewayDir();
      const opaque = join(tmp, 'opaque');
      mkdirSync(opaque);
      writeFileSync(join(opaque, 'model.bin'), 'opaque');
      writeTinyHfModel(join(home, 'model'));
      const svc = new ChildService(
        [...gatewayArgs(home), 'projectName=contracts', 'exportedModelName=v1', `Models:ModelPath=${opaque}`],
        cleanEnv(),
      );
      try {
        const exit = await svc.exit(45_000);
        assert.equal(exit.code, 1);
        const lines = svc.stderr.trim().split('\n');
        assert.equal(lines.length, 1, svc.output());
        assert.match(
          lines[0]!,
          /^ner-gateway: failed to start: projectName contracts: models\.modelPath .*opaque holds model\.bin/,
        );
        assert.ok(lines[0]!.includes(TRAIN_LOCALLY), lines[0]);
      } finally {
        await svc.kill();
        rmSync(home, { recursive: true, force: true });
      }
    },
  );
});
