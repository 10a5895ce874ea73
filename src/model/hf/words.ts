import type { Unit } from '../types.ts';

/**
 * BERT-style pre-tokenisation with offsets: runs of letters/marks/digits are words, every other
 * non-space character (punctuation, symbols) and every CJK ideograph is a word of its own.
 */
const WORD =
  /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

export interface Word extends Unit {
  /** Subword ids of the word, without special tokens. */
  readonly ids: readonly number[];
}

export function splitWords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
