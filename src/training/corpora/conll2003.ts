import { join } from 'node:path';
import { readConll } from '../conll.ts';
import type { Corpus } from './types.ts';

/** CoNLL-2003 English (Reuters news, 1996): PER/ORG/LOC/MISC, fully annotated. */
export const conll2003: Corpus = {
  name: 'conll2003',
  splits: ['train', 'dev', 'test'],
  unscored: [],
  read: (dataDir, split) =>
    readConll(join(dataDir, 'conll2003', `${split}.txt`)).map((s) => ({
      ...s,
      corpus: 'conll2003',
      unannotated: [],
    })),
};
