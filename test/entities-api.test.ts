/**
 * The entity taxonomy through the real service: the built-in model, the entity pipeline in the
 * worker, and the API's shaping per api-version (category/subcategory; type/tags; metadata),
 * filters, overlap policies and validation against the 2025-11-01 spec.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { call, nerBody, startTestService, type TestService } from './helpers/service.ts';
import { SpecValidator } from './helpers/spec-validator.ts';

const DEFAULT_MODEL = fileURLToPath(new URL('../models/default', import.meta.url));
const LISTS = fileURLToPath(new URL('../models/entities', import.meta.url));
const analyze = (version: string) => `/language/:analyze-text?api-version=${version}`;

interface Entity {
  text: string;
  category: string;
  subcategory?: string;
  type?: string;
  tags?: { name: string; confidenceScore: number }[];
  metadata?: { metadataKind: string } & Record<string, unknown>;
  offset: number;
  length: number;
}

const TRIP =
  'I had a wonderful trip to Seattle last week and paid $200 for a 3-night stay at the Hyatt. ' +
  'The CEO of Contoso, John Smith, will speak at Build 2024 on May 21; write to 1 Microsoft Way, ' +
  'Redmond, WA 98052 or john.smith@contoso.com.';

describe('entity taxonomy through the API', () => {
  let t: TestService;
  const v25 = new SpecValidator('2025-11-01');

  before(async () => {
    t = await startTestService({ args: [`Models:Default=${DEFAULT_MODEL}`, `Entities:Lists=${LISTS}`] });
  });
  after(async () => {
    await t?.close();
  });

  async function entities(version: string, text: string, parameters: object = {}): Promise<Entity[]> {
    const r = await call(t, analyze(version), { body: nerBody([{ id: '1', text }], parameters) });
    assert.equal(r.status, 200, r.text);
    if (version >= '2024-11-01') v25.assertValid(v25.subtype('AnalyzeTextTaskResult', r.json.kind), r.json);
    const found = r.json.results.documents[0].entities as Entity[];
    // Metadata is polymorphic (metadataKind): each one against the schema of its own kind, closed.
    for (const e of found)
      if (e.metadata) v25.assertValid(v25.subtype('BaseMetadata', e.metadata.metadataKind), e.metadata);
    return found;
  }

  it('2023-04-01: category and subcategory only, never Miscellaneous, no overlaps', async () => {
    const found = await entities('2023-04-01', TRIP);
    for (const e of found) {
      assert.deepEqual(
        Object.keys(e).sort(),
        [
          'category',
          'confidenceScore',
          'length',
          'offset',
          'text',
          ...(e.subcategory ? ['subcategory'] : []),
        ].sort(),
      );
      assert.notEqual(e.category, 'Miscellaneous');
    }
    for (let i = 1; i < found.length; i++) {
      assert.ok(
        found[i]!.offset >= found[i - 1]!.offset + found[i - 1]!.length,
        'matchLongest leaves no overlap',
      );
    }
    assert.ok(found.some((e) => e.text === 'john.smith@contoso.com' && e.category === 'Email'));
    assert.ok(found.some((e) => e.text === 'John Smith' && e.category === 'Person'));
  });

  it('2024-11-01: type and tags with the hierarchy; no metadata', async () => {
    const found = await entities('2024-11-01', TRIP);
    const email = found.find((e) => e.category === 'Email')!;
    assert.equal(email.type, 'Email');
    assert.deepEqual(
      email.tags!.map((x) => x.name),
      ['Email'],
    );
    for (const e of found) {
      assert.ok(e.type && e.tags && e.tags.length > 0, JSON.stringify(e));
      assert.equal(e.tags.at(-1)!.name, e.type);
      assert.equal(e.metadata, undefined);
    }
  });

  it('2025-11-01: resolved metadata per Azure schemas (spec-validated), excludeNormalizedValues, allowOverlap', async () => {
    const found = await entities('2025-11-01', TRIP);
    const byText = (t: string) => found.find((e) => e.text === t);
    assert.deepEqual(
      [byText('Seattle')?.type, byText('last week')?.type, byText('$200')?.type, byText('3-night')?.type],
      ['City', 'DateRange', 'Currency', 'Duration'],
    );
    assert.deepEqual(
      byText('Seattle')!.tags!.map((x) => x.name),
      ['Location', 'GPE', 'City'],
    );
    assert.deepEqual(byText('$200')!.metadata, {
      metadataKind: 'CurrencyMetadata',
      value: 200,
      unit: 'Dollar',
      iso4217: 'USD',
    });
    assert.equal(byText('May 21')!.metadata!.metadataKind, 'DateMetadata');
    assert.equal(byText('last week')!.metadata!.metadataKind, 'TemporalSpanMetadata');
    for (const e of [
      byText('CEO'),
      byText('Contoso'),
      byText('Build 2024'),
      byText('1 Microsoft Way, Redmond, WA 98052'),
    ])
      assert.ok(e, JSON.stringify(found.map((x) => x.text)));
    const plain = await entities('2025-11-01', TRIP, { inferenceOptions: { excludeNormalizedValues: true } });
    assert.ok(plain.length === found.length && plain.every((e) => e.metadata === undefined && e.type));
    const all = await entities('2025-11-01', TRIP, { overlapPolicy: { policyKind: 'allowOverlap' } });
    assert.ok(all.length > found.length, 'allowOverlap returns the entities matchLongest leaves out');
    assert.ok(
      all.some((e) => e.text === '200' && e.type === 'Number'),
      'the number inside "$200"',
    );
  });

  it('filters on any tag level; unknown names are a 400 in the Azure envelope, for jobs too', async () => {
    const text = 'Mail bob@example.com, call +1 425 555 0100 or visit https://contoso.com.';
    const all = await entities('2024-11-01', text);
    assert.deepEqual(
      all.map((e) => e.type),
      ['Email', 'PhoneNumber', 'URL'],
    );
    const only = await entities('2024-11-01', text, {
      inclusionList: ['PhoneNumber', 'URL'],
      exclusionList: ['URL'],
    });
    assert.deepEqual(
      only.map((e) => e.type),
      ['PhoneNumber'],
    );
    const older = await entities('2023-04-01', text, { inclusionList: ['PhoneNumber'] });
    assert.equal(older.length, 3, '2023-04-01 knows no inclusionList');

    const bad = await call(t, analyze('2025-11-01'), {
      body: nerBody([{ id: '1', text }], { inclusionList: ['Location', 'Planet'] }),
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.code, 'InvalidRequest');
    assert.equal(bad.json.error.innererror.code, 'InvalidParameterValue');
    assert.match(bad.json.error.innererror.message, /'Planet'/);
    const job = await call(t, '/language/analyze-text/jobs?api-version=2025-11-01', {
      body: {
        analysisInput: { documents: [{ id: '1', text }] },
        tasks: [{ kind: 'EntityRecognition', parameters: { exclusionList: ['Nope'] } }],
      },
    });
    assert.equal(job.status, 400, job.text);
    assert.equal(job.json.error.innererror.code, 'InvalidParameterValue');
  });

  it('Custom NER deployments return their own labels only: no pattern or rule entities', async () => {
    const text = 'Mail bob@example.com or call +1 425 555 0100 on May 21.';
    const submit = await call(t, '/language/analyze-text/jobs?api-version=2023-04-01', {
      body: {
        analysisInput: { documents: [{ id: '1', text }] },
        tasks: [
          { kind: 'CustomEntityRecognition', parameters: { projectName: 'proj', deploymentName: 'prod' } },
          { kind: 'EntityRecognition' },
        ],
      },
    });
    assert.equal(submit.status, 202, submit.text);
    const location = new URL(String(submit.headers['operation-location']));
    let state = await call(t, `${location.pathname}${location.search}`);
    for (let i = 0; i < 400 && !['succeeded', 'failed'].includes(state.json.status); i++) {
      await new Promise((r) => setTimeout(r, 25));
      state = await call(t, `${location.pathname}${location.search}`);
    }
    assert.equal(state.json.status, 'succeeded', state.text);
    const [custom, general] = state.json.tasks.items as {
      results: { documents: { entities: Entity[] }[] };
    }[];
    const customCategories = custom!.results.documents[0]!.entities.map((e) => e.category);
    for (const c of ['Email', 'PhoneNumber', 'DateTime', 'Quantity'])
      assert.ok(!customCategories.includes(c), c);
    const generalCategories = general!.results.documents[0]!.entities.map((e) => e.category);
    assert.ok(generalCategories.includes('Email') && generalCategories.includes('PhoneNumber'));
  });
});
