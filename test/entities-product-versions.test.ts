import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withVersions } from '../src/entities/product-versions.ts';
import type { Candidate } from '../src/entities/types.ts';

/** The text of each candidate after `withVersions`, for a ComputingProduct over `name` in `text`. */
function extended(text: string, name: string, type: Candidate['type'] = 'ComputingProduct'): string {
  const start = text.indexOf(name);
  const product: Candidate = { start, end: start + name.length, type, confidence: 0.8, source: 'rule' };
  const [c] = withVersions(text, [product]);
  return text.slice(c!.start, c!.end);
}

describe('withVersions', () => {
  it("takes a computing product's version into its name", () => {
    assert.equal(extended('After updating to Chrome 131, the page broke.', 'Chrome'), 'Chrome 131');
    assert.equal(
      extended('It crashes on macOS Sonoma 14.5 whenever I share.', 'macOS Sonoma'),
      'macOS Sonoma 14.5',
    );
    assert.equal(extended('We run Zoom v6.0.2 here.', 'Zoom'), 'Zoom v6.0.2');
    assert.equal(extended('Upgrade to Chrome 131.', 'Chrome'), 'Chrome 131');
    assert.equal(extended('Chrome 131 crashes on start.', 'Chrome'), 'Chrome 131');
  });
  it('leaves counts, models and other types alone', () => {
    assert.equal(extended('Slack 3 times a day', 'Slack'), 'Slack');
    assert.equal(extended('in Teams 2 hours ago', 'Teams'), 'Teams');
    assert.equal(extended('an iPhone 15 3 days ago.', 'iPhone 15'), 'iPhone 15');
    assert.equal(extended('Chrome 1312345 users', 'Chrome'), 'Chrome');
    assert.equal(extended('Chrome 12.5x faster', 'Chrome'), 'Chrome');
    assert.equal(extended('Python 3.12 is out.', 'Python', 'Skill'), 'Python');
  });
});
