import type { Gazetteer } from '../model/builtin/gazetteer.ts';
import { chunksOf } from './conlleval.ts';
import type { TaggedSentence } from './conll.ts';

/** Entity names of the given (training) sentences, labelled `tr:<TYPE>`. */
export function addTrainingEntities(g: Gazetteer, sentences: readonly TaggedSentence[]): Gazetteer {
  for (const s of sentences) {
    for (const c of chunksOf(s.tags)) g.add(s.tokens.slice(c.start, c.end).join(' '), `tr:${c.type}`);
  }
  return g;
}

/** Lower-case words that occur in lower case at least `minCount` times in the (training) sentences. */
export function commonWordsOf(sentences: readonly TaggedSentence[], minCount = 2): Set<string> {
  const counts = new Map<string, number>();
  for (const s of sentences) {
    for (const t of s.tokens) if (/^\p{Ll}+$/u.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, c]) => c >= minCount).map(([w]) => w));
}
