import { btc } from './btc.ts';
import { conll2003 } from './conll2003.ts';
import { gum } from './gum.ts';
import { re3d } from './re3d.ts';
import { secFilings } from './sec-filings.ts';
import type { Corpus, EntityType } from './types.ts';
import { wnut17 } from './wnut17.ts';

export type { Corpus, CorpusSentence, EntityType, Split } from './types.ts';
export { WNUT_TO_CONLL } from './wnut17.ts';

/** Every corpus of ../shared/data the builtin model trains or is scored on, by name. */
export const CORPORA: Readonly<Record<string, Corpus>> = Object.fromEntries(
  [conll2003, btc, wnut17, secFilings, re3d, gum].map((c) => [c.name, c]),
);

export function corpusNamed(name: string): Corpus {
  const corpus = CORPORA[name];
  if (!corpus) throw new Error(`unknown corpus "${name}": use one of ${Object.keys(CORPORA).join(', ')}`);
  return corpus;
}

/** The types a corpus's scores count: all four but those it has no annotation of (BTC: MISC). */
export function scoredTypes(corpus: Corpus): EntityType[] {
  return (['PER', 'ORG', 'LOC', 'MISC'] as const).filter((t) => !corpus.unscored.includes(t));
}
