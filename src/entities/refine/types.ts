import type { Candidate } from '../types.ts';

export type ModelLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A span the CoNLL tagger found, before it has an Azure type. Offsets are UTF-16 units into the text. */
export interface ModelSpan {
  readonly start: number;
  readonly end: number;
  readonly label: ModelLabel;
  readonly confidence: number;
}

/** Gives a model span its finest Azure type (source `model`), or undefined to drop it. */
export type Refiner = (text: string, span: ModelSpan) => Candidate | undefined;

/**
 * The candidate a refined model span becomes: its characters (to `end`, where a rule took in more or
 * less) with `type`. Built field by field in one order: every candidate has one object shape, on a hot
 * path.
 */
export function modelCandidate(span: ModelSpan, type: Candidate['type'], end = span.end): Candidate {
  return { start: span.start, end, type, confidence: span.confidence, source: 'model' };
}
