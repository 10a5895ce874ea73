import { Decoder } from '../model/decode.ts';
import { AveragedAdaGrad } from './adagrad.ts';
import { chunksOf, scoreChunks, type Chunk, type Score } from './conlleval.ts';
import { crfLoss, type CrfGradient } from './crf.ts';
import type { EncodedSentence } from './dataset.ts';
import { DeepPath, type DeepOptions } from './deep-path.ts';
import { allowedEnds, allowedStarts, allowedTransitions } from './labels.ts';
import { Rng } from './rng.ts';
import { forwardEmissions, linearForward, type TaggerWeights } from './weights.ts';

export interface TrainOptions {
  readonly labels: readonly string[];
  readonly rows: number;
  /** Sparse feature slots per unit in `ids`. */
  readonly width: number;
  readonly atomRows: number;
  readonly atomWidth: number;
  /** The convolutional path; absent = linear CRF only. */
  readonly deep?: DeepOptions;
  readonly seed: number;
  readonly maxEpochs: number;
  /** Stop after this many epochs without a better dev F1. */
  readonly patience: number;
  /**
   * Keep the last epoch's weights, whatever dev says, and run all `maxEpochs` (training on train + dev,
   * where the epoch count was chosen before and dev is no longer held out).
   */
  readonly keepLast?: boolean;
  readonly learningRate: number;
  /** Probability of dropping each active sparse feature / atom of a training unit (inverted dropout). */
  readonly featureDropout: number;
  readonly atomDropout: number;
  /**
   * Several dev sets (one per corpus): the epoch kept is the one with the best mean F1 over them.
   * Without it, the `dev` argument is the one dev set.
   */
  readonly devSets?: readonly DevSet[];
  /**
   * Start from these parameters instead of zeros (a fine-tuning phase). Its dev score is taken as
   * "epoch 0", so the phase keeps them when no epoch does better.
   */
  readonly init?: TaggerWeights;
}

/** A dev set scored on its own; `types` limits the score to what its corpus annotates. */
export interface DevSet {
  readonly name: string;
  readonly data: readonly EncodedSentence[];
  readonly types?: readonly string[];
  /** Its weight in the mean that selects the epoch (default 1). */
  readonly weight?: number;
}

export interface EpochReport {
  readonly epoch: number;
  readonly loss: number;
  readonly devF1: number;
  /** F1 per dev set, when there are several. */
  readonly devF1s?: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export interface TrainResult {
  readonly weights: TaggerWeights;
  readonly bestEpoch: number;
  /** The score of the (first) dev set at the best epoch. */
  readonly devScore: Score;
  /** What selected the epoch: the dev F1, or the weighted mean over `devSets`. */
  readonly devF1: number;
  readonly history: EpochReport[];
}

/** Entities of a sentence decoded by the server's Decoder, as conlleval chunks. */
export function decodeChunks(decoder: Decoder, emissions: Float32Array, len: number): Chunk[] {
  return decoder.decode(emissions, len).map((s) => ({ start: s.startUnit, end: s.endUnit, type: s.type }));
}

export function evaluate(
  w: TaggerWeights,
  labels: readonly string[],
  data: readonly EncodedSentence[],
  width: number,
  atomWidth: number,
  types?: readonly string[],
): Score {
  const decoder = new Decoder({
    labels,
    scheme: labels.some((l) => l.startsWith('S-')) ? 'BIOES' : 'BIO',
    transitions: w.transitions,
    startScores: w.start,
    endScores: w.end,
  });
  const scored = (c: Chunk): boolean => !types || types.includes(c.type);
  const gold = data.map((s) => chunksOf(s.tags).filter(scored));
  const predicted = data.map((s) =>
    decodeChunks(decoder, forwardEmissions(w, s, width, atomWidth), s.length).filter(scored),
  );
  return scoreChunks(gold, predicted);
}

function dropSlots(ids: Int32Array, p: number, rng: Rng): Int32Array {
  const out = ids.slice();
  if (p > 0) for (let k = 0; k < out.length; k++) if (out[k] !== 0 && rng.next() < p) out[k] = 0;
  return out;
}

/**
 * Trains the tagger (linear path + optional convolutional path + CRF) with averaged AdaGrad, one
 * sentence per step, and keeps the averaged parameters of the epoch with the best dev F1.
 */
export function train(
  data: readonly EncodedSentence[],
  dev: readonly EncodedSentence[],
  opts: TrainOptions,
  onEpoch: (report: EpochReport) => void = () => {},
  onProgress: (done: number, loss: number) => void = () => {},
): TrainResult {
  const n = opts.labels.length;
  const rng = new Rng(opts.seed);
  const lr = opts.learningRate;
  const init = opts.init;
  if (init && (init.deep || init.linear.length !== opts.rows * n))
    throw new Error('fine-tuning needs a linear-only tagger of the same shape');
  const copy = (a: Float32Array | undefined): Float32Array | undefined =>
    a ? Float32Array.from(a) : undefined;
  const linear = new AveragedAdaGrad(opts.rows * n, lr, copy(init?.linear));
  const bias = new AveragedAdaGrad(n, lr, copy(init?.bias));
  const trans = new AveragedAdaGrad(n * n, lr, copy(init?.transitions));
  const start = new AveragedAdaGrad(n, lr, copy(init?.start));
  const end = new AveragedAdaGrad(n, lr, copy(init?.end));
  const deep = opts.deep && !init ? new DeepPath(opts.atomRows, n, opts.deep, rng) : undefined;
  const crf = {
    labels: n,
    transitions: trans.value,
    start: start.value,
    end: end.value,
    allowedTrans: allowedTransitions(opts.labels),
    allowedStart: allowedStarts(opts.labels),
    allowedEnd: allowedEnds(opts.labels),
  };
  const current: TaggerWeights = {
    labels: n,
    rows: opts.rows,
    linear: linear.value,
    bias: bias.value,
    transitions: trans.value,
    start: start.value,
    end: end.value,
  };
  const averaged = (step: number): TaggerWeights => ({
    labels: n,
    rows: opts.rows,
    linear: linear.averaged(step),
    bias: bias.averaged(step),
    ...(deep ? { deep: deep.averaged(step) } : {}),
    transitions: trans.averaged(step),
    start: start.averaged(step),
    end: end.averaged(step),
  });

  const maxLen = data.reduce((m, s) => Math.max(m, s.length), 0);
  const grad: CrfGradient = {
    emissions: new Float32Array(maxLen * n),
    transitions: new Float64Array(n * n),
    start: new Float64Array(n),
    end: new Float64Array(n),
  };
  const scale = 1 / (1 - opts.featureDropout);
  const atomScale = 1 / (1 - opts.atomDropout);
  const order = data.map((_, i) => i);
  let step = 0;
  let best: TrainResult | undefined;
  const history: EpochReport[] = [];
  const sets: readonly DevSet[] = opts.devSets ?? [{ name: 'dev', data: dev }];
  const totalWeight = sets.reduce((a, d) => a + (d.weight ?? 1), 0);
  const scoreDev = (weights: TaggerWeights): { devF1: number; scores: Score[] } => {
    const scores = sets.map((d) =>
      evaluate(weights, opts.labels, d.data, opts.width, opts.atomWidth, d.types),
    );
    const devF1 = scores.reduce((a, sc, k) => a + sc.overall.f1 * (sets[k]!.weight ?? 1), 0) / totalWeight;
    return { devF1, scores };
  };
  const perSet = (scores: readonly Score[]): Pick<EpochReport, 'devF1s'> =>
    opts.devSets ? { devF1s: Object.fromEntries(sets.map((d, i) => [d.name, scores[i]!.overall.f1])) } : {};
  if (init) {
    const { devF1, scores } = scoreDev(init);
    const report = { epoch: 0, loss: Number.NaN, devF1, ...perSet(scores), seconds: 0 };
    history.push(report);
    onEpoch(report);
    best = { weights: init, bestEpoch: 0, devScore: scores[0]!, devF1, history };
  }

  for (let epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    const began = Date.now();
    rng.shuffle(order);
    // The network's early weights are poor: average it over the current epoch only.
    if (deep && epoch > 1) deep.restartAverage(step);
    let lossSum = 0;
    order.forEach((idx, done) => {
      const s = data[idx]!;
      const len = s.length;
      step++;
      const ids = dropSlots(s.ids, opts.featureDropout, rng);
      const em = new Float32Array(len * n);
      linearForward(current, ids, len, opts.width, em, scale);
      const atoms = deep ? dropSlots(s.atoms, opts.atomDropout, rng) : s.atoms;
      deep?.forward(atoms, len, opts.atomWidth, atomScale, em, rng);
      grad.transitions.fill(0);
      grad.start.fill(0);
      grad.end.fill(0);
      lossSum += crfLoss(em, len, s.gold, crf, grad, s.mask);
      deep?.backward(grad.emissions, atoms, len, opts.atomWidth, atomScale, step);
      for (let t = 0; t < len; t++) {
        const g = t * n;
        for (let y = 0; y < n; y++) bias.update(y, grad.emissions[g + y]!, step);
        for (let k = 0; k < opts.width; k++) {
          const id = ids[t * opts.width + k]!;
          if (id === 0) continue;
          for (let y = 0; y < n; y++) linear.update(id * n + y, grad.emissions[g + y]! * scale, step);
        }
      }
      for (let k = 0; k < n * n; k++)
        if (grad.transitions[k] !== 0) trans.update(k, grad.transitions[k]!, step);
      for (let y = 0; y < n; y++) {
        start.update(y, grad.start[y]!, step);
        end.update(y, grad.end[y]!, step);
      }
      if ((done & 127) === 0) onProgress(done, lossSum / (done + 1));
    });
    const weights = averaged(step);
    const { devF1, scores } = scoreDev(weights);
    const devScore = scores[0]!;
    const report = {
      epoch,
      loss: lossSum / data.length,
      devF1,
      ...perSet(scores),
      seconds: (Date.now() - began) / 1000,
    };
    history.push(report);
    onEpoch(report);
    if (!best || devF1 > best.devF1 || opts.keepLast) {
      best = { weights, bestEpoch: epoch, devScore, devF1, history };
    } else if (epoch - best.bestEpoch >= opts.patience) {
      break;
    }
  }
  if (!best) throw new Error('no training epochs were run');
  return best;
}
