import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tokenizeWords } from '../../src/model/builtin/tokenizer.ts';
import { Rng } from '../../src/training/rng.ts';
import type { TextSource } from './sources.ts';

/** What one source gave to the corpus. */
export interface SourceCount {
  readonly name: string;
  readonly paragraphs: number;
  readonly tokens: number;
}

export interface Corpus {
  readonly lines: number;
  readonly tokens: number;
  readonly perSource: readonly SourceCount[];
  /** How often each token occurs in the corpus (case kept, digits folded). */
  readonly counts: ReadonlyMap<string, number>;
}

/** A paragraph as the featurizer sees its words: builtin tokenizer, every digit folded to 0. */
export function tokenLine(paragraph: string): string[] {
  return tokenizeWords(paragraph).map((u) => paragraph.slice(u.start, u.end).replace(/\d/g, '0'));
}

/**
 * Tokenizes every source into one line per paragraph, drops repeated lines (navigation, boilerplate,
 * retweets), shuffles the lines with a seeded PRNG (so no source is learned only at fastText's
 * lowest learning rate) and writes them to `file`, tokens separated by single spaces.
 */
export async function writeCorpus(
  sources: readonly TextSource[],
  file: string,
  seed: number,
  log: (msg: string) => void,
): Promise<Corpus> {
  const seen = new Set<string>();
  const lines: string[] = [];
  const perSource: SourceCount[] = [];
  const counts = new Map<string, number>();
  for (const source of sources) {
    let paragraphs = 0;
    let tokens = 0;
    for (const paragraph of source.paragraphs()) {
      const words = tokenLine(paragraph);
      if (words.length < 3) continue; // headings, table cells, list markers: no context to learn from
      const line = words.join(' ');
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
      paragraphs++;
      tokens += words.length;
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    perSource.push({ name: source.name, paragraphs, tokens });
    log(`  ${source.name}: ${paragraphs} paragraphs, ${tokens} tokens`);
  }
  new Rng(seed).shuffle(lines);
  const out = createWriteStream(file);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const tokens = perSource.reduce((sum, s) => sum + s.tokens, 0);
  return { lines: lines.length, tokens, perSource, counts };
}
