/**
 * Which rules can start on which token: one hash lookup per word picks the few rules worth calling there,
 * so ordinary prose costs a lookup per token. Within each list, rules keep the order of `RULES`
 * (earlier rules win ties).
 */
import type { Rule, StartRule } from './temporal.ts';
import { wordHash, type Token } from './tokens.ts';

export interface Dispatch {
  /** Rules that can start on a token, or undefined when none can. */
  rulesAt(tok: Token): readonly Rule[] | undefined;
}

export function dispatchOf(rules: readonly StartRule[]): Dispatch {
  const byWord = new Map<string, Rule[]>();
  const onNumber: Rule[] = [];
  const onCompound: Rule[] = [];
  for (const { rule, on } of rules) {
    for (const w of new Set(on.words ?? [])) {
      const list = byWord.get(w);
      if (list) list.push(rule);
      else byWord.set(w, [rule]);
    }
    if (on.number) onNumber.push(rule);
    if (on.compound) onCompound.push(rule);
  }
  // Keyed by the word's hash, which the tokenizer computed: the word is read only on a hit.
  const byHash = new Map<number, { readonly word: string; readonly rules: Rule[] }[]>();
  for (const [word, list] of byWord) {
    const hash = wordHash(word);
    const entries = byHash.get(hash);
    if (entries) entries.push({ word, rules: list });
    else byHash.set(hash, [{ word, rules: list }]);
  }
  return {
    rulesAt(tok) {
      switch (tok.kind) {
        case 'word': {
          const entries = byHash.get(tok.hash);
          if (entries === undefined) return undefined;
          for (const e of entries) if (e.word === tok.lower) return e.rules;
          return undefined;
        }
        case 'number':
          return onNumber;
        case 'compound':
          return onCompound;
        default:
          return undefined;
      }
    },
  };
}
