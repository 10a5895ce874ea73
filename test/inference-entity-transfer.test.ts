import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packEntities, unpackEntities } from '../src/inference/entity-transfer.ts';
import type { RecognizedEntity } from '../src/entities/types.ts';

const taxonomy: RecognizedEntity[] = [
  { start: 0, end: 5, category: 'Person', confidence: 0.98, type: 'Person', modelLabel: 'PER' },
  {
    start: 10,
    end: 17,
    category: 'DateTime',
    subcategory: 'Date',
    confidence: 0.8,
    type: 'Date',
    metadata: { metadataKind: 'DateMetadata', dateValues: [{ timex: 'XXXX-05-21', value: '2026-05-21' }] },
  },
  {
    start: 20,
    end: 24,
    category: 'Quantity',
    subcategory: 'Currency',
    confidence: 0.8,
    type: 'Currency',
    metadata: { metadataKind: 'CurrencyMetadata', value: 200, unit: 'Dollar', iso4217: 'USD' },
  },
  {
    start: 30,
    end: 40,
    category: 'Location',
    subcategory: 'GPE',
    confidence: 0.93,
    type: 'City',
    modelLabel: 'LOC',
  },
];
/** Custom NER: the model's own labels, no type, no metadata. */
const custom: RecognizedEntity[] = [
  { start: 3, end: 9, category: 'Ticket', confidence: 0.71 },
  { start: 12, end: 15, category: 'Ticket', subcategory: 'Urgent', confidence: 0.5 },
];

test('a batch of entities comes back from its packed form as it went in: fields, absent fields, metadata, document order', () => {
  const batch = [taxonomy, [], custom, taxonomy.slice(1, 2)];
  const back = unpackEntities(packEntities(batch));
  assert.deepStrictEqual(back, batch);
  for (const e of back.flat()) {
    // Absent optional fields stay absent (not present as undefined).
    for (const key of ['subcategory', 'type', 'metadata', 'modelLabel'] as const) {
      assert.equal(
        key in e,
        batch.flat().some((o) => o.start === e.start && key in o),
      );
    }
  }
});

test('the packed form is what structured clone copies cheaply: typed arrays, a string table, one JSON text', () => {
  const packed = packEntities([taxonomy, custom]);
  assert.ok(packed.numbers instanceof Float64Array);
  assert.ok(packed.counts instanceof Int32Array);
  assert.deepEqual([...packed.counts], [4, 2]);
  assert.equal(new Set(packed.strings).size, packed.strings.length);
  assert.equal(JSON.parse(packed.metadata).length, 2);
  assert.deepStrictEqual(unpackEntities(structuredClone(packed)), [taxonomy, custom]);
});

test('no documents and documents without entities', () => {
  assert.deepStrictEqual(unpackEntities(packEntities([])), []);
  assert.deepStrictEqual(unpackEntities(packEntities([[], []])), [[], []]);
  assert.equal(packEntities([[], []]).metadata, '');
});

test('a document whose caller wants no metadata leaves it out of the packed form; the others keep theirs', () => {
  const packed = packEntities([taxonomy, taxonomy], (d) => d === 1);
  const [without, withIt] = unpackEntities(packed);
  assert.ok(without!.every((e) => !('metadata' in e)));
  assert.deepStrictEqual(withIt, taxonomy);
  assert.equal(
    JSON.parse(packed.metadata).length,
    2,
    "only the second document's two metadata objects are copied",
  );
});
