/**
 * Which rules can start on which token: one hash lookup per word picks the few rules worth calling there,
 * so ordinary prose costs a lookup per token. Within each list, rules keep the order of `RULES`
 * (earlier rules win ties).
 */
import type { Rule, StartRule } from './temporal.ts';
import type { Token } from './tokens.ts';

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
  return {
    rulesAt(tok) {
      switch (tok.kind) {
        case 'word':
          return byWord.get(tok.lower);
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
