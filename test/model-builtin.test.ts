import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { Decoder } from '../src/model/decode.ts';
import { tokenizeWords } from '../src/model/builtin/tokenizer.ts';
import { loadModel } from '../src/model/load.ts';
import { AveragedAdaGrad } from '../src/training/adagrad.ts';
import { chunksOf, scoreChunks } from '../src/training/conlleval.ts';
import { crfLoss } from '../src/training/crf.ts';
import { buildTaggerOnnx } from '../src/training/export.ts';
import { roundToHalf } from '../src/training/half.ts';
import { FeatureIndex } from '../src/model/builtin/feature-index.ts';
import { parseClusters } from '../src/model/builtin/clusters.ts';
import { emitFeatures, unitFeatures } from '../src/model/builtin/features.ts';
import { Gazetteer } from '../src/model/builtin/gazetteer.ts';
import { RowSink } from '../src/model/builtin/row-sink.ts';
import { fingerprint } from '../src/model/builtin/hash.ts';
import {
  allowedEnds,
  allowedStarts,
  allowedTransitions,
  LABELS,
  labelsFor,
  toScheme,
} from '../src/training/labels.ts';
import { capitalisedWordsOf } from '../src/training/resources.ts';
import { Rng } from '../src/training/rng.ts';
import { forwardEmissions, type TaggerWeights } from '../src/training/weights.ts';

const words = (text: string): string[] => tokenizeWords(text).map((u) => text.slice(u.start, u.end));

describe('builtin tokenizer', () => {
  it('leaves CoNLL-tokenized text alone', () => {
    const conll = 'U.S. Open : Sampras beat Ivanisevic 6-3 , 1996-08-22 . It \'s " fine " ( 1. )';
    assert.deepEqual(words(conll), conll.split(' '));
  });
  it('splits raw text PTB-style', () => {
    assert.deepEqual(words('"Smith\'s U.S.-based firm (Acme Inc.) didn\'t say."'), [
      '"',
      'Smith',
      "'s",
      'U.S.-based',
      'firm',
      '(',
      'Acme',
      'Inc.',
      ')',
      'did',
      "n't",
      'say',
      '.',
      '"',
    ]);
    assert.deepEqual(words('Mail bob@x.com, see www.x.org.'), [
      'Mail',
      'bob@x.com',
      ',',
      'see',
      'www.x.org',
      '.',
    ]);
  });
  it('reports UTF-16 offsets (astral characters)', () => {
    const text = '😀 Paris!';
    assert.deepEqual(tokenizeWords(text), [
      { start: 0, end: 2, cost: 1 },
      { start: 3, end: 8, cost: 1 },
      { start: 8, end: 9, cost: 1 },
    ]);
  });
});

function randomWeights(rng: Rng, deep: boolean): TaggerWeights {
  const n = LABELS.length;
  const rand = (size: number, scale = 1): Float32Array =>
    Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
  const rows = 50;
  const linear = rand(rows * n);
  linear.fill(0, 0, n);
  const [dim, hidden, kernel] = [6, 8, 5];
  return {
    labels: n,
    rows,
    linear,
    bias: rand(n),
    transitions: rand(n * n),
    start: rand(n),
    end: rand(n),
    ...(deep
      ? {
          deep: {
            rows: 30,
            dim,
            hidden,
            kernel,
            embed: rand(30 * dim).fill(0, 0, dim),
            conv: rand(kernel * hidden * dim, 0.5),
            convBias: rand(hidden),
            out: rand(n * hidden),
            outBias: rand(n),
          },
        }
      : {}),
  };
}

describe('ONNX export', () => {
  const variants = [
    { deep: false, precision: 'float32' },
    { deep: true, precision: 'float32' },
    { deep: false, precision: 'float16' },
    { deep: true, precision: 'float16' },
  ] as const;
  for (const { deep, precision } of variants) {
    const name = `${deep ? 'linear + conv' : 'linear'}, ${precision} table`;
    it(`matches the training forward pass within 1e-4 (${name})`, async () => {
      const rng = new Rng(7);
      const w = randomWeights(rng, deep);
      // A float16 table holds the rounded weights; training scores those (scripts/train.ts).
      if (precision === 'float16') roundToHalf(w.linear);
      const [width, atomWidth, batch, seq] = [4, 3, 3, 7];
      const model = buildTaggerOnnx(w, width, atomWidth, precision);
      if (precision === 'float16') {
        assert.ok(model.length < buildTaggerOnnx(w, width, atomWidth).length, 'float16 is smaller');
      }
      const session = await ort.InferenceSession.create(model);
      const lengths = [7, 3, 1];
      const ids = new Int32Array(batch * seq * width);
      const atoms = new Int32Array(batch * seq * atomWidth);
      lengths.forEach((len, b) => {
        for (let k = 0; k < len * width; k++) ids[b * seq * width + k] = Math.floor(rng.next() * w.rows);
        for (let k = 0; k < len * atomWidth; k++)
          atoms[b * seq * atomWidth + k] = Math.floor(rng.next() * 30);
      });
      const feeds: Record<string, ort.Tensor> = {
        feature_ids: new ort.Tensor('int32', ids, [batch, seq, width]),
      };
      if (deep) feeds.atom_ids = new ort.Tensor('int32', atoms, [batch, seq, atomWidth]);
      const out = (await session.run(feeds)).emissions!.data as Float32Array;
      const n = w.labels;
      lengths.forEach((len, b) => {
        const ref = forwardEmissions(
          w,
          {
            length: len,
            ids: ids.subarray(b * seq * width, (b * seq + len) * width),
            atoms: atoms.subarray(b * seq * atomWidth, (b * seq + len) * atomWidth),
          },
          width,
          atomWidth,
        );
        for (let k = 0; k < ref.length; k++) {
          assert.ok(Math.abs(out[b * seq * n + k]! - ref[k]!) < 1e-4, `window ${b} value ${k}`);
        }
      });
      await session.release();
    });
  }
});

/** Random emissions and CRF scores over the IOB2 labels, a 4-word gold path and a gradient factory. */
function crfFixture(seed: number) {
  const rng = new Rng(seed);
  const n = LABELS.length;
  const len = 4;
  const em = Float32Array.from({ length: len * n }, () => rng.next() * 2 - 1);
  const params = {
    labels: n,
    transitions: Float32Array.from({ length: n * n }, () => rng.next() - 0.5),
    start: Float32Array.from({ length: n }, () => rng.next() - 0.5),
    end: Float32Array.from({ length: n }, () => rng.next() - 0.5),
    allowedTrans: allowedTransitions(LABELS),
    allowedStart: allowedStarts(LABELS),
    allowedEnd: allowedEnds(LABELS),
  };
  const gold = Int32Array.from([1, 2, 0, 3]); // B-PER I-PER O B-ORG
  const grad = () => ({
    emissions: new Float32Array(len * n),
    transitions: new Float64Array(n * n),
    start: new Float64Array(n),
    end: new Float64Array(n),
  });
  return { n, len, em, params, gold, grad };
}

describe('CRF', () => {
  it('has an analytic gradient that matches finite differences', () => {
    const { n, len, em, params, gold, grad } = crfFixture(3);
    const g = grad();
    const loss = crfLoss(em, len, gold, params, g);
    assert.ok(loss > 0);
    const h = 1e-2;
    for (const k of [0, 5, 9, 13, 20, 35]) {
      const e2 = em.slice();
      e2[k]! += h;
      const numeric = (crfLoss(e2, len, gold, params, grad()) - loss) / h;
      assert.ok(Math.abs(numeric - g.emissions[k]!) < 0.02, `emission ${k}: ${numeric} vs ${g.emissions[k]}`);
    }
    const t2 = params.transitions.slice();
    const k = 1 * n + 2; // B-PER -> I-PER, on the gold path
    t2[k]! += h;
    const numeric = (crfLoss(em, len, gold, { ...params, transitions: t2 }, grad()) - loss) / h;
    assert.ok(Math.abs(numeric - g.transitions[k]!) < 0.02);
  });

  describe('partial labels', () => {
    const { n, len, em, params, gold, grad } = crfFixture(5);
    const only = (labelsAt: number[][]): Uint8Array => {
      const mask = new Uint8Array(len * n);
      labelsAt.forEach((ls, t) => ls.forEach((y) => (mask[t * n + y] = 1)));
      return mask;
    };

    it('a mask of the gold labels is the gold-path loss and gradient', () => {
      const g1 = grad();
      const g2 = grad();
      const a = crfLoss(em, len, gold, params, g1);
      const b = crfLoss(em, len, gold, params, g2, only([...gold].map((y) => [y])));
      assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
      for (let k = 0; k < len * n; k++) assert.ok(Math.abs(g1.emissions[k]! - g2.emissions[k]!) < 1e-6);
      for (let k = 0; k < n * n; k++) assert.ok(Math.abs(g1.transitions[k]! - g2.transitions[k]!) < 1e-6);
    });

    it('a mask that allows everything costs nothing', () => {
      const g = grad();
      const all = Array.from({ length: len }, () => LABELS.map((_, y) => y));
      assert.ok(Math.abs(crfLoss(em, len, gold, params, g, only(all))) < 1e-9);
      for (const v of g.emissions) assert.ok(Math.abs(v) < 1e-6);
    });

    it('an O that may be MISC: lower loss than the plain O, and a gradient that matches finite differences', () => {
      const misc = [LABELS.indexOf('B-MISC'), LABELS.indexOf('I-MISC')];
      const mask = only([[1], [2], [0, ...misc], [3]]);
      const g = grad();
      const loss = crfLoss(em, len, gold, params, g, mask);
      assert.ok(loss < crfLoss(em, len, gold, params, grad()));
      const h = 1e-2;
      for (const k of [0, 2 * n, 2 * n + misc[0]!, 2 * n + misc[1]!, 3 * n + 3]) {
        const e2 = em.slice();
        e2[k]! += h;
        const numeric = (crfLoss(e2, len, gold, params, grad(), mask) - loss) / h;
        assert.ok(
          Math.abs(numeric - g.emissions[k]!) < 0.02,
          `emission ${k}: ${numeric} vs ${g.emissions[k]}`,
        );
      }
    });
  });

  it('decodes the emissions it was trained towards with the server Decoder', () => {
    const n = LABELS.length;
    const em = new Float32Array(3 * n);
    em[0 * n + 1] = 5; // B-PER
    em[1 * n + 2] = 5; // I-PER
    em[2 * n + 0] = 5; // O
    const decoder = new Decoder({ labels: LABELS, scheme: 'BIO', transitions: new Float32Array(n * n) });
    assert.deepEqual(
      decoder.decode(em, 3).map((s) => [s.startUnit, s.endUnit, s.type]),
      [[0, 2, 'PER']],
    );
  });
});

describe('AveragedAdaGrad', () => {
  it('returns the mean of the parameters over the steps since the last restart', () => {
    const opt = new AveragedAdaGrad(1, 0.5);
    const seen: number[] = [];
    for (let step = 1; step <= 5; step++) {
      opt.update(0, step % 2 ? 1 : -2, step);
      seen.push(opt.value[0]!);
    }
    const mean = seen.reduce((a, b) => a + b, 0) / seen.length;
    assert.ok(Math.abs(opt.averaged(5)[0]! - mean) < 1e-6);
    opt.restart(5);
    const after: number[] = [];
    for (let step = 6; step <= 8; step++) {
      opt.update(0, 1, step);
      after.push(opt.value[0]!);
    }
    assert.ok(Math.abs(opt.averaged(8)[0]! - after.reduce((a, b) => a + b, 0) / 3) < 1e-6);
  });
});

describe('conlleval scoring', () => {
  it('counts exact span and type matches only', () => {
    const gold = [chunksOf(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG'])];
    const pred = [chunksOf(['B-PER', 'I-PER', 'O', 'B-ORG', 'B-ORG', 'O'])];
    const s = scoreChunks(gold, pred);
    assert.equal(s.overall.correct, 1);
    assert.equal(s.overall.gold, 3);
    assert.equal(s.overall.predicted, 3);
    assert.ok(Math.abs(s.overall.f1 - 100 / 3) < 1e-9);
    assert.equal(s.perType.find((t) => t.type === 'PER')?.f1, 100);
  });
  it('treats an I- tag after O as the start of a chunk, like conlleval', () => {
    assert.deepEqual(chunksOf(['O', 'I-MISC', 'I-MISC', 'I-PER']), [
      { start: 1, end: 3, type: 'MISC' },
      { start: 3, end: 4, type: 'PER' },
    ]);
  });
});

describe('featurizer resources', () => {
  it('matches gazetteer phrases case-insensitively, longest first', () => {
    const g = new Gazetteer();
    g.add('New York', 'loc');
    g.add('New York Times', 'org');
    g.add('York', 'per');
    assert.deepEqual(g.match(['the', 'new', 'york', 'times', 'in', 'york']), [
      [],
      ['org:B'],
      ['org:I'],
      ['org:I'],
      [],
      ['per:B'],
    ]);
    assert.deepEqual(Gazetteer.fromJSON(g.toJSON()).match(['new', 'york']), [['loc:B'], ['loc:I']]);
    // "new york" is a prefix of a phrase and a phrase itself: a failed longer match falls back to it.
    assert.deepEqual(g.match(['new', 'york', 'state']), [['loc:B'], ['loc:I'], []]);
    assert.equal(g.size, 3);
  });

  it('writes the same rows from feature parts as from the feature strings', () => {
    const dir = fileURLToPath(new URL('../models/default/', import.meta.url));
    const res = {
      gazetteer: Gazetteer.fromJSON(JSON.parse(readFileSync(join(dir, 'gazetteer.json'), 'utf8'))),
      lexicon: Gazetteer.fromJSON(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8'))),
      commonWords: new Set(readFileSync(join(dir, 'common-words.txt'), 'utf8').split('\n')),
    };
    const index = FeatureIndex.fromBytes(readFileSync(join(dir, 'features.bin')));
    const texts = [
      'Angela Weber of Northwind Traders met investors in New York on 12 May 2024.',
      'SOCCER - JAPAN GET LUCKY WIN\nmichael jordan played for the chicago bulls',
      'no capitals at all here, just john smith in paris',
    ];
    for (const text of texts) {
      const units = tokenizeWords(text);
      const strings = unitFeatures(text, units, res);
      // A narrow atom path and a width that truncates the linear path exercise both limits.
      for (const [width, atomWidth] of [
        [64, 8],
        [12, 3],
      ] as const) {
        const expected = new Int32Array(units.length * width);
        const expectedAtoms = new Int32Array(units.length * atomWidth);
        index.encode(strings.sparse, width, expected);
        index.encode(strings.atoms, atomWidth, expectedAtoms);
        const out = new Int32Array(units.length * width);
        const atoms = new Int32Array(units.length * atomWidth);
        emitFeatures(
          text,
          units,
          res,
          new RowSink({ index, width, out, offset: 0 }, { index, width: atomWidth, out: atoms, offset: 0 }),
        );
        assert.deepEqual(out, expected, text);
        assert.deepEqual(atoms, expectedAtoms, text);
      }
    }
  });

  it('reads an all-capitals window as lower case only when upperIsCaseless is set', () => {
    const res = { gazetteer: new Gazetteer(), lexicon: new Gazetteer(), commonWords: new Set<string>() };
    const feats = (text: string, upperIsCaseless: boolean): string[][] =>
      unitFeatures(text, tokenizeWords(text), { ...res, upperIsCaseless }).sparse;
    const upper = 'JOHN SMITH FLEW TO PARIS';
    const lower = upper.toLowerCase();
    assert.deepEqual(feats(upper, true), feats(lower, true));
    assert.ok(feats(lower, true)[0]!.every((f) => f.startsWith('lc:')));
    assert.notDeepEqual(feats(upper, false), feats(lower, false));
    assert.ok(feats(upper, false)[0]!.includes('w=JOHN'));
    // One word in capitals is not a window in capitals; mixed text keeps its case.
    assert.ok(feats('NASA', true)[0]!.includes('w=NASA'));
    assert.ok(feats('NASA said so', true)[0]!.includes('w=NASA'));
  });

  it('hints how a word is usually written, from words capitalised inside sentences', () => {
    const sentences = [
      ['We', 'met', 'John', 'in', 'Paris', '.'],
      ['Then', 'John', 'left', 'for', 'Paris', 'and', 'the', 'bank', '.'],
      ['The', 'Bank', 'and', 'the', 'bank', 'and', 'a', 'bank', 'and', 'Bank', '.'],
      ['JOHN', 'JOHN', 'JOHN', 'IN', 'CAPITALS'],
    ].map((tokens) => ({ tokens, tags: tokens.map(() => 'O') }));
    const capitalised = capitalisedWordsOf(sentences);
    // "Then"/"We"/"The" start sentences; "bank" is lower-case as often; capitals-only text says nothing.
    assert.deepEqual([...capitalised].sort(), ['john', 'paris']);
    const res = {
      gazetteer: new Gazetteer(),
      lexicon: new Gazetteer(),
      commonWords: new Set(['bank', 'the']),
    };
    const text = 'john saw the bank';
    const units = tokenizeWords(text);
    const withHint = unitFeatures(text, units, { ...res, capitalised }).sparse;
    assert.ok(withHint[0]!.includes('lc:u=P'));
    assert.ok(withHint[3]!.includes('lc:u=C'));
    assert.ok(withHint[1]!.includes('lc:u=U'));
    assert.ok(!unitFeatures(text, units, res).sparse[0]!.some((f) => f.startsWith('lc:u=')));
  });

  it('adds word clusters, coarse to fine, for the word and its neighbours', () => {
    const res = { gazetteer: new Gazetteer(), lexicon: new Gazetteer(), commonWords: new Set<string>() };
    const clusters = parseClusters('# test\nParis\t3\t12\nflew\t1\t5\nto\t1\t6\n');
    const text = 'Zorg flew to Paris';
    const units = tokenizeWords(text);
    const feats = unitFeatures(text, units, { ...res, clusters }).sparse;
    const k = (i: number): string[] => feats[i]!.filter((f) => /^k/.test(f));
    assert.deepEqual(k(3), ['k0=3', 'k1=12', 'k-1=6', 'k+1=<pad>', 'kk=1|12']);
    assert.deepEqual(k(0), ['k0=-', 'k-1=<pad>', 'k+1=5', 'kk=<pad>|-']);
    assert.deepEqual(
      unitFeatures(text, units, res).sparse[3]!.filter((f) => /^k/.test(f)),
      [],
    );
  });

  it('encodes known features as rows >= 1 and pads with 0', () => {
    const index = new FeatureIndex(Uint32Array.from([fingerprint('b'), fingerprint('w=Paris')]).sort());
    const out = new Int32Array(2 * 3).fill(-1);
    index.encode([['b', 'w=unknown', 'w=Paris'], ['w=nope']], 3, out);
    assert.deepEqual(Array.from(out.subarray(3)), [0, 0, 0]);
    assert.deepEqual(Array.from(out.subarray(0, 3)).sort(), [0, index.row('b'), index.row('w=Paris')].sort());
    assert.equal(FeatureIndex.fromBytes(index.toBytes()).row('w=Paris'), index.row('w=Paris'));
  });
});

describe('tag schemes', () => {
  it('rewrites IOB2 as BIOES and constrains transitions like the Decoder', () => {
    assert.deepEqual(toScheme(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'I-LOC'], 'BIOES'), [
      'B-PER',
      'E-PER',
      'O',
      'S-LOC',
      'B-LOC',
      'I-LOC',
      'E-LOC',
    ]);
    const labels = labelsFor('BIOES');
    const ok = allowedTransitions(labels);
    const allowed = (a: string, b: string): number =>
      ok[labels.indexOf(a) * labels.length + labels.indexOf(b)]!;
    assert.equal(allowed('B-PER', 'E-PER'), 1);
    assert.equal(allowed('B-PER', 'O'), 0);
    assert.equal(allowed('E-PER', 'I-PER'), 0);
    assert.equal(allowed('S-ORG', 'B-PER'), 1);
    assert.deepEqual(
      labels.filter((_, i) => allowedEnds(labels)[i]),
      labels.filter((l) => !l.startsWith('B-') && !l.startsWith('I-')),
    );
  });
});

describe('builtin loader', () => {
  const SHIPPED = fileURLToPath(new URL('../models/default', import.meta.url));
  it('runs windows of different lengths packed into one sequence, each as if it ran alone', async () => {
    const model = await loadModel(SHIPPED, { intraOp: 1 });
    try {
      const { classifier } = model;
      const windows = [
        'Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget.',
        'Hi',
        'Contoso Ltd. hired three engineers from Seattle.',
      ].map((text) => ({ text, units: classifier.tokenize(text) }));
      const together = await classifier.run(windows);
      for (const [k, w] of windows.entries()) {
        const [alone] = await classifier.run([w]);
        assert.equal(together[k]!.length, w.units.length * classifier.labels.length);
        for (let i = 0; i < alone!.length; i++) assert.ok(Math.abs(together[k]![i]! - alone![i]!) < 1e-5);
      }
    } finally {
      await model.classifier.dispose();
    }
  });
  it('rejects a manifest whose builtin options are incomplete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'builtin-'));
    try {
      for (const f of [
        'model.onnx',
        'features.bin',
        'gazetteer.json',
        'lexicon.json',
        'common-words.txt',
        'crf.json',
      ]) {
        copyFileSync(join(SHIPPED, f), join(dir, f));
      }
      const manifest = JSON.parse(readFileSync(join(SHIPPED, 'manifest.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const options = { ...(manifest.options as Record<string, unknown>) };
      delete options.lexicon;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, options }));
      await assert.rejects(loadModel(dir, { intraOp: 1 }), (err: Error) => {
        assert.equal(err.name, 'ModelLoadError');
        assert.match(err.message, /options: lexicon/);
        return true;
      });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      writeFileSync(join(dir, 'crf.json'), JSON.stringify({ transitions: [0], start: [], end: [] }));
      await assert.rejects(loadModel(dir, { intraOp: 1 }), /sizes do not match 9 labels/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
