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

/**
 * Lower-cased words written with a capital inside sentences (not first, not in an all-capitals
 * sentence) at least `minCount` times and in lower case at most a fifth as often.
 */
export function capitalisedWordsOf(sentences: readonly TaggedSentence[], minCount = 2): Set<string> {
  const capital = new Map<string, number>();
  const lower = new Map<string, number>();
  for (const s of sentences) {
    if (!s.tokens.some((t) => /\p{Ll}/u.test(t))) continue;
    s.tokens.forEach((t, i) => {
      if (i === 0 || /^[.!?"':]$/.test(s.tokens[i - 1]!)) return;
      const key = t.toLowerCase();
      if (/^\p{Lu}\p{Ll}/u.test(t)) capital.set(key, (capital.get(key) ?? 0) + 1);
      else if (/^\p{Ll}+$/u.test(t)) lower.set(key, (lower.get(key) ?? 0) + 1);
    });
  }
  return new Set(
    [...capital].filter(([w, c]) => c >= minCount && (lower.get(w) ?? 0) * 5 <= c).map(([w]) => w),
  );
}
