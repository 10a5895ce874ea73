import type { Candidate } from './types.ts';

export type ModelLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A span the tagger found, before it has an Azure type. */
export interface ModelSpan {
  readonly start: number;
  readonly end: number;
  readonly label: ModelLabel;
  readonly confidence: number;
}

/** Gives a model span its finest Azure type, or undefined to drop it. */
export type Refiner = (text: string, span: ModelSpan) => Candidate | undefined;

const COARSE = { PER: 'Person', ORG: 'Organization', LOC: 'Location' } as const;

/** Without name lists: the coarse type of each label; MISC has none. */
export const defaultRefiner: Refiner = (_text, span) =>
  span.label === 'MISC'
    ? undefined
    : {
        start: span.start,
        end: span.end,
        type: COARSE[span.label],
        confidence: span.confidence,
        source: 'model',
      };
