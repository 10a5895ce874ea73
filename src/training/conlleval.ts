/** Entity-level scoring exactly as the CoNLL shared task's `conlleval` (exact span and type). */

export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** Counts for one entity type (or all of them). */
export interface TypeScore {
  readonly type: string;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Score {
  readonly overall: TypeScore;
  readonly perType: readonly TypeScore[];
}

/**
 * Chunks of an IOB2/IOB1 tag sequence as conlleval sees them: a chunk starts at B-X, at I-X after
 * O or after another type, and ends before O, B-*, or a tag of another type.
 */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let open: { start: number; type: string } | undefined;
  const close = (end: number): void => {
    if (open) chunks.push({ start: open.start, end, type: open.type });
    open = undefined;
  };
  tags.forEach((tag, i) => {
    if (tag === 'O' || tag.length < 3) {
      close(i);
      return;
    }
    const prefix = tag[0];
    const type = tag.slice(2);
    if (prefix === 'B' || prefix === 'S' || !open || open.type !== type) {
      close(i);
      open = { start: i, type };
    }
    if (prefix === 'E' || prefix === 'S') close(i + 1);
  });
  close(tags.length);
  return chunks;
}

function typeScore(type: string, gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted > 0 ? (100 * correct) / predicted : 0;
  const recall = gold > 0 ? (100 * correct) / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { type, gold, predicted, correct, precision, recall, f1 };
}

/** Micro P/R/F1 over all sentences, overall and per type. */
export function scoreChunks(gold: readonly Chunk[][], predicted: readonly Chunk[][]): Score {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'predicted' | 'correct'): void => {
    const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    c[key]++;
    counts.set(type, c);
  };
  gold.forEach((g, i) => {
    const p = predicted[i] ?? [];
    const goldKeys = new Set(g.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of g) bump(c.type, 'gold');
    for (const c of p) {
      bump(c.type, 'predicted');
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) bump(c.type, 'correct');
    }
  });
  const perType = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, c]) => typeScore(type, c.gold, c.predicted, c.correct));
  const sum = (k: 'gold' | 'predicted' | 'correct'): number => perType.reduce((a, t) => a + t[k], 0);
  return { overall: typeScore('overall', sum('gold'), sum('predicted'), sum('correct')), perType };
}

/** Markdown table of a score. */
export function formatScore(score: Score): string {
  const row = (t: TypeScore): string =>
    `| ${t.type} | ${t.gold} | ${t.predicted} | ${t.correct} | ${t.precision.toFixed(2)} | ${t.recall.toFixed(2)} | ${t.f1.toFixed(2)} |`;
  return [
    '| type | gold | predicted | correct | precision | recall | F1 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...score.perType.map(row),
    row(score.overall),
  ].join('\n');
}
