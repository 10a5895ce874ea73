import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countCodePoints, countTextElements, offsetConverter } from '../src/text/string-index.ts';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

// 👍🏽 = 4 UTF-16 units, 2 code points, 1 grapheme; e + U+0301 = 2/2/1; CRLF = 2/2/1.
const TEXT = '👍🏽 e\u0301\r\nJohn Smith 東京 Paris';

describe('string index conversion', () => {
  it('counts text elements and code points', () => {
    assert.equal(countTextElements('abc'), 3);
    assert.equal(countTextElements('a\r\nb'), 3);
    assert.equal(countTextElements('👩‍👩‍👧x'), 2);
    assert.equal(countTextElements('e\u0301'), 1);
    assert.equal(countCodePoints('👍🏽'), 2);
    assert.equal(countCodePoints('東京'), 2);
    assert.equal(countCodePoints('a\ud800'), 2, 'a lone surrogate counts as one');
  });

  it('maps UTF-16 offsets onto each index type', () => {
    const start = TEXT.indexOf('John');
    const end = start + 'John Smith'.length;
    const cases = [
      ['Utf16CodeUnit', 9, 19],
      ['UnicodeCodePoint', 7, 17],
      ['TextElements_v8', 4, 14],
    ] as const;
    for (const [type, s, e] of cases) {
      const conv = offsetConverter(TEXT, type);
      assert.equal(conv.start(start), s, type);
      assert.equal(conv.end(end), e, type);
    }
  });

  it('counts typographic punctuation and currency signs as Intl.Segmenter does, marks after them included', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const texts = [
      '“Revenue grew to €4.2 million” – the CFO… said ‘twice’ • ₹300, ‰5 ‼',
      '€\u0301 and ‼\ufe0f and –\u200d– and x\u2028y',
    ];
    for (const text of texts) {
      assert.equal(countTextElements(text), [...segmenter.segment(text)].length, text);
      const conv = offsetConverter(text, 'TextElements_v8');
      const at = text.indexOf('and');
      if (at >= 0) assert.equal(conv.start(at), [...segmenter.segment(text.slice(0, at))].length, text);
    }
    assert.equal(countTextElements('€\u0301'), 1, 'a mark after a currency sign joins it');
  });

  it('maps a position inside a cluster to the whole cluster', () => {
    const conv = offsetConverter('x👍🏽y', 'TextElements_v8');
    assert.equal(conv.start(2), 1);
    assert.equal(conv.end(3), 2);
  });
});

describe('offsets through the API', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService();
  });
  after(() => t.close());

  async function entities(stringIndexType?: string): Promise<[string, number, number][]> {
    const r = await call(t, API, {
      body: nerBody([{ id: '1', text: TEXT }], stringIndexType ? { stringIndexType } : {}),
    });
    assert.equal(r.status, 200, r.text);
    return r.json.results.documents[0].entities.map((e: { text: string; offset: number; length: number }) => [
      e.text,
      e.offset,
      e.length,
    ]);
  }

  it('defaults to TextElements_v8 (graphemes)', async () => {
    assert.deepEqual(await entities(), [
      ['John Smith', 4, 10],
      ['東京', 15, 2],
      ['Paris', 18, 5],
    ]);
  });

  it('counts UnicodeCodePoint', async () => {
    assert.deepEqual(await entities('UnicodeCodePoint'), [
      ['John Smith', 7, 10],
      ['東京', 18, 2],
      ['Paris', 21, 5],
    ]);
  });

  it('counts Utf16CodeUnit, so JavaScript slices give the entity text', async () => {
    const got = await entities('Utf16CodeUnit');
    assert.deepEqual(got, [
      ['John Smith', 9, 10],
      ['東京', 20, 2],
      ['Paris', 23, 5],
    ]);
    for (const [text, offset, length] of got) assert.equal(TEXT.slice(offset, offset + length), text);
  });

  it('measures the document limit in text elements', async () => {
    // 5,120 family emoji are 5,120 text elements but 40,960 UTF-16 units: within the limit.
    const ok = await call(t, API, { body: nerBody([{ id: '1', text: '👩‍👩‍👧'.repeat(5120) }]) });
    assert.equal(ok.json.results.errors.length, 0);
    const over = await call(t, API, { body: nerBody([{ id: '1', text: '👩‍👩‍👧'.repeat(5121) }]) });
    assert.equal(over.json.results.errors[0].error.innererror.code, 'InvalidDocument');
  });
});
