import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClusters } from '../src/model/builtin/clusters.ts';

const TABLE = [
  '# Word clusters (comment lines start with "# ")',
  '# Columns: word<TAB>c64<TAB>c256<TAB>c1024',
  '#hashtag\t3\t12\t50',
  '@YouTube\t3\t12\t51',
  'London\t7\t30\t120',
  'Paris\t7\t30\t120',
  'paris\t1\t2\t5',
  '',
].join('\n');

test('parseClusters: word -> cluster ids, coarse to fine, case kept', () => {
  const clusters = parseClusters(TABLE);
  assert.equal(clusters.size, 5);
  assert.deepEqual(clusters.get('Paris'), ['7', '30', '120']);
  assert.deepEqual(clusters.get('London'), clusters.get('Paris'));
  assert.deepEqual(clusters.get('paris'), ['1', '2', '5']);
  assert.equal(clusters.get('PARIS'), undefined);
});

test('parseClusters: "# " lines are comments, but a #hashtag row is a word', () => {
  const clusters = parseClusters(TABLE);
  assert.deepEqual(clusters.get('#hashtag'), ['3', '12', '50']);
  assert.deepEqual(clusters.get('@YouTube'), ['3', '12', '51']);
  assert.ok(![...clusters.keys()].some((w) => w.startsWith('# ')));
});

test('parseClusters: Windows line ends and an empty table', () => {
  assert.deepEqual(parseClusters('a\t1\t2\r\nb\t1\t3\r\n').get('b'), ['1', '3']);
  assert.equal(parseClusters('# only a comment\n').size, 0);
});

test('parseClusters: a row with the wrong number of ids or a repeated word fails with its line', () => {
  assert.throws(() => parseClusters('a\t1\t2\nb\t1\n'), /line 2: expected a word and 2 cluster ids/);
  assert.throws(() => parseClusters('a\t1\t2\nb\t1\t\n'), /line 2/);
  assert.throws(() => parseClusters('# c\nlonely\n'), /line 2/);
  assert.throws(() => parseClusters('a\t1\na\t2\n'), /line 2: "a" is listed twice/);
});

// The build's clustering (scripts/clusters): nested levels, deterministic for a seed.
test('bottomUpClusters: fine clusters nest in coarse ones, same seed same ids', async () => {
  const { bottomUpClusters } = await import('../scripts/clusters/bottom-up.ts');
  const { normalizeRows } = await import('../scripts/clusters/kmeans.ts');
  // 4 directions x 2 nearby sub-directions x 5 jittered points, in 4 dimensions.
  const data: number[] = [];
  for (let axis = 0; axis < 4; axis++) {
    for (let sub = 0; sub < 2; sub++) {
      for (let p = 0; p < 5; p++) {
        const v = [0.01 * p, 0.01 * ((p * 7) % 5), 0.02 * p, 0];
        v[axis] = 1;
        v[(axis + 1) % 4]! += sub === 0 ? 0.3 : -0.3;
        data.push(...v);
      }
    }
  }
  const rows = { data: Float32Array.from(data), dim: 4, rows: 40 };
  normalizeRows(rows);
  const [coarse, fine] = bottomUpClusters(rows, [4, 8], 1);
  // The 4 directions are the coarse clusters, their sub-directions the fine ones.
  for (let r = 0; r < 40; r++) {
    assert.equal(coarse![r], coarse![Math.floor(r / 10) * 10], `row ${r} with its direction`);
    assert.equal(fine![r], fine![Math.floor(r / 5) * 5], `row ${r} with its sub-direction`);
  }
  assert.equal(new Set(coarse).size, 4);
  assert.equal(new Set(fine).size, 8);
  // Nested: a fine cluster has one parent; a parent's children have consecutive ids.
  const parent = new Map<number, number>();
  fine!.forEach((f, r) => {
    assert.equal(parent.get(f) ?? coarse![r], coarse![r], `fine cluster ${f} in one coarse cluster`);
    parent.set(f, coarse![r]!);
  });
  const parentsInIdOrder = [...parent.keys()].sort((a, b) => a - b).map((f) => parent.get(f)!);
  assert.deepEqual(
    parentsInIdOrder,
    [...parentsInIdOrder].sort((a, b) => a - b),
  );
  assert.deepEqual(bottomUpClusters(rows, [4, 8], 1), [coarse, fine]);
});
