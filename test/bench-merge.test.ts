import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeSections, reportHeader } from '../bench/merge-sections.ts';

describe('BENCHMARKS.md sections', () => {
  it('replaces the sections a run measured and keeps the others in place', () => {
    const previous = '# Benchmarks\n\nintro\n\n## A\nold a\n\n## Custom\nkept\n\n## B\nold b\n';
    const merged = mergeSections(previous, ['## B\nnew b\n', '## A\nnew a\n', '## C\nnew c\n']);
    assert.deepEqual(merged, ['## A\nnew a\n', '## Custom\nkept\n', '## B\nnew b\n', '## C\nnew c\n']);
  });

  it('starts from nothing', () => {
    assert.deepEqual(mergeSections('', ['## A\na\n']), ['## A\na\n']);
  });

  it('keeps the header of a whole run when only some sections ran', () => {
    const previous = '# Benchmarks\n\nCommand: all, 2026-11-22\n\n## A\nold a\n';
    const fresh = '# Benchmarks\n\nCommand: BENCH_ONLY=A, today\n\n';
    assert.equal(reportHeader(previous, fresh, true), '# Benchmarks\n\nCommand: all, 2026-11-22\n\n');
    assert.equal(reportHeader(previous, fresh, false), fresh);
    assert.equal(reportHeader('', fresh, true), fresh);
  });
});
