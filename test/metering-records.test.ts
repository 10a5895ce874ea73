import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentRecords, textRecords } from '../src/metering/records.ts';

describe('text records', () => {
  it('charges one record per started 1,000 characters', () => {
    assert.equal(textRecords(1), 1);
    assert.equal(textRecords(1000), 1);
    assert.equal(textRecords(1001), 2);
    assert.equal(textRecords(2500), 3);
    assert.equal(documentRecords('a'.repeat(2500)), 3);
  });

  it('counts text elements, not UTF-16 units, like transactionsCount', () => {
    // 600 family emoji: 6,600 UTF-16 units but 600 text elements = 1 record.
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    assert.equal(documentRecords(family.repeat(600)), 1);
    assert.equal(documentRecords('é'.normalize('NFD').repeat(1001)), 2);
  });
});
