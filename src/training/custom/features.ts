import { FeatureIndex } from '../../model/builtin/feature-index.ts';
import { emitFeatures, type FeatureResources, type FeatureSink } from '../../model/builtin/features.ts';
import { Gazetteer } from '../../model/builtin/gazetteer.ts';
import { FNV_BASIS, fnvFold } from '../../model/builtin/hash.ts';
import { RowSink } from '../../model/builtin/row-sink.ts';
import type { UnitRange } from '../../model/windows.ts';
import type { TaggedSentence } from '../conll.ts';
import type { EncodedSentence } from '../dataset.ts';
import { labelIds } from '../labels.ts';
import { addTrainingEntities } from '../resources.ts';
import type { PreparedDocument } from './validate.ts';

/** One training sequence: a segment of a document and the resources its features see. */
export interface Sequence {
  readonly doc: PreparedDocument;
  readonly range: UnitRange;
  readonly res: FeatureResources;
}

/** A segment as words (digits folded to 0, as the featurizer sees them) and tags, for the resource builders. */
export function taggedSentence(doc: PreparedDocument, range: UnitRange): TaggedSentence {
  const tokens: string[] = [];
  for (let u = range.start; u < range.end; u++) {
    const unit = doc.units[u]!;
    tokens.push(doc.text.slice(unit.start, unit.end).replace(/\d/g, '0'));
  }
  return { tokens, tags: doc.tags.slice(range.start, range.end) };
}

/**
 * Gazetteers of the training labels, jack-knifed like scripts/train.ts: documents of fold f see the names of
 * the other folds only, so the model learns how far to trust a match on a name it has not memorised.
 * `full` (every training name) goes into the model.
 */
export function trainingGazetteers(
  sentences: readonly TaggedSentence[][],
  folds: number,
): { perDocument: Gazetteer[]; full: Gazetteer } {
  const n = sentences.length;
  const k = Math.max(1, Math.min(folds, n));
  const foldOf = (i: number): number => Math.floor((i * k) / n);
  const byFold = Array.from({ length: k }, (_, f) => {
    const others = sentences.filter((_, i) => foldOf(i) !== f).flat();
    return addTrainingEntities(new Gazetteer(), others);
  });
  return {
    perDocument: sentences.map((_, i) => byFold[foldOf(i)]!),
    full: addTrainingEntities(new Gazetteer(), sentences.flat()),
  };
}

/** Counts feature fingerprints exactly as RowSink computes them, and the most features of any unit. */
class CountingSink implements FeatureSink {
  readonly counts = new Map<number, number>();
  maxPerUnit = 0;
  private base = FNV_BASIS;
  private inUnit = 0;

  window(prefix: string): void {
    this.base = fnvFold(FNV_BASIS, prefix);
  }

  unit(): void {
    this.inUnit = 0;
  }

  add(_atom: boolean, ...parts: (string | undefined)[]): void {
    let state = this.base;
    for (const p of parts) if (p !== undefined) state = fnvFold(state, p);
    const key = state >>> 0;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.inUnit++;
    if (this.inUnit > this.maxPerUnit) this.maxPerUnit = this.inUnit;
  }
}

const roundUp = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * The feature index of the training sequences (features seen at least `minCount` times) and the slots per
 * unit. Features are counted as fingerprints, never kept as strings, so large projects fit in memory.
 */
export function buildFeatureIndex(
  sequences: Iterable<Sequence>,
  minCount: number,
): { index: FeatureIndex; width: number } {
  const sink = new CountingSink();
  for (const s of sequences) {
    emitFeatures(s.doc.text, s.doc.units.slice(s.range.start, s.range.end), s.res, sink);
  }
  const kept: number[] = [];
  for (const [key, count] of sink.counts) if (count >= minCount) kept.push(key);
  return { index: new FeatureIndex(Uint32Array.from(kept).sort()), width: roundUp(sink.maxPerUnit) };
}

const NO_ATOMS = new Int32Array(0);

/** A sequence as the trainer wants it, its rows written by the server's own RowSink. */
export function encodeSequence(
  s: Sequence,
  index: FeatureIndex,
  width: number,
  labels: readonly string[],
): EncodedSentence {
  const units = s.doc.units.slice(s.range.start, s.range.end);
  const ids = new Int32Array(units.length * width);
  emitFeatures(s.doc.text, units, s.res, new RowSink({ index, width, out: ids, offset: 0 }));
  const tags = s.doc.tags.slice(s.range.start, s.range.end);
  return { length: units.length, ids, atoms: NO_ATOMS, gold: labelIds(tags, labels), tags };
}
