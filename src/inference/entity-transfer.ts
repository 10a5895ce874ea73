import type { Metadata, RecognizedEntity } from '../entities/types.ts';

/**
 * A batch's entities as the worker posts them: one Float64Array of numbers, a small table of the
 * strings they name and their metadata as one JSON text. Posting the entity objects themselves costs
 * a structured clone of every object on both threads (a document of the taxonomy holds ~16 entities,
 * half with nested metadata); a typed array is copied whole, and JSON.parse rebuilds the metadata in
 * about half the time the clone's deserializer takes.
 */
export interface PackedEntities {
  /** Entities per document, in document order. */
  readonly counts: Int32Array;
  /** FIELDS numbers per entity (see the `F_` offsets); string fields index `strings`, -1 when absent. */
  readonly numbers: Float64Array;
  readonly strings: readonly string[];
  /** JSON array of the entities' metadata, in entity order (an entity's F_META indexes it). */
  readonly metadata: string;
}

const F_START = 0;
const F_END = 1;
const F_CONFIDENCE = 2;
const F_CATEGORY = 3;
const F_SUBCATEGORY = 4;
const F_TYPE = 5;
const F_MODEL_LABEL = 6;
const F_META = 7;
const FIELDS = 8;

/** Built field by field (one object shape for every entity); optional fields only when present, as the pipeline does. */
interface Unpacked {
  start: number;
  end: number;
  category: string;
  subcategory?: string;
  confidence: number;
  type?: RecognizedEntity['type'];
  metadata?: Metadata;
  modelLabel?: string;
}

/** `withMetadata(d)` false: document `d`'s metadata is left out (its caller does not want it). */
export function packEntities(
  documents: readonly (readonly RecognizedEntity[])[],
  withMetadata?: (document: number) => boolean,
): PackedEntities {
  let total = 0;
  for (const entities of documents) total += entities.length;
  const counts = new Int32Array(documents.length);
  const numbers = new Float64Array(total * FIELDS);
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const metadata: Metadata[] = [];
  const ref = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = indexes.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      indexes.set(s, i);
    }
    return i;
  };
  let at = 0;
  documents.forEach((entities, d) => {
    counts[d] = entities.length;
    const meta = withMetadata ? withMetadata(d) : true;
    for (const e of entities) {
      numbers[at + F_START] = e.start;
      numbers[at + F_END] = e.end;
      numbers[at + F_CONFIDENCE] = e.confidence;
      numbers[at + F_CATEGORY] = ref(e.category);
      numbers[at + F_SUBCATEGORY] = ref(e.subcategory);
      numbers[at + F_TYPE] = ref(e.type);
      numbers[at + F_MODEL_LABEL] = ref(e.modelLabel);
      numbers[at + F_META] = e.metadata === undefined || !meta ? -1 : metadata.push(e.metadata) - 1;
      at += FIELDS;
    }
  });
  return { counts, numbers, strings, metadata: metadata.length > 0 ? JSON.stringify(metadata) : '' };
}

export function unpackEntities(packed: PackedEntities): RecognizedEntity[][] {
  const { counts, numbers, strings } = packed;
  const metadata = packed.metadata === '' ? [] : (JSON.parse(packed.metadata) as Metadata[]);
  const documents: RecognizedEntity[][] = [];
  let at = 0;
  for (let d = 0; d < counts.length; d++) {
    const entities = new Array<RecognizedEntity>(counts[d]!);
    for (let k = 0; k < entities.length; k++, at += FIELDS) {
      const entity: Unpacked = {
        start: numbers[at + F_START]!,
        end: numbers[at + F_END]!,
        category: strings[numbers[at + F_CATEGORY]!]!,
        confidence: numbers[at + F_CONFIDENCE]!,
      };
      const subcategory = numbers[at + F_SUBCATEGORY]!;
      if (subcategory >= 0) entity.subcategory = strings[subcategory];
      const type = numbers[at + F_TYPE]!;
      if (type >= 0) entity.type = strings[type] as RecognizedEntity['type'];
      const meta = numbers[at + F_META]!;
      if (meta >= 0) entity.metadata = metadata[meta];
      const label = numbers[at + F_MODEL_LABEL]!;
      if (label >= 0) entity.modelLabel = strings[label];
      entities[k] = entity;
    }
    documents.push(entities);
  }
  return documents;
}
