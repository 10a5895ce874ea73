import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2019Module from 'ajv/dist/2019.js';
import { analyzeDocuments } from '../src/model/analyze.ts';
import { discoverModels, customModelId } from '../src/model/catalog.ts';
import { loadModel } from '../src/model/load.ts';
import {
  ProjectValidationError,
  trainCustomModel,
  type CustomTrainingRequest,
  type LanguageStudioProject,
  type TrainingProgress,
} from '../src/training/custom/index.ts';
import { SPEC_ROOT } from './helpers/spec-validator.ts';
import { nodeArgsFor } from './helpers/entry-point.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/custom-project');
const CLI = nodeArgsFor('scripts/train-custom.ts');
const CATEGORIES = ['Landlord', 'Tenant', 'PropertyAddress', 'StartDate', 'MonthlyRent', 'SecurityDeposit'];

const project = JSON.parse(readFileSync(join(FIXTURE, 'labels.json'), 'utf8')) as LanguageStudioProject;
const documents = new Map(
  project.assets.documents.map((d) => [
    d.location,
    readFileSync(join(FIXTURE, 'documents', d.location), 'utf8'),
  ]),
);

/** Azure's authoring spec, with the number formats it uses. */
function authoringValidator(definition: string): (value: unknown) => string[] {
  const ajv = new Ajv2019Module.default({
    strict: false,
    allErrors: true,
    formats: { int32: /.*/, float: /.*/, double: /.*/, uri: /.*/ },
  });
  const id = 'https://ner-gateway.test/azure-spec/2023-04-01/analyzetext-authoring.json';
  ajv.addSchema(
    JSON.parse(readFileSync(join(SPEC_ROOT, '2023-04-01/analyzetext-authoring.json'), 'utf8')),
    id,
  );
  const validate = ajv.getSchema(`${id}#/definitions/${definition}`)!;
  return (value) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('Custom NER training: CLI', () => {
  it('prints usage with --help', async () => {
    const { stdout } = await run(process.execPath, [...CLI, '--help'], { cwd: ROOT });
    assert.match(stdout, /--project <labels\.json> --documents <dir> --out <model dir>/);
  });

  for (const [args, message] of [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--project', 'x.json', '--documents', 'd'], /--out is required/],
    [
      ['--project', 'x.json', '--documents', 'd', '--out', 'o', '--seed', 'one'],
      /--seed must be a whole number/,
    ],
  ] as const) {
    it(`exits 2 with one line for ${args.join(' ')}`, async () => {
      const err = await run(process.execPath, [...CLI, ...args], { cwd: ROOT }).then(
        () => assert.fail('expected a failure'),
        (e: { code: number; stderr: string }) => e,
      );
      assert.equal(err.code, 2);
      assert.equal(err.stderr.trim().split('\n').length, 1, err.stderr);
      assert.match(err.stderr, message);
    });
  }
});

describe('Custom NER training: model', { timeout: 600_000 }, () => {
  let tmp: string;
  let cliOut: string;
  let cliStdout: string;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'custom-ner-'));
    cliOut = join(tmp, 'LeaseAgreements', 'cli-model');
    const args = [
      '--project',
      join(FIXTURE, 'labels.json'),
      '--documents',
      join(FIXTURE, 'documents'),
      '--out',
      cliOut,
    ];
    cliStdout = (await run(process.execPath, [...CLI, ...args], { cwd: ROOT, maxBuffer: 1 << 24 })).stdout;
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('trains from the CLI and writes a model folder with the project categories', () => {
    assert.match(cliStdout, /32 training \/ 8 test documents \(percentage split\)/);
    assert.match(cliStdout, /micro\s+\d/);
    for (const f of [
      'manifest.json',
      'model.onnx',
      'features.bin',
      'crf.json',
      'evaluation.json',
      'training.json',
    ])
      assert.ok(existsSync(join(cliOut, f)), f);
    const manifest = JSON.parse(readFileSync(join(cliOut, 'manifest.json'), 'utf8'));
    assert.equal(manifest.name, 'LeaseAgreements');
    assert.deepEqual(manifest.languages, ['en']);
    assert.equal(manifest.multilingual, undefined);
    assert.deepEqual(Object.keys(manifest.categories), CATEGORIES);
    for (const c of CATEGORIES) assert.deepEqual(manifest.categories[c], { category: c });
    assert.equal(manifest.labels.length, 1 + 2 * CATEGORIES.length);
    assert.ok(!manifest.labels.some((l: string) => /-(PER|ORG|LOC|MISC)$/.test(l)));
  });

  it('the server loader serves it: a real ONNX session tags a held-out lease', async () => {
    const text =
      'Lease summary\r\nLandlord: Riverside Homes LLC\r\nTenant(s): Priya Raman\r\nUnit:\r\n' +
      '77 Quarry Hill, Apt 4\r\nLeeds LS6 2AB\r\nCommencement: 3 July 2026\r\nRent: $1,340 / month\r\n' +
      'Security deposit: $2,000\r\n';
    const model = await loadModel(cliOut, { intraOp: 1 });
    try {
      const [entities] = await analyzeDocuments(model, [text]);
      const found = entities!.map((e) => [e.category, text.slice(e.start, e.end)]);
      for (const expected of [
        ['Tenant', 'Priya Raman'],
        ['StartDate', '3 July 2026'],
        ['MonthlyRent', '$1,340'],
        ['SecurityDeposit', '$2,000'],
      ])
        assert.ok(
          found.some((f) => f[0] === expected[0] && f[1] === expected[1]),
          `${expected} in ${JSON.stringify(found)}`,
        );
      assert.ok(entities!.every((e) => CATEGORIES.includes(e.category)));
    } finally {
      await model.classifier.dispose();
    }
    // Deployed under <customRoot>/<project>/<deployment>/ it is discovered as a custom model.
    const dirs = discoverModels({ default: 'models/default', customRoot: tmp });
    assert.equal(dirs[customModelId('LeaseAgreements', 'cli-model')], cliOut);
  });

  it('writes evaluation.json in Azure shapes (authoring spec 2023-04-01), with the fixture scoring well', () => {
    const e = JSON.parse(readFileSync(join(cliOut, 'evaluation.json'), 'utf8'));
    assert.deepEqual(
      authoringValidator('TextAnalysisAuthoringCustomEntityRecognitionEvaluationSummary')(
        e.evaluationSummary,
      ),
      [],
    );
    const doc = authoringValidator('TextAnalysisAuthoringCustomEntityRecognitionDocumentEvaluationResult');
    assert.equal(e.documentResults.length, 8);
    for (const d of e.documentResults) assert.deepEqual(doc(d), []);
    const s = e.evaluationSummary.customEntityRecognitionEvaluation;
    assert.deepEqual(Object.keys(s.entities).sort(), [...CATEGORIES].sort());
    assert.ok(s.microF1 >= 0.85, `micro F1 ${s.microF1}`);
    assert.deepEqual(e.evaluationSummary.evaluationOptions, {
      kind: 'percentage',
      trainingSplitPercentage: 80,
      testingSplitPercentage: 20,
    });
    assert.equal(e.report.snappedLabels, 5);
  });

  it('is deterministic: the API gives the CLI model byte for byte, without blocking the event loop', async () => {
    const out = join(tmp, 'api-model');
    const progress: TrainingProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const began = Date.now();
    const req: CustomTrainingRequest = {
      project,
      documents,
      evaluation: { kind: 'percentage' },
      outDir: out,
    };
    const result = await trainCustomModel(req, (p) => progress.push(p)).finally(() => clearInterval(timer));
    const elapsed = Date.now() - began;
    assert.ok(ticks >= elapsed / 10 / 4, `${ticks} timer ticks in ${elapsed} ms`);
    for (const f of [
      'model.onnx',
      'features.bin',
      'crf.json',
      'manifest.json',
      'gazetteer.json',
      'evaluation.json',
    ])
      assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(cliOut, f))), `${f} differs`);
    assert.equal(result.trainedDocuments, 32);
    assert.equal(result.testDocuments, 8);
    assert.equal(progress.at(-1)!.percentComplete, 100);
    assert.ok(progress.some((p) => /epoch \d+/.test(p.message)));
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.startsWith('.')),
      [],
      'no temporary folder left',
    );
  });

  it('honours manual split and multilingual, and rejects an invalid project with ProjectValidationError', async () => {
    const manual = structuredClone(project);
    manual.metadata.multilingual = true;
    manual.assets.documents.forEach((d, i) => (d.dataset = i % 5 === 0 ? 'Test' : 'Train'));
    const result = await trainCustomModel({
      project: manual,
      documents,
      evaluation: { kind: 'manual' },
      outDir: join(tmp, 'manual'),
    });
    assert.equal(result.testDocuments, 8);
    // A multilingual project's deployment accepts any language (manifest `multilingual`).
    assert.equal(JSON.parse(readFileSync(join(tmp, 'manual', 'manifest.json'), 'utf8')).multilingual, true);
    assert.deepEqual(
      result.testLocations,
      manual.assets.documents.filter((d) => d.dataset === 'Test').map((d) => d.location),
    );
    const bad = structuredClone(project);
    bad.assets.documents[3]!.entities[0]!.labels[0]!.category = 'Lessor';
    await assert.rejects(
      trainCustomModel({
        project: bad,
        documents,
        evaluation: { kind: 'percentage' },
        outDir: join(tmp, 'bad'),
      }),
      (err: unknown) =>
        err instanceof ProjectValidationError &&
        err.code === 'UnknownCategory' &&
        /lease04\.txt/.test(err.message),
    );
    assert.ok(!existsSync(join(tmp, 'bad')));
  });

  it('cancels on abort and leaves nothing behind', async () => {
    const controller = new AbortController();
    const out = join(tmp, 'aborted');
    const training = trainCustomModel(
      { project, documents, evaluation: { kind: 'percentage' }, outDir: out },
      (p) => {
        if (p.percentComplete >= 10) controller.abort(new Error('stop'));
      },
      controller.signal,
    );
    await assert.rejects(training, /stop/);
    assert.ok(!existsSync(out));
    const deadline = Date.now() + 30_000;
    while (readdirSync(tmp).some((f) => f.startsWith('.')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.startsWith('.')),
      [],
    );
  });
});
