import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EntitiesSchema } from '../src/config/schema.ts';
import { applyOverlapPolicy } from '../src/entities/overlap.ts';
import { selectEntities } from '../src/entities/selection.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { corpusNamed, scoredTypes } from '../src/training/corpora/index.ts';
import { evaluateConllFile, evaluateSentences } from '../src/training/evaluate-file.ts';

// The shipped model, scored through the server's inference path (worker pool -> engine -> Decoder).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'models/default');
const DATA = join(ROOT, '../shared/data');
const CONLL_TEST = join(DATA, 'conll2003/test.txt');

describe('models/default (builtin English NER)', () => {
  let pool: InferencePool;
  before(async () => {
    pool = await InferencePool.start({
      models: { default: MODEL },
      workers: 1,
      intraOpThreads: 1,
      maxQueuedDocuments: 100_000,
      // As `npm run eval` scores it: MISC names with no Azure type kept as Miscellaneous.
      entities: { settings: EntitiesSchema.parse({ miscellaneous: 'keep' }), models: ['default'] },
    });
  });
  after(async () => {
    await pool?.close();
  });

  it('fits in 50 MB (issue 16: the folder, 10^6 bytes to the MB)', () => {
    const bytes = readdirSync(MODEL).reduce((sum, name) => sum + statSync(join(MODEL, name)).size, 0);
    assert.ok(bytes <= 50_000_000, `${bytes} bytes`);
  });

  it('finds people, organisations and places in raw text, with the entity pipeline after it', async () => {
    const text =
      'Angela Merkel met Microsoft executives in Berlin on Friday; mail press@example.com for details.';
    const [found] = await pool.analyze('default', [text]);
    const entities = applyOverlapPolicy(found!, 'matchLongest');
    const got = entities.map((e) => [e.type, text.slice(e.start, e.end)]);
    assert.deepEqual(got, [
      ['Person', 'Angela Merkel'],
      ['Organization', 'Microsoft'],
      ['PersonType', 'executives'],
      ['City', 'Berlin'],
      ['Date', 'Friday'],
      ['Email', 'press@example.com'],
    ]);
    for (const e of entities) assert.ok(e.confidence > 0 && e.confidence <= 1);
  });

  it('reads a well-known company or group the tagger takes for a person or a place as the organisation', async () => {
    const texts = [
      'Siemens and General Electric signed a deal.',
      'Bosch will cut 5,000 jobs.',
      'Analysts expect Alibaba to cut prices.',
      'Robert Bosch founded the firm.',
      'She joined McKinsey as an associate.',
      'She has worked at Greenpeace since 2019.',
      'The Beatles and the Rolling Stones dominated the charts.',
      'He was interviewed by CNN and Al Jazeera.',
      "Lazard advised the board; the painting sold at Sotheby's.",
      'Arthur Andersen was the auditor of Enron.',
    ];
    const found = await pool.analyze('default', texts);
    const names = found.map((entities, d) =>
      applyOverlapPolicy(entities, 'matchLongest')
        .filter((e) => e.category === 'Organization' || e.category === 'Person' || e.category === 'Location')
        .map((e) => [e.type, texts[d]!.slice(e.start, e.end)]),
    );
    assert.deepEqual(names, [
      [
        ['Organization', 'Siemens'],
        ['Organization', 'General Electric'],
      ],
      [['Organization', 'Bosch']],
      [['Organization', 'Alibaba']],
      // Inside a person's name, the person.
      [['Person', 'Robert Bosch']],
      [['Organization', 'McKinsey']],
      [['Organization', 'Greenpeace']],
      // The tagger's person, and its miss.
      [
        ['Organization', 'Beatles'],
        ['Organization', 'Rolling Stones'],
      ],
      [
        ['Organization', 'CNN'],
        ['Organization', 'Al Jazeera'],
      ],
      [
        ['Organization', 'Lazard'],
        ['Organization', "Sotheby's"],
      ],
      [
        ['Organization', 'Arthur Andersen'],
        ['Organization', 'Enron'],
      ],
    ]);
  });

  it("keeps only what the caller's selection wants, in the worker: filters, overlap policy, metadata", async () => {
    const text = 'Jane Doe paid $200 on May 21, 2024 for 3 nights at the Hyatt in Seattle.';
    const [all] = await pool.analyze('default', [text]);
    const selection = { overlapPolicy: 'matchLongest', exclusionList: ['Person'], metadata: false } as const;
    const [chosen] = await pool.analyze('default', [text], undefined, { selection });
    const expected = selectEntities(all!, selection).map(({ metadata: _, ...rest }) => rest);
    assert.deepEqual(chosen, expected);
    assert.ok(
      all!.some((e) => e.type === 'Number'),
      'the numbers inside the amount and the date were found',
    );
    assert.ok(!chosen!.some((e) => e.type === 'Number' || e.type === 'Person'));
    assert.ok(chosen!.some((e) => e.type === 'Currency') && chosen!.every((e) => e.metadata === undefined));
    const withMetadata = {
      overlapPolicy: 'allowOverlap',
      inclusionList: ['Quantity'],
      metadata: true,
    } as const;
    const [quantities] = await pool.analyze('default', [text], undefined, { selection: withMetadata });
    assert.deepEqual(quantities, selectEntities(all!, withMetadata));
    assert.ok(quantities!.length >= 3 && quantities!.every((e) => e.metadata !== undefined));
  });

  // Issue 16's target. v3 scored 87.91, v3.1 (v3 with 0.2 of a CoNLL-only companion's word features) 88.33,
  // v3.3 (the same retrained on train + dev, five seeds) 88.60; 88.58 once "Seattle-based" gives Seattle;
  // 88.62 with the well-known companies and names that begin at a sum of money (2026-12-07); 88.56 with the
  // rules of that day's sixth session (MODEL_CARD.md).
  it('scores at least 88.5 F1 on the full CoNLL-2003 test set', async () => {
    assert.ok(existsSync(CONLL_TEST), `${CONLL_TEST} not found: ../shared must sit beside the repository`);
    const result = await evaluateConllFile(CONLL_TEST, async (texts) =>
      (await pool.analyze('default', texts)).map((found) => applyOverlapPolicy(found, 'matchLongest')),
    );
    assert.equal(result.sentences, 3453);
    assert.equal(result.score.overall.gold, 5648);
    // One entity ends inside a CoNLL token, by design: "U.S." of "the U.S.-based MCI", which Azure returns
    // where CoNLL tags the whole word MISC (refine/span-edits.ts nameBeforeSuffix); it counts as wrong.
    assert.equal(result.misaligned, 1);
    assert.ok(result.score.overall.f1 >= 88.5, `test F1 ${result.score.overall.f1.toFixed(2)} < 88.5`);
  });

  const analyze = async (texts: string[]) =>
    (await pool.analyze('default', texts)).map((found) => applyOverlapPolicy(found, 'matchLongest'));

  // Issue 16's target. v2 (every second sentence again in lower case) scored 82.8 and 82.5; v3 (every
  // sentence) 84.3 and 84.0; v3.1 85.04 and 85.07; v3.3 85.05 and 85.05.
  for (const casing of ['lower', 'upper'] as const) {
    it(`keeps at least 85 F1 on CoNLL-2003 test written all in ${casing} case`, async () => {
      const result = await evaluateConllFile(CONLL_TEST, analyze, { casing });
      const f1 = result.score.overall.f1;
      assert.ok(f1 >= 85, `${casing}-cased test F1 ${f1.toFixed(2)} < 85`);
    });
  }

  it('generalises beyond 1996 news: mean F1 of at least 50 over the BTC, WNUT17, SEC filings and GUM tests', async () => {
    const f1s: Record<string, number> = {};
    for (const name of ['btc', 'wnut17', 'sec-filings', 'gum']) {
      const corpus = corpusNamed(name);
      const types = scoredTypes(corpus);
      const result = await evaluateSentences(corpus.read(DATA, 'test'), analyze, { types });
      f1s[name] = result.score.overall.f1;
    }
    const mean = Object.values(f1s).reduce((a, f) => a + f, 0) / 4;
    // The CoNLL-only model of 2026-12-04 scored 30.4 here (issue 16 asks for 8 points more); v3.3 51.46.
    assert.ok(mean >= 50, `mean F1 ${mean.toFixed(2)} < 50 (${JSON.stringify(f1s)})`);
  });
});
