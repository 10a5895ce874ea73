import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combine, type LoadResult } from '../bench/harness.ts';
import { mergeSorted, percentile } from '../bench/latency.ts';

const run = (latencies: number[]): LoadResult => ({
  requests: latencies.length,
  seconds: 1,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  statuses: { 200: latencies.length },
  latencies,
});

describe('benchmark latencies', () => {
  it('percentiles by nearest rank', () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(ms, 50), 51);
    assert.equal(percentile(ms, 99), 100);
    assert.equal(percentile([], 99), 0);
  });

  it('merges ascending lists', () => {
    assert.deepEqual(mergeSorted([1, 4, 9], [2, 3, 10, 11]), [1, 2, 3, 4, 9, 10, 11]);
    assert.deepEqual(mergeSorted([], [5]), [5]);
  });

  it("pools two runs' latencies: the p99 of every request, not the worse run's p99", () => {
    // A quick run of 990 requests, and a run of 10 with one slow request.
    const quick = run(Array.from({ length: 990 }, () => 10));
    const slow = run([...Array.from({ length: 9 }, () => 10), 500]);
    assert.equal(slow.p99, 500);
    const both = combine(quick, slow);
    assert.equal(both.requests, 1000);
    assert.equal(both.p99, 10);
    assert.equal(both.latencies?.length, 1000);
    assert.deepEqual(both.statuses, { 200: 1000 });
    // Without latencies (results not from bench/load.ts): the worse run's, an upper bound.
    const { latencies: _q, ...bare } = quick;
    assert.equal(combine(bare, slow).p99, 500);
  });
});
