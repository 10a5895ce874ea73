import { join } from 'node:path';
import { chunksOf } from '../conlleval.ts';
import { readConll } from '../conll.ts';
import type { Corpus, EntityType } from './types.ts';

/** re3d types that are names in CoNLL's sense when they are written as names. */
const NAME_TYPES: Readonly<Record<string, EntityType>> = {
  Person: 'PER',
  Organisation: 'ORG',
  Location: 'LOC',
  Nationality: 'MISC',
  DocumentReference: 'MISC',
  MilitaryPlatform: 'MISC',
  Weapon: 'MISC',
};

/** A mention written as a name: it starts with a capital letter or a digit and is no pronoun. */
const PRONOUNS = new Set([
  'he',
  'she',
  'it',
  'we',
  'they',
  'i',
  'you',
  'his',
  'her',
  'its',
  'our',
  'their',
  'us',
]);
const isName = (tokens: readonly string[]): boolean =>
  /^[\p{Lu}\d]/u.test(tokens[0]!) && !PRONOUNS.has(tokens[0]!.toLowerCase()) && tokens[0] !== 'The';

/**
 * re3d (defence and security reports, BBC sentences removed). It tags every mention, pronouns and
 * descriptions included ("the minister", "we"), and types CoNLL does not tag (Temporal, Quantity, Money).
 * Mentions written as names keep their type (mapped onto CoNLL's); Temporal, Quantity and Money become
 * `O`; descriptions and pronouns become free tokens, since CoNLL would tag a name inside some of them.
 */
export const re3d: Corpus = {
  name: 're3d',
  splits: ['train', 'test'],
  unscored: [],
  read: (dataDir, split) =>
    readConll(join(dataDir, 're3d', `${split}.txt`)).map((s) => {
      const tags = new Array<string>(s.tokens.length).fill('O');
      const free = new Array<boolean>(s.tokens.length).fill(false);
      for (const c of chunksOf(s.tags)) {
        const type = NAME_TYPES[c.type];
        if (!type) continue;
        if (isName(s.tokens.slice(c.start, c.end))) {
          for (let i = c.start; i < c.end; i++) tags[i] = `${i === c.start ? 'B' : 'I'}-${type}`;
        } else {
          for (let i = c.start; i < c.end; i++) free[i] = true;
        }
      }
      return { tokens: s.tokens, tags, free, corpus: 're3d', unannotated: [] };
    }),
};
