import type { RecognizedEntity } from '../entities/types.ts';
import { chunksOf, scoreChunks, type Chunk, type Score } from './conlleval.ts';
import { readConll, sentenceText, type TaggedSentence } from './conll.ts';

/**
 * API categories back to CoNLL types: the categories a MISC name is re-categorised into (Event,
 * Product, Skill) count as MISC. Categories CoNLL does not annotate (DateTime, Quantity, PersonType,
 * Address, Email, URL, IP, PhoneNumber) are not scored.
 */
export const CATEGORY_TO_TYPE: Readonly<Record<string, string>> = {
  Person: 'PER',
  Organization: 'ORG',
  Location: 'LOC',
  Miscellaneous: 'MISC',
  Event: 'MISC',
  Product: 'MISC',
  Skill: 'MISC',
};

/**
 * The CoNLL type an entity is scored as: a name the tagger labelled MISC counts as MISC whatever the
 * pipeline re-categorised it into (a league that became OrganizationSports, a tournament that became a
 * SportsEvent); every other entity by its category.
 */
function conllType(e: RecognizedEntity): string | undefined {
  return e.modelLabel === 'MISC' ? 'MISC' : CATEGORY_TO_TYPE[e.category];
}

export interface EvaluateOptions {
  /** Re-case every token before analysis (robustness check). */
  readonly casing?: 'as-is' | 'lower' | 'upper';
  /** Types scored (a corpus's annotated types); all when absent. */
  readonly types?: readonly string[];
  /** Use only the first `limit` sentences. */
  readonly limit?: number;
  /**
   * Send each document's sentences as one text, one sentence per line (where sentences carry a `doc`:
   * GUM), so the pipeline sees a name's other mentions; scored per sentence as ever.
   */
  readonly documents?: boolean;
}

export interface FileEvaluation {
  readonly score: Score;
  readonly sentences: number;
  readonly tokens: number;
  /** Predicted entities whose edges fall inside a token (they count as wrong). */
  readonly misaligned: number;
  /**
   * Entities of categories CoNLL does not annotate (DateTime, Quantity, Email, ...): counted here
   * and left out of the score (where they won over a model entity they still replace it, as in the
   * server's output).
   */
  readonly unscoredEntities: number;
  readonly seconds: number;
}

/** Scores a CoNLL file through `analyze` (see evaluateSentences). */
export function evaluateConllFile(
  file: string,
  analyze: (texts: string[]) => Promise<RecognizedEntity[][]>,
  opts: EvaluateOptions = {},
): Promise<FileEvaluation> {
  return evaluateSentences(readConll(file), analyze, opts);
}

/**
 * Scores tagged sentences through `analyze` (the server's inference path): every sentence becomes one
 * text (tokens joined by spaces), the returned entity spans are mapped back onto token indices and
 * scored like conlleval.
 */
export async function evaluateSentences(
  all: readonly (TaggedSentence & { readonly doc?: string })[],
  analyze: (texts: string[]) => Promise<RecognizedEntity[][]>,
  opts: EvaluateOptions = {},
): Promise<FileEvaluation> {
  let sentences = all;
  if (opts.limit !== undefined) sentences = sentences.slice(0, opts.limit);
  const recase = (t: string): string =>
    opts.casing === 'lower' ? t.toLowerCase() : opts.casing === 'upper' ? t.toUpperCase() : t;
  const docs = sentences.map((s) => sentenceText(s.tokens.map(recase)));
  const began = Date.now();
  const predictedSpans = opts.documents
    ? await analyzeByDocument(sentences, docs, analyze)
    : await analyze(docs.map((d) => d.text));
  const seconds = (Date.now() - began) / 1000;

  const inScore = (c: Chunk): boolean => !opts.types || opts.types.includes(c.type);
  let misaligned = 0;
  let unscoredEntities = 0;
  const predicted: Chunk[][] = docs.map((doc, i) => {
    const starts = new Map(doc.offsets.map(([s], k) => [s, k]));
    const ends = new Map(doc.offsets.map(([, e], k) => [e, k]));
    const spans = predictedSpans[i] ?? [];
    const scored = spans.filter((span) => conllType(span) !== undefined);
    unscoredEntities += spans.length - scored.length;
    return scored
      .map((span) => {
        const type = conllType(span)!;
        const first = starts.get(span.start);
        const last = ends.get(span.end);
        if (first === undefined || last === undefined) {
          misaligned++;
          return { start: -1, end: -1, type }; // matches no gold chunk
        }
        return { start: first, end: last + 1, type };
      })
      .filter(inScore);
  });
  const gold = sentences.map((s) => chunksOf(s.tags).filter(inScore));
  return {
    score: scoreChunks(gold, predicted),
    sentences: sentences.length,
    tokens: sentences.reduce((a, s) => a + s.tokens.length, 0),
    misaligned,
    unscoredEntities,
    seconds,
  };
}

/**
 * Entities of each sentence, found with the sentences of one document (consecutive sentences with the
 * same `doc`) sent as one text, a line each; offsets back relative to each sentence. An entity that
 * runs over a line's end is left out.
 */
async function analyzeByDocument(
  sentences: readonly { readonly doc?: string }[],
  docs: readonly { readonly text: string }[],
  analyze: (texts: string[]) => Promise<RecognizedEntity[][]>,
): Promise<RecognizedEntity[][]> {
  const groups: number[][] = [];
  sentences.forEach((s, i) => {
    const last = groups.at(-1);
    if (last && s.doc !== undefined && sentences[last[0]!]!.doc === s.doc) last.push(i);
    else groups.push([i]);
  });
  const found = await analyze(groups.map((g) => g.map((i) => docs[i]!.text).join('\n')));
  const out: RecognizedEntity[][] = sentences.map(() => []);
  groups.forEach((g, k) => {
    let base = 0;
    const bases = g.map((i) => {
      const at = base;
      base += docs[i]!.text.length + 1;
      return at;
    });
    for (const e of found[k] ?? []) {
      const j = bases.findLastIndex((b) => b <= e.start);
      const i = g[j]!;
      if (e.end - bases[j]! > docs[i]!.text.length) continue;
      out[i]!.push({ ...e, start: e.start - bases[j]!, end: e.end - bases[j]! });
    }
  });
  return out;
}
