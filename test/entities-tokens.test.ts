/**
 * The list recognisers' shared word tokens (src/entities/refine/tokens.ts): a document's tokens are
 * scanned once per batch and shared by the recognisers that read them; what they share must be what a
 * fresh scan gives, whatever order the documents come in and however many there are. The word filters
 * the recognisers probe those tokens with share tables: each must still answer for its own words only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenHashesOf, tokenize, tokensOf } from '../src/entities/refine/tokens.ts';
import { hashRange, WordFilter } from '../src/entities/refine/word-filter.ts';

const documents = Array.from(
  { length: 150 },
  (_, i) =>
    `Document ${i}: Satya Nadella met the F-150 team at re:Invent on May ${(i % 28) + 1}, ${2000 + i}.`,
);

/** What a fresh scan gives, as plain arrays. */
function scan(text: string) {
  const t = tokenize(text);
  return {
    words: t.words,
    starts: [...t.starts],
    ends: [...t.ends],
    hashes: [...t.hashes],
    folded: [...t.folded],
  };
}

describe('shared tokens', () => {
  test('a document scanned for its hashes, then read as tokens: the same as a fresh scan', () => {
    const text = documents[0]!;
    const expected = scan(text);
    const hashed = tokenHashesOf(text);
    assert.equal(hashed.count, expected.words.length);
    const tokens = tokensOf(text);
    assert.deepEqual(tokens.words, expected.words);
    assert.deepEqual([...tokens.starts], expected.starts);
    assert.deepEqual([...tokens.hashes], expected.hashes);
    assert.ok(tokens.words.includes('F-150') && tokens.words.includes('re:Invent'));
  });

  test("a batch's documents keep their own hashes while the next ones are scanned, past the cache's bound", () => {
    const expected = documents.map(scan);
    // A recogniser's prefilter over every document of the batch, then the next recogniser's.
    for (let round = 0; round < 2; round++) {
      const hashed = documents.map((d) => tokenHashesOf(d));
      documents.forEach((d, i) => {
        const h = hashed[i]!;
        assert.equal(h.text, d);
        assert.deepEqual([...h.hashes.subarray(0, h.count)], expected[i]!.hashes, `document ${i}`);
        assert.deepEqual([...h.folded.subarray(0, h.count)], expected[i]!.folded, `document ${i}`);
      });
      documents.forEach((d, i) => assert.deepEqual(tokensOf(d).words, expected[i]!.words, `document ${i}`));
    }
  });

  test('a short text (a name the refiner checks) between two documents changes neither', () => {
    const [a, b] = [documents[1]!, documents[2]!];
    const tokensA = tokensOf(a);
    const short = tokenHashesOf('Nadella');
    assert.equal(short.count, 1);
    assert.deepEqual(tokensOf('Nadella').words, ['Nadella']);
    assert.deepEqual([...tokenHashesOf(b).hashes.subarray(0, tokenHashesOf(b).count)], scan(b).hashes);
    assert.equal(tokensOf(a), tokensA, 'the document is still shared');
    assert.deepEqual(tokensA.words, scan(a).words);
  });
});

describe('word filters', () => {
  test('filters sharing a table (more than 32 of them: two tables) answer only for their own words', () => {
    const words = Array.from({ length: 40 }, (_, k) => `word${k}`);
    const filters = words.map((w) => {
      const f = new WordFilter();
      f.add(w);
      return f;
    });
    const hashOf = (w: string) => hashRange(w, 0, w.length, false);
    filters.forEach((f, k) => {
      assert.ok(f.mayHave(hashOf(words[k]!)), `filter ${k} has its word`);
      const others = words.filter((w, j) => j !== k && !f.mayHave(hashOf(w)));
      assert.equal(others.length, words.length - 1, `filter ${k} has no other filter's word`);
    });
    const all = new WordFilter();
    filters.forEach((f) => all.addAll(f));
    assert.ok(words.every((w) => all.mayHave(hashOf(w))));
    assert.ok(!filters[0]!.mayHave(hashOf('word1')), 'addAll changed only the filter it was called on');
    const doc = tokenize('the word7 and word39 here');
    assert.ok(filters[39]!.mayHaveAny(doc.hashes, doc.hashes.length));
    assert.ok(!filters[8]!.mayHaveAny(doc.hashes, doc.hashes.length));
  });
});
