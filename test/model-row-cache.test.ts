import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { FeatureIndex } from '../src/model/builtin/feature-index.ts';
import { emitFeatures, type FeatureResources, unitFeatures } from '../src/model/builtin/features.ts';
import { Gazetteer } from '../src/model/builtin/gazetteer.ts';
import { RowCache, RowSink } from '../src/model/builtin/row-sink.ts';
import { tokenizeWords } from '../src/model/builtin/tokenizer.ts';

const dir = fileURLToPath(new URL('../models/default/', import.meta.url));
const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
const wordSet = (file: string): Set<string> => new Set(read(file).split('\n').filter(Boolean));

// Windows that share words in different places, with and without capitals (two prefixes), a headline,
// line starts, numbers and words past the padding.
const TEXTS = [
  'Angela Weber of Northwind Traders met investors in New York on 12 May 2024.',
  'SOCCER - JAPAN GET LUCKY WIN\nmichael jordan played for the chicago bulls',
  'no capitals at all here, just john smith in new york',
  'New York. Weber met Angela in york on 13 May 2025; the investors met Northwind.',
  'Weber',
  'in new york on 12 may 2024 angela weber met investors',
];

/** Rows as the model has always read them: the feature strings, encoded one by one. */
function expectedRows(
  text: string,
  res: FeatureResources,
  index: FeatureIndex,
  width: number,
  atomWidth: number,
): [Int32Array, Int32Array] {
  const units = tokenizeWords(text);
  const strings = unitFeatures(text, units, res);
  const rows = new Int32Array(units.length * width);
  const atoms = new Int32Array(units.length * atomWidth);
  index.encode(strings.sparse, width, rows);
  index.encode(strings.atoms, atomWidth, atoms);
  return [rows, atoms];
}

describe('RowCache', () => {
  const index = FeatureIndex.fromBytes(readFileSync(join(dir, 'features.bin')));
  const res: FeatureResources = {
    gazetteer: Gazetteer.fromJSON(JSON.parse(read('gazetteer.json')) as Record<string, string[]>),
    lexicon: Gazetteer.fromJSON(JSON.parse(read('lexicon.json')) as Record<string, string[]>),
    commonWords: wordSet('common-words.txt'),
    capitalised: wordSet('capitalised-words.txt'),
    clusters: new Map([
      ['Weber', ['1', '12', '120', '1201', '12010']],
      ['york', ['2', '21', '210']],
      ['met', ['3']],
    ]),
    upperIsCaseless: true,
  };

  for (const maxWords of [50_000, 8]) {
    it(`writes the rows of the feature strings, window after window (${maxWords} words kept)`, () => {
      const cache = new RowCache(true, maxWords);
      // Twice over: the second pass reads what the first one remembered.
      for (const text of [...TEXTS, ...TEXTS]) {
        for (const [width, atomWidth] of [
          [72, 24],
          [12, 3],
        ] as const) {
          const [expected, expectedAtoms] = expectedRows(text, res, index, width, atomWidth);
          const units = tokenizeWords(text);
          // Two windows in one buffer: the sink writes at its offset, and rows of one do not leak into the other.
          const rows = new Int32Array(2 * units.length * width);
          const atoms = new Int32Array(2 * units.length * atomWidth);
          for (const offset of [0, units.length]) {
            const sink = new RowSink(
              { index, width, out: rows, offset },
              { index, width: atomWidth, out: atoms, offset },
              cache,
            );
            emitFeatures(text, units, res, sink);
          }
          const n = units.length;
          assert.deepEqual(rows.subarray(0, n * width), expected, text);
          assert.deepEqual(rows.subarray(n * width), expected, text);
          assert.deepEqual(atoms.subarray(0, n * atomWidth), expectedAtoms, text);
          assert.deepEqual(atoms.subarray(n * atomWidth), expectedAtoms, text);
        }
      }
    });
  }

  it('keeps the padding word apart from a word written "<pad>"', () => {
    const cache = new RowCache(false);
    const text = 'the < pad > and pad';
    const [expected] = expectedRows(text, res, index, 72, 0);
    for (let pass = 0; pass < 2; pass++) {
      const units = tokenizeWords(text);
      const rows = new Int32Array(units.length * 72);
      emitFeatures(
        text,
        units,
        res,
        new RowSink({ index, width: 72, out: rows, offset: 0 }, undefined, cache),
      );
      assert.deepEqual(rows, expected);
    }
  });
});
