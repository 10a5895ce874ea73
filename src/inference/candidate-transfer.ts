import type { EntityType } from '../entities/taxonomy.ts';
import type { Candidate, Metadata } from '../entities/types.ts';
import { type Layout, type Packed, packDocuments, unpackDocuments } from './packing.ts';

/** The rule recognisers' candidates of a batch as their thread posts them to the inference worker (packing.ts). */
export type PackedCandidates = Packed;

const F_START = 0;
const F_END = 1;
const F_CONFIDENCE = 2;
const F_TYPE = 3;
const F_SOURCE = 4;
const F_MODEL_LABEL = 5;
const F_TAGGER = 6;
const F_META = 7;

/** Built field by field (one object shape for every candidate); optional fields only when present. */
interface Unpacked {
  start: number;
  end: number;
  type: EntityType;
  confidence: number;
  source: Candidate['source'];
  metadata?: Metadata;
  modelLabel?: string;
  tagger?: Candidate['tagger'];
}

const CANDIDATE: Layout<Candidate> = {
  fields: 8,
  write(c, numbers, at, tables) {
    numbers[at + F_START] = c.start;
    numbers[at + F_END] = c.end;
    numbers[at + F_CONFIDENCE] = c.confidence;
    numbers[at + F_TYPE] = tables.string(c.type);
    numbers[at + F_SOURCE] = tables.string(c.source);
    numbers[at + F_MODEL_LABEL] = tables.string(c.modelLabel);
    numbers[at + F_TAGGER] = tables.string(c.tagger);
    numbers[at + F_META] = tables.metadata(c.metadata);
  },
  read(numbers, at, strings, metadata) {
    const candidate: Unpacked = {
      start: numbers[at + F_START]!,
      end: numbers[at + F_END]!,
      type: strings[numbers[at + F_TYPE]!] as EntityType,
      confidence: numbers[at + F_CONFIDENCE]!,
      source: strings[numbers[at + F_SOURCE]!] as Candidate['source'],
    };
    const meta = numbers[at + F_META]!;
    if (meta >= 0) candidate.metadata = JSON.parse(metadata(meta)) as Metadata;
    const label = numbers[at + F_MODEL_LABEL]!;
    if (label >= 0) candidate.modelLabel = strings[label];
    const tagger = numbers[at + F_TAGGER]!;
    if (tagger >= 0) candidate.tagger = strings[tagger] as Candidate['tagger'];
    return candidate;
  },
};

export function packCandidates(documents: readonly (readonly Candidate[])[]): PackedCandidates {
  return packDocuments(documents, CANDIDATE);
}

export function unpackCandidates(packed: PackedCandidates): Candidate[][] {
  return unpackDocuments(packed, CANDIDATE);
}
