/**
 * Scoring of entity predictions against gold annotations in Azure's taxonomy: precision, recall and F1
 * per type, per category and per (category, subcategory), with exact span matching (the headline) and
 * a partial-overlap variant, plus metadata agreement on exactly matched spans. Pure functions only.
 */
import { isEntityType, typeInfo } from '../entities/taxonomy.ts';

/** One annotated entity; offsets are UTF-16 code units. */
export interface GoldEntity {
  readonly offset: number;
  readonly length: number;
  /** Finest Azure type (`City`, `Date`, ...); absent in sets annotated in categories only. */
  readonly type?: string;
  /** Set where there is no `type` (Azure's answers at api-versions before 2024-11-01). */
  readonly category?: string;
  readonly subcategory?: string;
  /** Only the facets the annotator found unambiguous (see `metadataFacets`). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** A span Azure may or may not return: neither a miss when absent nor a false positive when found. */
  readonly optional?: boolean;
}

/** One entity a system returned. */
export interface PredictedEntity {
  readonly offset: number;
  readonly length: number;
  readonly type: string;
  readonly category: string;
  readonly subcategory?: string;
  readonly metadata?: unknown;
}

export interface ScoredDocument {
  readonly gold: readonly GoldEntity[];
  readonly predicted: readonly PredictedEntity[];
}

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LevelScore {
  readonly overall: Counts;
  readonly byLabel: Readonly<Record<string, Counts>>;
}

export interface FacetAgreement {
  readonly agree: number;
  readonly total: number;
}

export interface TaxonomyScore {
  readonly documents: number;
  readonly exact: {
    readonly type: LevelScore;
    readonly category: LevelScore;
    readonly subcategory: LevelScore;
  };
  readonly partial: {
    readonly type: LevelScore;
    readonly category: LevelScore;
    readonly subcategory: LevelScore;
  };
  /** Per metadata facet, over gold entities with that facet whose span and type were matched exactly. */
  readonly metadata: Readonly<Record<string, FacetAgreement>>;
}

/** A span with the label it is scored under at one level. */
interface LabeledSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

export function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Category and subcategory of a gold entity: its own, or those of its type in Azure's taxonomy. */
export function goldCategory(g: GoldEntity): { category: string; subcategory?: string } {
  if (g.category !== undefined) {
    return g.subcategory !== undefined
      ? { category: g.category, subcategory: g.subcategory }
      : { category: g.category };
  }
  const type = g.type ?? '';
  if (!isEntityType(type)) return { category: type };
  const info = typeInfo(type);
  return info.subcategory !== undefined
    ? { category: info.category, subcategory: info.subcategory }
    : { category: info.category };
}

export type Level = 'type' | 'category' | 'subcategory';

function goldLabel(g: GoldEntity, level: Level): string {
  const { category, subcategory } = goldCategory(g);
  if (level === 'type') return g.type ?? subcategory ?? category;
  if (level === 'category') return category;
  return subcategory !== undefined ? `${category}/${subcategory}` : category;
}

function predictedLabel(p: PredictedEntity, level: Level): string {
  if (level === 'type') return p.type;
  if (level === 'category') return p.category;
  return p.subcategory !== undefined ? `${p.category}/${p.subcategory}` : p.category;
}

const spanOf = (e: { offset: number; length: number }, label: string): LabeledSpan => ({
  start: e.offset,
  end: e.offset + e.length,
  label,
});

/** Predictions left once those on an optional gold span are set aside. */
function scoredPredictions(doc: ScoredDocument): PredictedEntity[] {
  const optional = new Set(doc.gold.filter((g) => g.optional).map((g) => `${g.offset}:${g.length}`));
  return doc.predicted.filter((p) => !optional.has(`${p.offset}:${p.length}`));
}

type Matcher = (gold: LabeledSpan, predicted: LabeledSpan) => boolean;

const exactMatch: Matcher = (g, p) => g.start === p.start && g.end === p.end && g.label === p.label;
const overlapMatch: Matcher = (g, p) => g.start < p.end && p.start < g.end && g.label === p.label;

class Tally {
  private readonly byLabel = new Map<string, { tp: number; fp: number; fn: number }>();

  add(label: string, field: 'tp' | 'fp' | 'fn'): void {
    let c = this.byLabel.get(label);
    if (!c) this.byLabel.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    c[field]++;
  }

  result(): LevelScore {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const byLabel: Record<string, Counts> = {};
    for (const label of [...this.byLabel.keys()].sort()) {
      const c = this.byLabel.get(label)!;
      byLabel[label] = counts(c.tp, c.fp, c.fn);
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return { overall: counts(tp, fp, fn), byLabel };
  }
}

/**
 * One-to-one matching of gold and predicted spans of one document (greedy, gold in text order, each
 * gold taking the first unused prediction that matches). Returns, for each gold, the index of its
 * prediction or -1.
 */
export function matchSpans(
  gold: readonly LabeledSpan[],
  predicted: readonly LabeledSpan[],
  match: Matcher,
): number[] {
  const used = new Array<boolean>(predicted.length).fill(false);
  return gold.map((g) => {
    const i = predicted.findIndex((p, j) => !used[j] && match(g, p));
    if (i >= 0) used[i] = true;
    return i;
  });
}

function scoreLevel(docs: readonly ScoredDocument[], level: Level, match: Matcher): LevelScore {
  const tally = new Tally();
  for (const doc of docs) {
    const gold = doc.gold.filter((g) => !g.optional).map((g) => spanOf(g, goldLabel(g, level)));
    const predicted = scoredPredictions(doc).map((p) => spanOf(p, predictedLabel(p, level)));
    const matched = matchSpans(gold, predicted, match);
    const used = new Set(matched.filter((i) => i >= 0));
    gold.forEach((g, i) => tally.add(g.label, matched[i]! >= 0 ? 'tp' : 'fn'));
    predicted.forEach((p, j) => {
      if (!used.has(j)) tally.add(p.label, 'fp');
    });
  }
  return tally.result();
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function firstOf(list: unknown): Record<string, unknown> | undefined {
  return Array.isArray(list) && isRecord(list[0]) ? list[0] : undefined;
}

/**
 * The comparable facets of a metadata object (2025-11-01 shapes), by name:
 * - `kind`: metadataKind;
 * - `timex`: the first date value's timex, or the first span's timex (its duration when it has none);
 * - `value`: a date value's `value` string, or a numeric value (number, currency, units, age, ordinal);
 * - `begin`, `end`: a temporal span's bounds;
 * - `currency`: the ISO 4217 code; `unit`: the unit with its value (`Mile 30`);
 * - `numberKind`, `range`: `min..max` of a numeric range; `ordinal`: `offset relativeTo`.
 */
export function metadataFacets(metadata: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(metadata)) return out;
  const m = metadata;
  if (typeof m.metadataKind === 'string') out.kind = m.metadataKind;
  const date = firstOf(m.dateValues);
  const span = firstOf(m.spanValues);
  if (date) {
    if (typeof date.timex === 'string') out.timex = date.timex;
    if (typeof date.value === 'string') out.value = date.value;
  }
  if (span) {
    const timex = typeof span.timex === 'string' ? span.timex : span.duration;
    if (typeof timex === 'string') out.timex = timex;
    if (typeof span.begin === 'string') out.begin = span.begin;
    if (typeof span.end === 'string') out.end = span.end;
  }
  if (m.value !== undefined && m.value !== null && !date) out.value = String(Number(m.value));
  const iso = m.iso4217 ?? m.ISO4217;
  if (typeof iso === 'string') out.currency = iso;
  if (typeof m.unit === 'string' && m.metadataKind !== 'CurrencyMetadata') {
    out.unit = m.value !== undefined ? `${m.unit} ${Number(m.value)}` : m.unit;
  }
  if (typeof m.numberKind === 'string') out.numberKind = m.numberKind;
  if (m.minimum !== undefined || m.maximum !== undefined) out.range = `${m.minimum}..${m.maximum}`;
  if (m.offset !== undefined && m.relativeTo !== undefined) out.ordinal = `${m.offset} ${m.relativeTo}`;
  return out;
}

function scoreMetadata(docs: readonly ScoredDocument[]): Record<string, FacetAgreement> {
  const tally = new Map<string, { agree: number; total: number }>();
  for (const doc of docs) {
    const gold = doc.gold.filter((g) => !g.optional);
    const predicted = scoredPredictions(doc);
    const matched = matchSpans(
      gold.map((g) => spanOf(g, goldLabel(g, 'type'))),
      predicted.map((p) => spanOf(p, p.type)),
      exactMatch,
    );
    gold.forEach((g, i) => {
      if (!g.metadata) return;
      const want = metadataFacets(g.metadata);
      const p = matched[i]! >= 0 ? predicted[matched[i]!] : undefined;
      if (!p) return;
      const got = metadataFacets(p.metadata);
      for (const [facet, value] of Object.entries(want)) {
        let t = tally.get(facet);
        if (!t) tally.set(facet, (t = { agree: 0, total: 0 }));
        t.total++;
        if (got[facet] === value) t.agree++;
      }
    });
  }
  return Object.fromEntries([...tally.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Scores a set of documents at every level, exact and partial, with metadata agreement. */
export function scoreTaxonomy(docs: readonly ScoredDocument[]): TaxonomyScore {
  const levels = (match: Matcher) => ({
    type: scoreLevel(docs, 'type', match),
    category: scoreLevel(docs, 'category', match),
    subcategory: scoreLevel(docs, 'subcategory', match),
  });
  return {
    documents: docs.length,
    exact: levels(exactMatch),
    partial: levels(overlapMatch),
    metadata: scoreMetadata(docs),
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);

/** A fixed-width table of one level's scores, the overall row last. */
export function formatLevel(title: string, score: LevelScore): string {
  const width = Math.max(title.length, ...Object.keys(score.byLabel).map((l) => l.length), 7);
  const row = (label: string, c: Counts) =>
    `${label.padEnd(width)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${String(c.tp).padStart(5)} ${String(c.fp).padStart(5)} ${String(c.fn).padStart(5)}`;
  return [
    `${title.padEnd(width)}  prec.  recall     F1    tp    fp    fn`,
    ...Object.entries(score.byLabel).map(([label, c]) => row(label, c)),
    row('overall', score.overall),
  ].join('\n');
}

export function formatMetadata(agreement: Readonly<Record<string, FacetAgreement>>): string {
  const lines = Object.entries(agreement).map(
    ([facet, a]) =>
      `${facet.padEnd(10)} ${String(a.agree).padStart(4)}/${String(a.total).padEnd(4)} ${a.total === 0 ? '' : pct(a.agree / a.total)}`,
  );
  return ['metadata facet agreement on exact type matches', ...lines].join('\n');
}
