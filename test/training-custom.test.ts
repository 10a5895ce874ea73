import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  ProjectValidationError,
  validateProject,
  type LanguageStudioProject,
} from '../src/training/custom/index.ts';
import { summarize } from '../src/training/custom/evaluation.ts';
import { segmentsOf } from '../src/training/custom/segments.ts';
import { labelled, splitDocuments } from '../src/training/custom/split.ts';
import type { DocumentEvaluationResult } from '../src/training/custom/types.ts';
import { prepareProject } from '../src/training/custom/validate.ts';

const FIXTURE = new URL('./fixtures/custom-project/', import.meta.url);

type Label = { category: string; offset: number; length: number };

/** A one-document project over `text`, with the given labels and entity types. */
function project(
  labels: Label[],
  categories = ['Tenant', 'Rent'],
  region?: { regionOffset: number; regionLength: number },
): LanguageStudioProject {
  return {
    projectFileVersion: '2022-05-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: { projectKind: 'CustomEntityRecognition', projectName: 'P', language: 'en' },
    assets: {
      projectKind: 'CustomEntityRecognition',
      entities: categories.map((category) => ({ category })),
      documents: [{ location: 'a.txt', entities: [{ ...region, labels }] }],
    },
  };
}

const TEXT = 'Lease\r\nTenant: Ann Lee\r\nRent: $1,850 per month\r\n';
const at = (s: string, category = 'Tenant'): Label => ({
  category,
  offset: TEXT.indexOf(s),
  length: s.length,
});

function rejects(
  code: string,
  p: unknown,
  texts: ReadonlyMap<string, string> = new Map([['a.txt', TEXT]]),
): string {
  try {
    validateProject(p, texts);
  } catch (err) {
    assert.ok(err instanceof ProjectValidationError, String(err));
    assert.equal(err.code, code, err.message);
    return err.message;
  }
  assert.fail(`expected ${code}`);
}

describe('Custom NER project validation', () => {
  it('accepts the fixture: 40 CRLF documents whose offsets count CRLF as two code units', () => {
    const json = JSON.parse(readFileSync(new URL('labels.json', FIXTURE), 'utf8')) as LanguageStudioProject;
    const texts = new Map(
      json.assets.documents.map((d) => [
        d.location,
        readFileSync(new URL(`documents/${d.location}`, FIXTURE), 'utf8'),
      ]),
    );
    const p = prepareProject(json, texts);
    assert.equal(p.documents.length, 40);
    assert.deepEqual(p.categories, [
      'Landlord',
      'Tenant',
      'PropertyAddress',
      'StartDate',
      'MonthlyRent',
      'SecurityDeposit',
    ]);
    for (const [location, text] of texts) {
      assert.ok(text.includes('\r\n'), location);
      assert.ok(!/[^\r]\n/.test(text), `${location} has a bare LF`);
    }
    // Every label starts and ends on a word; the tokenizer keeps a final period after "00" and "Dublin 8".
    const labels = p.documents.flatMap((d) =>
      d.regions.flatMap((r) => r.labels.map((l) => ({ l, text: d.text }))),
    );
    assert.ok(labels.length >= 40 * 6);
    for (const { l, text } of labels) {
      const s = text.slice(l.offset, l.offset + l.length);
      assert.equal(s.trim(), s, `${l.category} ${JSON.stringify(s)}`);
    }
    assert.ok(p.documents.every((d) => d.snapped.every((s) => s.endsWith('."'))));
  });

  it('maps CRLF-counting offsets onto words, and reports an LF-counting offset as past the end', () => {
    const p = prepareProject(project([at('Ann Lee'), at('$1,850', 'Rent')]), new Map([['a.txt', TEXT]]));
    const doc = p.documents[0]!;
    const tagged = doc.units
      .map((u, i) => [doc.text.slice(u.start, u.end), doc.tags[i]])
      .filter(([, t]) => t !== 'O');
    assert.deepEqual(tagged, [
      ['Ann', 'B-Tenant'],
      ['Lee', 'I-Tenant'],
      ['$1,850', 'B-Rent'],
    ]);
    assert.deepEqual(doc.snapped, []);
    const lf = TEXT.replace(/\r\n/g, '\n');
    const message = rejects(
      'InvalidLabelOffset',
      project([{ category: 'Tenant', offset: 44, length: 5 }]),
      new Map([['a.txt', lf]]),
    );
    assert.match(message, /a\.txt.*past the end.*CRLF counted as 2/);
  });

  it('counts UTF-16 code units: an emoji before a label is two', () => {
    const text = '🏠 Tenant: Zoë Müller';
    const p = prepareProject(
      project([{ category: 'Tenant', offset: 11, length: 10 }]),
      new Map([['a.txt', text]]),
    );
    const doc = p.documents[0]!;
    assert.equal(text.slice(11, 21), 'Zoë Müller');
    assert.deepEqual(doc.tags.slice(-2), ['B-Tenant', 'I-Tenant']);
  });

  it('widens a label that ends inside a word to the whole word and reports it', () => {
    const p = prepareProject(project([at('1,850', 'Rent')]), new Map([['a.txt', TEXT]]));
    assert.deepEqual(p.documents[0]!.snapped, ['a.txt@31+5 Rent "1,850" -> "$1,850"']);
  });

  it('rejects each kind of bad label with its own code', () => {
    assert.match(
      rejects('UnknownCategory', project([at('Ann Lee', 'Landlord')])),
      /"Landlord" is not one of/,
    );
    rejects('InvalidLabelOffset', project([{ category: 'Tenant', offset: -1, length: 3 }]));
    rejects('InvalidLabelOffset', project([{ category: 'Tenant', offset: TEXT.length, length: 1 }]));
    rejects('InvalidLabelLength', project([{ category: 'Tenant', offset: 3, length: 0 }]));
    rejects('InvalidLabelLength', project([{ category: 'Tenant', offset: 3, length: 1.5 }]));
    assert.match(
      rejects(
        'OverlappingLabels',
        project([at('Ann Lee'), { category: 'Rent', offset: TEXT.indexOf('Lee'), length: 8 }]),
      ),
      /Tenant at 15\+7 and Rent at 19\+8 overlap/,
    );
    rejects('OverlappingLabels', project([at('Ann Lee'), at('Ann', 'Rent')]), undefined); // nested
    rejects('EmptyLabel', project([{ category: 'Tenant', offset: 5, length: 2 }])); // the CRLF
    assert.match(
      rejects('LabelsShareWord', project([at('$1,', 'Tenant'), at('850', 'Rent')])),
      /both fall in the word "\$1,850"/,
    );
    rejects(
      'LabelTooLong',
      project([{ category: 'Tenant', offset: 0, length: 501 }]),
      new Map([['a.txt', 'x '.repeat(300)]]),
    );
    rejects(
      'LabelOutsideRegion',
      project([at('$1,850', 'Rent')], undefined, { regionOffset: 0, regionLength: 20 }),
    );
    rejects('InvalidRegion', project([], undefined, { regionOffset: 10, regionLength: TEXT.length }));
  });

  it('rejects bad documents and entity types with their own codes', () => {
    rejects('DocumentNotFound', project([]), new Map());
    rejects('EmptyDocument', project([]), new Map([['a.txt', ' \r\n ']]));
    rejects('DocumentTooLong', project([]), new Map([['a.txt', 'a'.repeat(128_001)]]));
    const twice = project([]);
    twice.assets.documents.push({ ...twice.assets.documents[0]! });
    rejects('DuplicateDocument', twice);
    rejects('NoEntityTypes', project([], []));
    rejects('DuplicateCategory', project([], ['Tenant', 'Tenant']));
    rejects('InvalidCategoryName', project([], ['Monthly Rent']));
    rejects('InvalidCategoryName', project([], ['Rent$']));
    rejects(
      'TooManyEntityTypes',
      project(
        [],
        Array.from({ length: 201 }, (_, i) => `E${i}`),
      ),
    );
    assert.match(rejects('InvalidProject', { ...project([]), stringIndexType: 'Utf8' }), /stringIndexType/);
    assert.match(rejects('InvalidProject', 'nope'), /\(root\)/);
  });
});

describe('Custom NER data split', () => {
  const texts = new Map(Array.from({ length: 10 }, (_, i) => [`d${i}.txt`, `Tenant: Ann Lee ${i}`]));
  const many = (dataset?: (i: number) => 'Train' | 'Test' | undefined): LanguageStudioProject => {
    const p = project([]);
    p.assets.documents = [...texts.keys()].map((location, i) => ({
      location,
      ...(dataset?.(i) ? { dataset: dataset(i)! } : {}),
      entities: i === 9 ? [] : [{ labels: [{ category: 'Tenant', offset: 8, length: 7 }] }],
    }));
    return p;
  };

  it('splits the labelled documents 80/20 with a fixed seed, skipping unlabelled ones', () => {
    const docs = labelled(prepareProject(many(), texts).documents);
    assert.equal(docs.length, 9, 'd9.txt has no labelled region');
    const a = splitDocuments(docs, { kind: 'percentage' }, 1);
    const b = splitDocuments(docs, { kind: 'percentage' }, 1);
    assert.equal(a.test.length, 2);
    assert.deepEqual(
      a.test.map((d) => d.location),
      b.test.map((d) => d.location),
    );
    assert.deepEqual(a.options, {
      kind: 'percentage',
      trainingSplitPercentage: 80,
      testingSplitPercentage: 20,
    });
    const c = splitDocuments(docs, { kind: 'percentage', trainingSplitPercentage: 50 }, 1);
    assert.equal(c.test.length, 5);
  });

  it('honours dataset Test in both kinds; manual needs test documents', () => {
    const docs = labelled(
      prepareProject(
        many((i) => (i < 2 ? 'Test' : 'Train')),
        texts,
      ).documents,
    );
    const manual = splitDocuments(docs, { kind: 'manual' }, 1);
    assert.deepEqual(
      manual.test.map((d) => d.location),
      ['d0.txt', 'd1.txt'],
    );
    assert.equal(manual.train.length, 7);
    const pct = splitDocuments(docs, { kind: 'percentage' }, 1);
    assert.ok(pct.test.some((d) => d.location === 'd0.txt') && pct.test.length === 2 + 1);
    const none = labelled(prepareProject(many(), texts).documents);
    assert.throws(() => splitDocuments(none, { kind: 'manual' }, 1), { code: 'NoTestDocuments' });
    assert.throws(() => splitDocuments(none, { kind: 'percentage', trainingSplitPercentage: 100 }, 1), {
      code: 'InvalidEvaluationOptions',
    });
  });

  it('cuts training sequences at line ends only after enough words, never inside a label', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Line ${i} says hello.`).join('\r\n');
    const p = project([{ category: 'Tenant', offset: 0, length: 4 }]);
    const doc = prepareProject(p, new Map([['a.txt', long]])).documents[0]!;
    const segs = segmentsOf(doc);
    assert.equal(segs[0]!.start, 0);
    assert.equal(segs.at(-1)!.end, doc.units.length);
    for (const s of segs.slice(0, -1)) assert.ok(s.end - s.start >= 24 && s.end - s.start <= 128);
  });
});

describe('Custom NER evaluation (Azure evaluation-metrics.md)', () => {
  // The page's example: Frederick predicted Person (is City), Forrest predicted City (is Person).
  const text =
    'The first party of this contract is John Smith, resident of 5678 Main Rd., City of Frederick, state of Nebraska. ' +
    'And the second party is Forrest Ray, resident of 123-345 Integer Rd., City of Corona, state of New Mexico. ' +
    "There's also Fannie Thomas resident of 7890 River Road, city of Colorado Springs, State of Colorado.";
  const e = (s: string, category: string): Label => ({ category, offset: text.indexOf(s), length: s.length });
  const sorted = (xs: Label[]): Label[] => xs.sort((a, b) => a.offset - b.offset);
  const result: DocumentEvaluationResult = {
    projectKind: 'CustomEntityRecognition',
    location: 'x.txt',
    language: 'en',
    customEntityRecognitionResult: {
      entities: [
        {
          regionOffset: 0,
          regionLength: text.length,
          expectedEntities: sorted([
            e('John Smith', 'Person'),
            e('Frederick', 'City'),
            e('Forrest', 'Person'),
            e('Fannie Thomas', 'Person'),
            e('Colorado Springs', 'City'),
          ]),
          predictedEntities: sorted([
            e('John Smith', 'Person'),
            e('Frederick', 'Person'),
            e('Forrest', 'City'),
            e('Fannie Thomas', 'Person'),
            e('Colorado Springs', 'City'),
          ]),
        },
      ],
    },
  };

  it('scores entities and the model as the page does', () => {
    const s = summarize([result], new Map([['x.txt', text]]));
    const person = s.entities.Person!;
    assert.deepEqual(
      [person.truePositiveCount, person.falsePositiveCount, person.falseNegativeCount],
      [2, 1, 1],
    );
    assert.equal(person.precision.toFixed(2), '0.67');
    assert.equal(s.entities.City!.f1, 0.5);
    assert.equal(s.microPrecision, 0.6);
    assert.equal(s.microRecall, 0.6);
    assert.ok(Math.abs(s.microF1 - 0.6) < 1e-12);
    assert.ok(Math.abs(s.macroF1 - (2 / 3 + 0.5) / 2) < 1e-12);
  });

  it('fills the confusion matrix by entity, the text between entities as $none', () => {
    const m = summarize([result], new Map([['x.txt', text]])).confusionMatrix;
    assert.deepEqual(m.Person!.Person!.rawValue, 2);
    assert.deepEqual(m.Person!.City!.rawValue, 1);
    assert.deepEqual(m.City!.Person!.rawValue, 1);
    assert.equal(m.City!.City!.normalizedValue, 50);
    assert.equal(m.$none!.$none!.rawValue, 6, 'six stretches of text around the five entities');
  });
});
