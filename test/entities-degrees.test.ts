import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropDegreesAfterNames } from '../src/entities/degrees.ts';
import type { EntityType } from '../src/entities/taxonomy.ts';
import type { Candidate } from '../src/entities/types.ts';

/** The candidates `dropDegreesAfterNames` keeps, as "text/type", from [name, type] pairs found in `text`. */
function kept(text: string, found: [string, EntityType][]): string[] {
  const candidates: Candidate[] = found.map(([name, type]) => {
    const start = text.indexOf(name);
    return { start, end: start + name.length, type, confidence: 0.9, source: 'model' };
  });
  return dropDegreesAfterNames(text, candidates).map((c) => `${text.slice(c.start, c.end)}/${c.type}`);
}

describe('dropDegreesAfterNames', () => {
  it("drops a degree written like a state's code after a person's name", () => {
    assert.deepEqual(
      kept('Dr. Sarah Lee, MD, PhD, is the CMO.', [
        ['Sarah Lee', 'Person'],
        ['MD', 'State'],
      ]),
      ['Sarah Lee/Person'],
    );
    assert.deepEqual(
      kept('John Park, PhD, PA spoke.', [
        ['John Park', 'Person'],
        ['PA', 'Location'],
      ]),
      ['John Park/Person'],
    );
  });
  it('keeps the state after a city, and a degree-like code after no name', () => {
    assert.deepEqual(
      kept('We moved to Baltimore, MD last year.', [
        ['Baltimore', 'City'],
        ['MD', 'State'],
      ]),
      ['Baltimore/City', 'MD/State'],
    );
    assert.deepEqual(
      kept('Sarah Lee moved to MD.', [
        ['Sarah Lee', 'Person'],
        ['MD', 'State'],
      ]),
      ['Sarah Lee/Person', 'MD/State'],
    );
  });
});
