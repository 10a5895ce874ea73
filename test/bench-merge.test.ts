import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeSections } from '../bench/merge-sections.ts';

describe('BENCHMARKS.md sections', () => {
  it('replaces the sections a run measured and keeps the others in place', () => {
    const previous = '# Benchmarks\n\nintro\n\n## A\nold a\n\n## Custom\nkept\n\n## B\nold b\n';
    const merged = mergeSections(previous, ['## B\nnew b\n', '## A\nnew a\n', '## C\nnew c\n']);
    assert.deepEqual(merged, ['## A\nnew a\n', '## Custom\nkept\n', '## B\nnew b\n', '## C\nnew c\n']);
  });

  it('starts from nothing', () => {
    assert.deepEqual(mergeSections('', ['## A\na\n']), ['## A\na\n']);
  });
});
