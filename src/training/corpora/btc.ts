import { join } from 'node:path';
import { readConll } from '../conll.ts';
import type { Corpus } from './types.ts';

/** Broad Twitter Corpus: tweets, PER/ORG/LOC only (no MISC: such names are `O` there). */
export const btc: Corpus = {
  name: 'btc',
  splits: ['train', 'dev', 'test'],
  unscored: ['MISC'],
  read: (dataDir, split) =>
    readConll(join(dataDir, 'btc', `${split}.txt`)).map((s) => ({
      ...s,
      corpus: 'btc',
      unannotated: ['MISC'],
    })),
};
