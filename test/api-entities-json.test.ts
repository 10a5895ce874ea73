import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RICH_SENTENCES, SENTENCES } from '../bench/documents.ts';
import { writeEntities } from '../src/api/entities-json.ts';
import { entityOutputOptions, PLAIN_OUTPUT } from '../src/api/entity-options.ts';
import { recognizeEntities, recognizeEntitiesJson, type RecognizeOptions } from '../src/api/recognize.ts';
import { EntitiesParametersSchema } from '../src/api/schemas.ts';
import type { InferencePool, PoolEntity } from '../src/inference/pool.ts';
import { startDefaultPool } from './helpers/default-pool.ts';
import { offsetConverter, type StringIndexType } from '../src/text/string-index.ts';

// The synchronous routes write their answer's JSON text straight from the pool's entities
// (recognizeEntitiesJson, entities-json.ts); the jobs build objects (recognizeEntities) that
// JSON.stringify writes later. Both must give the caller the same bytes.

const TEXTS = [
  ...RICH_SENTENCES,
  ...SENTENCES,
  'Quote "Satya Nadella" said \\ back\tslash on 5/21 at 3pm; \u0001 control.',
  'Families 👩‍👩‍👧 in Paris paid €30 on Monday, 🇫🇷 2 km from the Louvre.',
  'Zürich café: Ægir bought 3½ kg of 日本 tea for $12.50 on 1 March 2024.',
];

const OUTPUTS = {
  '2023-04-01': entityOutputOptions('2023-04-01', EntitiesParametersSchema.parse({})),
  '2024-11-01': entityOutputOptions('2024-11-01', EntitiesParametersSchema.parse({})),
  '2025-11-01': entityOutputOptions('2025-11-01', EntitiesParametersSchema.parse({})),
  '2025-11-01 allowOverlap, Quantity and Location only': entityOutputOptions(
    '2025-11-01',
    EntitiesParametersSchema.parse({
      overlapPolicy: { policyKind: 'allowOverlap' },
      inclusionList: ['Quantity', 'Location'],
    }),
  ),
  '2025-11-01 excludeNormalizedValues': entityOutputOptions(
    '2025-11-01',
    EntitiesParametersSchema.parse({ inferenceOptions: { excludeNormalizedValues: true } }),
  ),
};

describe('the synchronous routes write the same JSON text JSON.stringify gives of the objects', () => {
  let pool: InferencePool;
  before(async () => {
    pool = await startDefaultPool();
  });
  after(async () => {
    await pool?.close();
  });

  const documents = [
    ...TEXTS.map((text, i) => ({ id: `doc "${i}"`, text, language: 'en' })),
    { id: 'empty', text: '  ', language: 'en' },
    { id: 'french', text: 'Bonjour Paris', language: 'fr' },
  ];

  for (const [name, output] of Object.entries(OUTPUTS)) {
    for (const stringIndexType of ['Utf16CodeUnit', 'TextElements_v8', 'UnicodeCodePoint'] as const) {
      it(`${name}, ${stringIndexType}, with and without statistics`, async () => {
        for (const showStats of [false, true]) {
          const opts: RecognizeOptions = {
            model: 'default',
            languages: ['en'],
            defaultLanguage: 'en',
            stringIndexType,
            showStats,
            maxTextElements: 5120,
            output,
          };
          const objects = await recognizeEntities(pool, documents, opts);
          const json = await recognizeEntitiesJson(pool, documents, opts, '2025-11-01');
          assert.equal(json, JSON.stringify({ ...objects, modelVersion: '2025-11-01' }));
          assert.equal(objects.errors.length, 2);
          assert.ok(objects.documents.every((d) => d.entities.length > 0));
          if (output.resolvedMetadata)
            assert.ok(objects.documents.some((d) => d.entities.some((e) => e.metadata !== undefined)));
        }
      });
    }
  }
});

describe('writeEntities', () => {
  const text = 'Ticket "A\\1" from 🙂 Zoë';
  const zoe = text.indexOf('Zoë');
  const conv = (type: StringIndexType) => offsetConverter(text, type);

  it("writes a Custom NER model's own labels as they are, quotes and all", () => {
    const custom: PoolEntity[] = [
      { start: 0, end: 12, category: 'Ticket "id"', confidence: 0.71 },
      { start: zoe, end: zoe + 3, category: 'Name\\Label', subcategory: 'Ünï', confidence: 1 },
    ];
    assert.deepEqual(JSON.parse(writeEntities(text, custom, conv('Utf16CodeUnit'), PLAIN_OUTPUT)), [
      { text: 'Ticket "A\\1"', category: 'Ticket "id"', offset: 0, length: 12, confidenceScore: 0.71 },
      {
        text: 'Zoë',
        category: 'Name\\Label',
        subcategory: 'Ünï',
        offset: zoe,
        length: 3,
        confidenceScore: 1,
      },
    ]);
    // Offsets in text elements: the emoji is one.
    const [, name] = JSON.parse(writeEntities(text, custom, conv('TextElements_v8'), PLAIN_OUTPUT)) as {
      offset: number;
    }[];
    assert.equal(name!.offset, zoe - 1);
  });

  it('writes type and tags from the taxonomy, and metadata as the worker wrote it or from its object', () => {
    const output = entityOutputOptions('2025-11-01', EntitiesParametersSchema.parse({}));
    const entities: PoolEntity[] = [
      {
        start: 0,
        end: 6,
        category: 'Quantity',
        subcategory: 'Number',
        type: 'Number',
        confidence: 0.8,
        metadataJson: '{"metadataKind":"NumberMetadata","numberKind":"Integer","value":1}',
      },
      {
        start: 7,
        end: 12,
        category: 'Quantity',
        subcategory: 'Number',
        type: 'Number',
        confidence: 0.8,
        metadata: { metadataKind: 'NumberMetadata', numberKind: 'Integer', value: 2 },
      },
      { start: zoe, end: zoe + 3, category: 'Person', type: 'Person', confidence: 0.9 },
    ];
    const written = JSON.parse(writeEntities(text, entities, conv('Utf16CodeUnit'), output)) as {
      type: string;
      tags: { name: string }[];
      metadata?: { value: number };
    }[];
    assert.deepEqual(
      written.map((e) => [e.type, e.tags.map((t) => t.name).join('/'), e.metadata?.value]),
      [
        ['Number', 'Numeric/Quantity/Number', 1],
        ['Number', 'Numeric/Quantity/Number', 2],
        ['Person', 'Person', undefined],
      ],
    );
    const without = entityOutputOptions(
      '2025-11-01',
      EntitiesParametersSchema.parse({ inferenceOptions: { excludeNormalizedValues: true } }),
    );
    assert.ok(!writeEntities(text, entities, conv('Utf16CodeUnit'), without).includes('metadata'));
  });
});
