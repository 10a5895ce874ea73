import { join } from 'node:path';
import { readConll } from '../conll.ts';
import type { Corpus } from './types.ts';

/** WNUT17's types on the CoNLL ones (the mapping its README suggests). */
export const WNUT_TO_CONLL: Readonly<Record<string, string>> = {
  person: 'PER',
  location: 'LOC',
  corporation: 'ORG',
  group: 'ORG',
  product: 'MISC',
  'creative-work': 'MISC',
};

/**
 * WNUT17 emerging entities (social media). Its products and creative works become MISC, but it has
 * no nationalities or events, so MISC is only partly annotated.
 */
export const wnut17: Corpus = {
  name: 'wnut17',
  splits: ['train', 'dev', 'test'],
  unscored: [],
  read: (dataDir, split) =>
    readConll(join(dataDir, 'wnut17', `${split}.txt`)).map((s) => ({
      tokens: s.tokens,
      tags: s.tags.map((t) => (t === 'O' ? t : `${t.slice(0, 2)}${WNUT_TO_CONLL[t.slice(2)] ?? t.slice(2)}`)),
      corpus: 'wnut17',
      unannotated: ['MISC'],
    })),
};
