import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FeatureIndex } from '../src/model/builtin/feature-index.ts';
import { fingerprint } from '../src/model/builtin/hash.ts';
import { loadModel } from '../src/model/load.ts';
import { buildTaggerOnnx } from '../src/training/export.ts';
import { groupOf, templateOf } from '../src/training/feature-groups.ts';
import type { LinearTagger } from '../src/training/linear-model.ts';
import { mixTaggers } from '../src/training/mix.ts';
import { nodeArgsFor } from './helpers/entry-point.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHIPPED = join(ROOT, 'models/default');
const run = promisify(execFile);

/** A tagger with one weight row per feature string (its L weights), labels L, CRF scores `crf`. */
function tagger(rows: Record<string, number[]>, crf: number): LinearTagger {
  const entries = Object.entries(rows).sort(([a], [b]) => fingerprint(a) - fingerprint(b));
  const L = entries[0]![1].length;
  const linear = new Float32Array((entries.length + 1) * L);
  entries.forEach(([, w], i) => linear.set(w, (i + 1) * L));
  const scores = (n: number): Float32Array => new Float32Array(n).fill(crf);
  return {
    index: new FeatureIndex(Uint32Array.from(entries.map(([f]) => fingerprint(f)))),
    width: 4,
    weights: {
      labels: L,
      rows: entries.length + 1,
      linear,
      bias: scores(L),
      transitions: scores(L * L),
      start: scores(L),
      end: scores(L),
    },
  };
}

const rowOf = (t: LinearTagger, feature: string): number[] => {
  const r = t.index.row(feature);
  return Array.from(t.weights.linear.subarray(r * t.weights.labels, (r + 1) * t.weights.labels));
};

describe('mixing two taggers', () => {
  it('mixes shared features by their share and keeps a feature only one model knows whole', () => {
    const base = tagger({ 'w=Paris': [1, 2], 'sh=Xxxxx': [4, 0], 'w=tweet': [0, 8] }, 1);
    const companion = tagger({ 'w=Paris': [3, 6], 'sh=Xxxxx': [0, 4], 'w=Reuters': [2, 2] }, 3);
    const mixed = mixTaggers(base, companion, {
      shareOf: (fp) => (fp === fingerprint('sh=Xxxxx') ? 0.25 : 0.5),
      crfShare: 0.5,
    });
    assert.equal(mixed.index.size, 5); // 4 features + the padding row
    assert.deepEqual(rowOf(mixed, 'w=Paris'), [2, 4]);
    assert.deepEqual(rowOf(mixed, 'sh=Xxxxx'), [3, 1]);
    assert.deepEqual(rowOf(mixed, 'w=tweet'), [0, 8]); // the companion never saw it
    assert.deepEqual(rowOf(mixed, 'w=Reuters'), [2, 2]); // the base never saw it
    assert.deepEqual(Array.from(mixed.weights.linear.subarray(0, 2)), [0, 0]); // padding stays zero
    assert.deepEqual(Array.from(mixed.weights.transitions), [2, 2, 2, 2]);
    assert.deepEqual(Array.from(mixed.weights.bias), [2, 2]);
  });

  it('refuses models with different labels or feature widths', () => {
    const two = tagger({ b: [1, 1] }, 0);
    assert.throws(
      () => mixTaggers(two, tagger({ b: [1, 1, 1] }, 0), { shareOf: () => 0.5, crfShare: 0 }),
      /labels/,
    );
    assert.throws(
      () => mixTaggers(two, { ...tagger({ b: [1, 1] }, 0), width: 8 }, { shareOf: () => 0.5, crfShare: 0 }),
      /features per unit/,
    );
  });

  it('groups the featurizer templates into written form, name lists and words', () => {
    assert.equal(templateOf('lc:sh=xxxx'), 'sh=');
    assert.equal(templateOf('b'), 'b');
    assert.equal(groupOf('lc:b'), 'form');
    assert.equal(groupOf('c=init|S|-'), 'form');
    assert.equal(groupOf('ss-2=Xx'), 'form');
    assert.equal(groupOf('g=tr:PER|init'), 'names');
    assert.equal(groupOf('lc:x+1=city'), 'names');
    assert.equal(groupOf('w=Paris'), 'words');
    assert.equal(groupOf('lc:ll=new|york'), 'words');
    assert.equal(groupOf('s3=ris'), 'words');
  });
});

describe('npm run mix, through onnxruntime', () => {
  let tmp: string;
  /** A copy of the shipped folder, to stand as a companion. */
  const SHIPPED_COPY = (): string => {
    const dir = join(tmp, 'shipped-copy');
    cpSync(SHIPPED, dir, { recursive: true });
    return dir;
  };
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'mix-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes a model whose emissions move by the share of the companion where its features fire', async () => {
    // Two small taggers on the shipped featurizer (its lists and options, tiny weight tables): the base
    // knows the per-word bias, "Paris" and "is"; the companion the bias, "Paris" and "big".
    const { options } = JSON.parse(readFileSync(join(SHIPPED, 'manifest.json'), 'utf8')) as {
      options: { featureWidth: number };
    };
    const L = 9;
    const row = (f: (k: number) => number): number[] => Array.from({ length: L }, (_, k) => f(k));
    const folder = (name: string, t: LinearTagger): string => {
      const dir = join(tmp, name);
      cpSync(SHIPPED, dir, { recursive: true });
      writeFileSync(join(dir, 'model.onnx'), buildTaggerOnnx(t.weights, options.featureWidth, 0, 'float16'));
      writeFileSync(join(dir, 'features.bin'), t.index.toBytes());
      return dir;
    };
    const base = tagger({ b: row((k) => -k / 8), 'w=Paris': row((k) => k / 2), 'w=is': row(() => 1) }, 0);
    const comp = tagger(
      { b: row((k) => k / 4), 'w=Paris': row((k) => 2 - k / 8), 'w=big': row((k) => k) },
      0,
    );
    const [baseDir, companionDir] = [folder('base', base), folder('companion', comp)];
    const out = join(tmp, 'mixed');
    const shares = ['--words', '0.5', '--names', '0.5', '--form', '0.5'];
    const args = ['--base', baseDir, '--companion', companionDir, '--out', out, ...shares];
    await run(process.execPath, [...nodeArgsFor('scripts/mix-models.ts'), ...args], { cwd: ROOT });
    const recipe = JSON.parse(readFileSync(join(out, 'mix.json'), 'utf8')) as {
      shares: Record<string, number>;
    };
    assert.deepEqual(recipe.shares, { words: 0.5, names: 0.5, form: 0.5, crf: 0 });
    assert.deepEqual(readFileSync(join(out, 'crf.json')), readFileSync(join(SHIPPED, 'crf.json')));

    const text = 'Paris is big';
    const emissions = async (dir: string): Promise<Float32Array> => {
      const model = await loadModel(dir, { intraOp: 1 });
      try {
        const [em] = await model.classifier.run([{ text, units: model.classifier.tokenize(text) }]);
        return em!;
      } finally {
        await model.classifier.dispose();
      }
    };
    const [before, after] = [await emissions(baseDir), await emissions(out)];
    assert.equal(after.length, 3 * L);
    const half = (a: number[], b: number[]): number[] => a.map((v, k) => 0.5 * (b[k]! - v));
    const bias = half(rowOf(base, 'b'), rowOf(comp, 'b'));
    const moved = [
      half(rowOf(base, 'w=Paris'), rowOf(comp, 'w=Paris')), // both know it: half way
      row(() => 0), // "is": only the base knows it, kept whole
      rowOf(comp, 'w=big'), // "big": only the companion knows it, taken whole
    ];
    for (let unit = 0; unit < 3; unit++) {
      for (let k = 0; k < L; k++) {
        const expected = bias[k]! + moved[unit]![k]!;
        const got = after[unit * L + k]! - before[unit * L + k]!;
        assert.ok(
          Math.abs(got - expected) < 5e-3,
          `unit ${unit} label ${k}: moved ${got}, expected ${expected}`,
        );
      }
    }
  });

  it('refuses a companion trained with other featurizer options', async () => {
    const other = join(tmp, 'other');
    cpSync(SHIPPED, other, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(other, 'manifest.json'), 'utf8')) as {
      options: Record<string, unknown>;
    };
    writeFileSync(
      join(other, 'manifest.json'),
      JSON.stringify({ ...manifest, options: { ...manifest.options, upperIsCaseless: false } }),
    );
    const args = ['--base', SHIPPED, '--companion', other, '--out', join(tmp, 'refused')];
    await assert.rejects(
      run(process.execPath, [...nodeArgsFor('scripts/mix-models.ts'), ...args], { cwd: ROOT }),
      (err: { code?: number; stderr?: string }) => {
        assert.equal(err.code, 1);
        assert.match(err.stderr ?? '', /^mix: .* other labels or featurizer options/m);
        return true;
      },
    );
  });

  it('never writes over a folder that holds files and no model, nor over the companion', async () => {
    const busy = join(tmp, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    for (const out of [busy, SHIPPED_COPY()]) {
      const args = ['--base', SHIPPED, '--companion', out === busy ? SHIPPED : out, '--out', out];
      await assert.rejects(
        run(process.execPath, [...nodeArgsFor('scripts/mix-models.ts'), ...args], { cwd: ROOT }),
        (err: { code?: number; stderr?: string }) => {
          assert.equal(err.code, 1);
          assert.match(err.stderr ?? '', /^mix: --out /m);
          return true;
        },
      );
    }
    assert.equal(readFileSync(join(busy, 'notes.txt'), 'utf8'), 'keep me');
  });

  it('answers a bad command line with one line and exit code 2', async () => {
    await assert.rejects(
      run(process.execPath, [...nodeArgsFor('scripts/mix-models.ts'), '--base', SHIPPED, '--words', '2'], {
        cwd: ROOT,
      }),
      (err: { code?: number; stderr?: string }) => {
        assert.equal(err.code, 2);
        assert.match(
          err.stderr ?? '',
          /^mix: --companion is required|^mix: --words must be a number from 0 to 1/,
        );
        return true;
      },
    );
  });
});
