/**
 * Custom NER models keep every label they were trained with: a Hugging Face export's label names are
 * its categories unless a manifest maps them (all of them), the builtin PER->Person mapping is the
 * general NER model's only, and a model's languages decide what its documents may be in. Real ONNX
 * sessions (tiny HF-style token classifiers built in the test) through the real inference pool.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EntitiesSchema } from '../src/config/schema.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { CUSTOM_NER_LIMITS } from '../src/model/categories.ts';
import { loadModel } from '../src/model/load.ts';
import { readManifest } from '../src/model/manifest.ts';
import { writeContractsModel } from './fixtures/contracts-model.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'nergw-custom-categories-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const THREADS = { intraOp: 1 };
const TEXT = 'Contoso Ltd and Fabrikam signed in January 2024.';

/** A model of `types` entity types (B-/I- tags each), nothing tagged. */
function typesModel(name: string, types: readonly string[], manifestFields: Record<string, unknown> = {}) {
  return writeTinyHfModel(join(dir, name), {
    labels: ['O', ...types.flatMap((t) => [`B-${t}`, `I-${t}`])],
    tagged: {},
    manifestFields: { categories: null, ...manifestFields },
  });
}

describe('custom labels are never dropped', () => {
  it('a Hugging Face export without a manifest serves its label names as categories', async () => {
    const bare = writeContractsModel(join(dir, 'bare'), { manifest: false });
    const pool = await InferencePool.start({ models: { 'custom/contracts/prod': bare }, workers: 1 });
    try {
      const [entities] = await pool.analyze('custom/contracts/prod', [TEXT]);
      assert.deepEqual(
        entities!.map((e) => [TEXT.slice(e.start, e.end), e.category]),
        [
          ['Contoso Ltd', 'Party'],
          ['Fabrikam', 'Party'],
          ['January 2024', 'EffectiveDate'],
        ],
      );
    } finally {
      await pool.close();
    }
  });

  it('a manifest without categories serves the label names; one with categories maps them', async () => {
    const unmapped = writeContractsModel(join(dir, 'no-map'));
    assert.deepEqual((await readManifest(unmapped)).categories, {
      Party: { category: 'Party' },
      EffectiveDate: { category: 'EffectiveDate' },
    });
    const mapped = writeContractsModel(join(dir, 'map'), {
      manifestFields: {
        categories: { Party: { category: 'ContractParty' }, EffectiveDate: { category: 'Date' } },
      },
    });
    const pool = await InferencePool.start({ models: { mapped }, workers: 1 });
    try {
      const [entities] = await pool.analyze('mapped', [TEXT]);
      assert.deepEqual(
        entities!.map((e) => e.category),
        ['ContractParty', 'ContractParty', 'Date'],
      );
    } finally {
      await pool.close();
    }
  });

  it('a manifest that maps only some labels fails to load, naming the labels it leaves out', async () => {
    const partial = writeContractsModel(join(dir, 'partial'), {
      manifestFields: { categories: { Party: { category: 'Party' } } },
    });
    await assert.rejects(loadModel(partial, THREADS), (err: Error) => {
      assert.equal(err.name, 'ModelLoadError');
      assert.match(err.message, /labels B-EffectiveDate, I-EffectiveDate have no category/);
      assert.match(err.message, /add EffectiveDate to manifest\.json categories/);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
    // The pool refuses it at start, as the service does.
    await assert.rejects(
      InferencePool.start({ models: { partial }, workers: 1 }),
      /B-EffectiveDate, I-EffectiveDate/,
    );
  });

  it('the builtin PER->Person mapping applies to the general NER model only', async () => {
    const tiny = writeTinyHfModel(join(dir, 'tiny-unmapped'), { manifestFields: { categories: null } });
    assert.deepEqual((await readManifest(tiny, { generalNer: true })).categories, {
      PER: { category: 'Person' },
      ORG: { category: 'Organization' },
      LOC: { category: 'Location' },
    });
    assert.deepEqual((await readManifest(tiny)).categories, {
      PER: { category: 'PER' },
      ORG: { category: 'ORG' },
      LOC: { category: 'LOC' },
    });
    // Through the pool: the model whose output goes to the general NER pipeline gets Azure's names,
    // the same files as a custom deployment keep their own.
    const pool = await InferencePool.start({
      models: { default: tiny, custom: tiny },
      workers: 1,
      // The pipeline without rule recognisers: the model's own spans, refined.
      entities: { settings: EntitiesSchema.parse({ recognizers: '' }), models: ['default'] },
    });
    try {
      const text = 'John Smith works for Microsoft in Seattle.';
      const [general] = await pool.analyze('default', [text]);
      const [custom] = await pool.analyze('custom', [text]);
      assert.deepEqual(
        general!.map((e) => e.category),
        ['Person', 'Organization', 'Location'],
      );
      assert.deepEqual(
        custom!.map((e) => e.category),
        ['PER', 'ORG', 'LOC'],
      );
    } finally {
      await pool.close();
    }
    // A general NER model with a type of its own has to map it: it is not dropped either.
    const dated = typesModel('general-dated', ['PER', 'DATE']);
    await assert.rejects(readManifest(dated, { generalNer: true }), /labels B-DATE, I-DATE have no category/);
  });

  it('labels that are neither O nor BIO/BIOES tags fail to load instead of being read as O', async () => {
    const raw = writeTinyHfModel(join(dir, 'raw-labels'), {
      labels: ['O', 'LABEL_1', 'B-Party', 'Party'],
      tagged: {},
      manifestFields: { categories: null },
    });
    await assert.rejects(readManifest(raw), /labels LABEL_1, Party are neither O nor B-\/I-\/E-\/S- tags/);
  });
});

describe("Azure's Custom NER limits on a served model's categories", () => {
  it('1 to 200 entity types', async () => {
    const max = CUSTOM_NER_LIMITS.maxEntityTypes;
    const types = (n: number): string[] => Array.from({ length: n }, (_, i) => `Type${i}`);
    assert.equal(
      Object.keys((await readManifest(typesModel('types-200', types(max)))).categories).length,
      max,
    );
    await assert.rejects(
      readManifest(typesModel('types-201', types(max + 1))),
      /has 201 entity categories; Custom NER serves 1 to 200/,
    );
    const none = writeTinyHfModel(join(dir, 'types-0'), {
      labels: ['O', 'O'],
      tagged: {},
      manifestFields: { categories: null },
    });
    await assert.rejects(readManifest(none), /has 0 entity categories/);
  });

  it('entity names of at most 50 characters, without : $ & % * ( ) + ~ # / ?', async () => {
    const long = 'L'.repeat(CUSTOM_NER_LIMITS.maxEntityNameLength + 1);
    await assert.rejects(
      readManifest(typesModel('long-name', [long])),
      new RegExp(`"${long}" is not a valid entity name`),
    );
    await assert.rejects(
      readManifest(typesModel('slash-name', ['Party', 'Date/Time'])),
      /"Date\/Time" is not a valid entity name/,
    );
    // A manifest can rename such a type to a valid category.
    const renamed = typesModel('renamed', ['Date/Time'], {
      categories: { 'Date/Time': { category: 'DateTime' } },
    });
    assert.deepEqual((await readManifest(renamed)).categories, { 'Date/Time': { category: 'DateTime' } });
    // The general NER model's categories are Azure's own and are not checked against these limits.
    assert.ok(
      (await readManifest(typesModel('general-long', ['PER'], {}), { generalNer: true })).categories.PER,
    );
  });
});

describe('languages', () => {
  it('are matched on the primary subtag, and multilingual is read from the manifest', async () => {
    const m = await readManifest(
      writeContractsModel(join(dir, 'langs'), { manifestFields: { languages: ['en-US', 'EN', 'fr-ca'] } }),
    );
    assert.deepEqual(m.languages, ['en', 'fr']);
    assert.equal(m.multilingual, false);
    const multi = await readManifest(
      writeContractsModel(join(dir, 'multi'), { manifestFields: { multilingual: true } }),
    );
    assert.equal(multi.multilingual, true);
    await assert.rejects(
      readManifest(
        writeContractsModel(join(dir, 'bad-lang'), { manifestFields: { languages: ['english!'] } }),
      ),
      /languages\.0: expected a language code/,
    );
  });
});
