import type { Metadata, RecognizedEntity } from '../entities/types.ts';
import { type Layout, type Packed, packDocuments, unpackDocuments } from './packing.ts';

/** A batch's entities as the worker posts them to the main thread (packing.ts). */
export type PackedEntities = Packed;

/** An entity as the pool answers it. */
export interface PoolEntity extends RecognizedEntity {
  /**
   * In place of `metadata`, where the caller asked for it (`AnalyzeOptions.metadataAsJson`): the
   * metadata's JSON text as the worker wrote it, for a response writer to copy as it is.
   */
  metadataJson?: string;
}

const F_START = 0;
const F_END = 1;
const F_CONFIDENCE = 2;
const F_CATEGORY = 3;
const F_SUBCATEGORY = 4;
const F_TYPE = 5;
const F_MODEL_LABEL = 6;
const F_META = 7;

/** Built field by field (one object shape for every entity); optional fields only when present, as the pipeline does. */
interface Unpacked {
  start: number;
  end: number;
  category: string;
  subcategory?: string;
  confidence: number;
  type?: RecognizedEntity['type'];
  metadata?: Metadata;
  metadataJson?: string;
  modelLabel?: string;
}

/**
 * `withMetadata(d)` false: document `d`'s metadata is left out when packed (its caller does not want
 * it). `asJson(d)` true: document `d`'s metadata is read as its JSON text (`metadataJson`).
 */
function layout(
  withMetadata?: (document: number) => boolean,
  asJson?: (document: number) => boolean,
): Layout<PoolEntity> {
  return {
    fields: 8,
    write(e, numbers, at, tables, document) {
      numbers[at + F_START] = e.start;
      numbers[at + F_END] = e.end;
      numbers[at + F_CONFIDENCE] = e.confidence;
      numbers[at + F_CATEGORY] = tables.string(e.category);
      numbers[at + F_SUBCATEGORY] = tables.string(e.subcategory);
      numbers[at + F_TYPE] = tables.string(e.type);
      numbers[at + F_MODEL_LABEL] = tables.string(e.modelLabel);
      const meta = !withMetadata || withMetadata(document);
      numbers[at + F_META] = meta ? tables.metadata(e.metadata) : -1;
    },
    read(numbers, at, strings, metadata, document) {
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
      if (meta >= 0) {
        if (asJson?.(document)) entity.metadataJson = metadata(meta);
        else entity.metadata = JSON.parse(metadata(meta)) as Metadata;
      }
      const label = numbers[at + F_MODEL_LABEL]!;
      if (label >= 0) entity.modelLabel = strings[label];
      return entity;
    },
  };
}

const ALL_METADATA = layout();

/** `withMetadata(d)` false: document `d`'s metadata is left out (its caller does not want it). */
export function packEntities(
  documents: readonly (readonly RecognizedEntity[])[],
  withMetadata?: (document: number) => boolean,
): PackedEntities {
  return packDocuments(documents, withMetadata ? layout(withMetadata) : ALL_METADATA);
}

/** `asJson(d)` true: document `d`'s entities carry their metadata as JSON text (`metadataJson`). */
export function unpackEntities(
  packed: PackedEntities,
  asJson?: (document: number) => boolean,
): PoolEntity[][] {
  return unpackDocuments(packed, asJson ? layout(undefined, asJson) : ALL_METADATA);
}
