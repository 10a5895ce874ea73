import { FeatureIndex } from '../model/builtin/feature-index.ts';
import type { LinearTagger } from './linear-model.ts';

/**
 * How much of a feature's weights comes from the companion (0: the base's alone, 1: the companion's
 * alone), by the feature's fingerprint.
 */
export type ShareOf = (fingerprint: number) => number;

export interface MixOptions {
  readonly shareOf: ShareOf;
  /** The companion's share of the label bias and the CRF's transition, start and end scores. */
  readonly crfShare: number;
}

/**
 * Mixes two linear CRF taggers over the same featurizer into one: each weight is
 * `(1 - s) * base + s * companion`, with `s` chosen per feature. Emissions and CRF scores are linear
 * in the weights, so where both models know every feature of a sentence the result scores exactly the
 * weighted sum of the two (a log-linear ensemble), at the cost of one model.
 *
 * A feature only one of them has keeps that model's full weight: the other never saw it, which is no
 * evidence either way (a zero there would halve the base's knowledge of everything the companion's
 * narrower data lacks, e.g. tweets' @handles for a companion trained on news).
 */
export function mixTaggers(base: LinearTagger, companion: LinearTagger, options: MixOptions): LinearTagger {
  const a = base.weights;
  const b = companion.weights;
  if (a.labels !== b.labels || a.transitions.length !== b.transitions.length) {
    throw new Error(`the models have different labels (${a.labels} vs ${b.labels})`);
  }
  if (base.width !== companion.width) {
    throw new Error(
      `the models keep different numbers of features per unit (${base.width} vs ${companion.width})`,
    );
  }
  const fingerprints = union(base.index.fingerprints, companion.index.fingerprints);
  const L = a.labels;
  const rows = fingerprints.length + 1;
  const linear = new Float32Array(rows * L);
  for (let i = 0; i < fingerprints.length; i++) {
    const fp = fingerprints[i]!;
    const ra = base.index.rowOf(fp);
    const rb = companion.index.rowOf(fp);
    const s = ra === 0 ? 1 : rb === 0 ? 0 : options.shareOf(fp);
    const to = (i + 1) * L;
    for (let k = 0; k < L; k++) {
      const wa = ra === 0 ? 0 : a.linear[ra * L + k]!;
      const wb = rb === 0 ? 0 : b.linear[rb * L + k]!;
      linear[to + k] = (1 - s) * wa + s * wb;
    }
  }
  const s = options.crfShare;
  const mix = (x: Float32Array, y: Float32Array): Float32Array => x.map((v, k) => (1 - s) * v + s * y[k]!);
  return {
    index: new FeatureIndex(fingerprints),
    width: base.width,
    weights: {
      labels: L,
      rows,
      linear,
      bias: mix(a.bias, b.bias),
      transitions: mix(a.transitions, b.transitions),
      start: mix(a.start, b.start),
      end: mix(a.end, b.end),
    },
  };
}

/** The sorted union of two sorted fingerprint lists. */
function union(x: Uint32Array, y: Uint32Array): Uint32Array {
  const out = new Uint32Array(x.length + y.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length || j < y.length) {
    const next = j >= y.length || (i < x.length && x[i]! <= y[j]!) ? x[i++]! : y[j++]!;
    if (n === 0 || out[n - 1] !== next) out[n++] = next;
  }
  return out.slice(0, n);
}
