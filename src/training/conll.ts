import { readFileSync } from 'node:fs';

/** One sentence of a CoNLL-style file: tokens and their IOB2 tags (the last column). */
export interface TaggedSentence {
  readonly tokens: readonly string[];
  readonly tags: readonly string[];
}

/**
 * Reads a CoNLL file (CoNLL-2003: `tok POS chunk NER`, WNUT17: `tok\ttag`). Blank lines end a
 * sentence; `-DOCSTART-` lines are skipped (documents are not needed: this copy has none).
 */
export function readConll(file: string): TaggedSentence[] {
  const sentences: TaggedSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (tokens.length > 0) sentences.push({ tokens, tags });
    tokens = [];
    tags = [];
  };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const fields = line.trim().split(/[ \t]+/);
    if (fields.length < 2 || fields[0] === '') {
      flush();
      continue;
    }
    if (fields[0] === '-DOCSTART-') continue;
    tokens.push(fields[0]!);
    tags.push(fields[fields.length - 1]!);
  }
  flush();
  return sentences;
}

/** The text the service would receive for a sentence: tokens joined by single spaces. */
export function sentenceText(tokens: readonly string[]): { text: string; offsets: [number, number][] } {
  const offsets: [number, number][] = [];
  let pos = 0;
  for (const t of tokens) {
    offsets.push([pos, pos + t.length]);
    pos += t.length + 1;
  }
  return { text: tokens.join(' '), offsets };
}
