import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spansToIob2 } from './iob.ts';
import type { Corpus, CorpusSentence, EntityType } from './types.ts';

interface GumMention {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly proper: boolean;
  readonly head: number;
}

interface GumRecord {
  readonly doc: string;
  readonly tokens: readonly string[];
  readonly upos: readonly string[];
  readonly entities: readonly GumMention[];
}

/** GUM's named-mention types on CoNLL's; the others (time, abstract, substance, ...) are left free. */
const TYPE_MAP: Readonly<Record<string, EntityType>> = {
  person: 'PER',
  place: 'LOC',
  organization: 'ORG',
  event: 'MISC',
  object: 'MISC',
};

/** Lower-case words that may sit inside a name between two name words ("University of Chicago"). */
const NAME_GLUE = new Set(['of', 'the', 'de', 'du', 'la', 'von', 'van', 'and', '&', 'for', 'on']);

/**
 * Named entities of a GUM sentence in CoNLL's style. GUM marks every mention, with determiners and
 * modifiers ("the United States", "NASA Administrator Charles Bolden"); a CoNLL name is the run of
 * name words (proper nouns, and capitalised words inside a named mention, joined by NAME_GLUE words)
 * and takes the type of the outermost named mention that holds the run and its head.
 */
export function gumSentence(r: GumRecord): CorpusSentence {
  const n = r.tokens.length;
  const proper = r.entities.filter((e) => e.proper);
  const insideProper = (i: number): boolean => proper.some((e) => e.start <= i && i < e.end);
  const nameWord = r.tokens.map(
    (t, i) => r.upos[i] === 'PROPN' || (insideProper(i) && /^\p{Lu}/u.test(t) && r.upos[i] !== 'DET'),
  );
  const runs: { start: number; end: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!nameWord[i]) continue;
    let end = i + 1;
    for (;;) {
      if (end < n && nameWord[end]) end++;
      else if (end + 1 < n && NAME_GLUE.has(r.tokens[end]!) && nameWord[end + 1]) end += 2;
      else break;
    }
    runs.push({ start: i, end });
    i = end - 1;
  }
  const spans: { start: number; end: number; type: string }[] = [];
  const free = new Array<boolean>(n).fill(false);
  for (const run of runs) {
    const holders = proper
      .filter((e) => e.start <= run.start && run.end <= e.end && run.start <= e.head && e.head < run.end)
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    const type = holders[0] ? TYPE_MAP[holders[0].type] : undefined;
    if (type) spans.push({ ...run, type });
    // A proper noun no named mention types (or of a type CoNLL may tag MISC): left to the model.
    else for (let i = run.start; i < run.end; i++) free[i] = true;
  }
  return {
    tokens: r.tokens,
    tags: spansToIob2(n, spans),
    free,
    doc: r.doc,
    corpus: 'gum',
    unannotated: ['MISC'],
  };
}

/**
 * GUM (10 genres with commercial-use texts: academic, bio, conversation, court, interview, news, speech,
 * textbook, vlog, voyage), named mentions mapped onto CoNLL's types.
 */
export const gum: Corpus = {
  name: 'gum',
  splits: ['train', 'dev', 'test'],
  unscored: [],
  read: (dataDir, split) =>
    readFileSync(join(dataDir, 'gum', `${split}.jsonl`), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => gumSentence(JSON.parse(line) as GumRecord)),
};
