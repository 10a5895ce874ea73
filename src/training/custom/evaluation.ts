import type { EntitySpan } from '../../model/types.ts';
import type {
  ConfusionMatrix,
  DocumentEvaluationResult,
  EntityEvaluation,
  EntityLabelEvaluation,
  EntityRecognitionEvaluation,
  EntityRegionEvaluation,
} from './types.ts';
import type { PreparedDocument } from './validate.ts';

/** The confusion matrix's name for text outside any entity. */
export const NONE = '$none';

/** Expected and predicted entities per labelled region of a test document (predictions outside regions are ignored). */
export function documentResult(
  doc: PreparedDocument,
  predicted: readonly EntitySpan[],
): DocumentEvaluationResult {
  return {
    projectKind: 'CustomEntityRecognition',
    location: doc.location,
    language: doc.language,
    customEntityRecognitionResult: {
      entities: doc.regions.map((r) => ({
        expectedEntities: r.labels.map((l) => ({ category: l.category, offset: l.offset, length: l.length })),
        predictedEntities: predicted
          .filter((p) => p.start >= r.start && p.end <= r.end)
          .map((p) => ({ category: p.category, offset: p.start, length: p.end - p.start })),
        regionOffset: r.start,
        regionLength: r.end - r.start,
      })),
    },
  };
}

const key = (e: EntityLabelEvaluation): string => `${e.category}\u0000${e.offset}\u0000${e.length}`;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Adds a region to the confusion matrix, the way Azure's summaries add up: every labelled entity and every
 * stretch of text between them (`$none`) counts 1 in its row, shared among the predicted categories by the
 * share of its non-whitespace characters each covers.
 */
function addToMatrix(
  matrix: Map<string, Map<string, number>>,
  text: string,
  region: EntityRegionEvaluation,
): void {
  const from = region.regionOffset;
  const predictedAt = new Array<string>(region.regionLength).fill(NONE);
  for (const p of region.predictedEntities) {
    for (let i = p.offset; i < p.offset + p.length; i++) predictedAt[i - from] = p.category;
  }
  const spans: { category: string; start: number; end: number }[] = [];
  let pos = from;
  for (const l of region.expectedEntities) {
    if (l.offset > pos) spans.push({ category: NONE, start: pos, end: l.offset });
    spans.push({ category: l.category, start: l.offset, end: l.offset + l.length });
    pos = l.offset + l.length;
  }
  if (pos < from + region.regionLength)
    spans.push({ category: NONE, start: pos, end: from + region.regionLength });
  for (const s of spans) {
    const chars: number[] = [];
    for (let i = s.start; i < s.end; i++) if (!/\s/.test(text[i]!)) chars.push(i);
    if (chars.length === 0) continue;
    const row = matrix.get(s.category) ?? new Map<string, number>();
    matrix.set(s.category, row);
    const perColumn = new Map<string, number>();
    for (const i of chars) {
      const col = predictedAt[i - from]!;
      perColumn.set(col, (perColumn.get(col) ?? 0) + 1);
    }
    for (const [col, n] of perColumn) row.set(col, (row.get(col) ?? 0) + n / chars.length);
  }
}

function matrixJson(matrix: Map<string, Map<string, number>>): ConfusionMatrix {
  const sorted = <T>(m: Map<string, T>): [string, T][] =>
    [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: ConfusionMatrix = {};
  for (const [expected, row] of sorted(matrix)) {
    let total = 0;
    for (const v of row.values()) total += v;
    out[expected] = {};
    for (const [predicted, raw] of sorted(row)) {
      out[expected][predicted] = { normalizedValue: (raw / total) * 100, rawValue: raw };
    }
  }
  return out;
}

/**
 * Azure's Custom NER evaluation (concepts/evaluation-metrics.md): an entity is a true positive when a
 * prediction has its exact category, offset and length; per category precision, recall and F1; micro averages
 * from the summed counts, macro averages as the mean over the categories that occur in the test set
 * (labelled or predicted); and the confusion matrix (expected rows, predicted columns).
 */
export function summarize(
  results: readonly DocumentEvaluationResult[],
  texts: ReadonlyMap<string, string>,
): EntityRecognitionEvaluation {
  const counts = new Map<string, Counts>();
  const countsOf = (c: string): Counts => {
    let x = counts.get(c);
    if (!x) counts.set(c, (x = { tp: 0, fp: 0, fn: 0 }));
    return x;
  };
  const matrix = new Map<string, Map<string, number>>();
  for (const doc of results) {
    for (const region of doc.customEntityRecognitionResult.entities) {
      const expected = new Set(region.expectedEntities.map(key));
      const predicted = new Set(region.predictedEntities.map(key));
      for (const e of region.expectedEntities) countsOf(e.category)[predicted.has(key(e)) ? 'tp' : 'fn']++;
      for (const p of region.predictedEntities) if (!expected.has(key(p))) countsOf(p.category).fp++;
      addToMatrix(matrix, texts.get(doc.location) ?? '', region);
    }
  }
  const entities: Record<string, EntityEvaluation> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const macro = { p: 0, r: 0, f: 0 };
  const names = [...counts.keys()].sort();
  for (const c of names) {
    const x = counts.get(c)!;
    const precision = ratio(x.tp, x.tp + x.fp);
    const recall = ratio(x.tp, x.tp + x.fn);
    const f1 = f1Of(precision, recall);
    entities[c] = {
      f1,
      precision,
      recall,
      truePositiveCount: x.tp,
      trueNegativeCount: 0,
      falsePositiveCount: x.fp,
      falseNegativeCount: x.fn,
    };
    tp += x.tp;
    fp += x.fp;
    fn += x.fn;
    macro.p += precision;
    macro.r += recall;
    macro.f += f1;
  }
  const microPrecision = ratio(tp, tp + fp);
  const microRecall = ratio(tp, tp + fn);
  const n = names.length;
  return {
    confusionMatrix: matrixJson(matrix),
    entities,
    microF1: f1Of(microPrecision, microRecall),
    microPrecision,
    microRecall,
    macroF1: ratio(macro.f, n),
    macroPrecision: ratio(macro.p, n),
    macroRecall: ratio(macro.r, n),
  };
}
