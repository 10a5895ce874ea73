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
