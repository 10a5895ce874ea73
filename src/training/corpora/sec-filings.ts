import { join } from 'node:path';
import { readConll } from '../conll.ts';
import { ioToIob2 } from './iob.ts';
import type { Corpus } from './types.ts';

/**
 * Role words this corpus tags PER because they name a party ("the Borrower"): not person names in
 * CoNLL or Azure (Azure would call them a PersonType), so they become `O`.
 */
const PARTY_ROLES = new Set(['borrower', 'borrowers', 'lender', 'lenders', 'guarantor', 'guarantors']);

/** SEC filings (loan agreements): CoNLL types as IO tags; party role words relabelled `O`. */
export const secFilings: Corpus = {
  name: 'sec-filings',
  splits: ['train', 'test'],
  unscored: [],
  read: (dataDir, split) =>
    readConll(join(dataDir, 'sec-filings', `${split}.txt`)).map((s) => ({
      tokens: s.tokens,
      tags: ioToIob2(
        s.tags.map((t, i) => (t === 'I-PER' && PARTY_ROLES.has(s.tokens[i]!.toLowerCase()) ? 'O' : t)),
      ),
      corpus: 'sec-filings',
      // Few MISC names (14 tokens), but tagged where there are some: the capitalised defined terms of
      // a contract ("the Loan Agreement", "Event of Default") are not names, and the model must learn so.
      unannotated: [],
    })),
};
