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

test('the packed form is what structured clone copies cheaply: typed arrays, a string table, one string of JSON texts', () => {
  const packed = packEntities([taxonomy, custom]);
  assert.ok(packed.numbers instanceof Float64Array);
  assert.ok(packed.counts instanceof Int32Array);
  assert.deepEqual([...packed.counts], [4, 2]);
  assert.equal(new Set(packed.strings).size, packed.strings.length);
  assert.deepEqual([...packed.metadataEnds], [packed.metadataEnds[0], packed.metadata.length]);
  assert.deepEqual(
    JSON.parse(
      `[${packed.metadata.slice(0, packed.metadataEnds[0])},${packed.metadata.slice(packed.metadataEnds[0])}]`,
    ),
    [taxonomy[1]!.metadata, taxonomy[2]!.metadata],
  );
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
  assert.equal(packed.metadataEnds.length, 2, "only the second document's two metadata objects are copied");
});

test("a document whose caller takes metadata as JSON text gets the worker's text, not parsed; the others get objects", () => {
  const packed = packEntities([taxonomy, taxonomy]);
  const [asText, asObjects] = unpackEntities(packed, (d) => d === 0);
  assert.deepStrictEqual(asObjects, taxonomy);
  assert.deepStrictEqual(
    asText,
    taxonomy.map(({ metadata, ...rest }) =>
      metadata ? { ...rest, metadataJson: JSON.stringify(metadata) } : rest,
    ),
  );
});

test('metadata texts whose ends disagree with them are refused', () => {
  const packed = packEntities([taxonomy]);
  assert.throws(() => unpackEntities({ ...packed, metadata: packed.metadata + ' ' }), RangeError);
  assert.throws(() => unpackEntities({ ...packed, metadataEnds: new Int32Array(0) }), RangeError);
});
