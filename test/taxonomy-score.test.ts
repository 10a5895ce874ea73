import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildJsonl } from '../eval/taxonomy/build.ts';
import { isEntityType, typeInfo } from '../src/entities/taxonomy.ts';
import {
  counts,
  formatLevel,
  type GoldEntity,
  matchSpans,
  metadataFacets,
  type PredictedEntity,
  scoreTaxonomy,
} from '../src/training/taxonomy-score.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const pred = (
  offset: number,
  length: number,
  type: string,
  category: string,
  subcategory?: string,
  metadata?: unknown,
): PredictedEntity => ({
  offset,
  length,
  type,
  category,
  ...(subcategory ? { subcategory } : {}),
  ...(metadata ? { metadata } : {}),
});

describe('taxonomy scoring', () => {
  it('computes precision, recall and F1 from counts', () => {
    const c = counts(3, 1, 2);
    assert.deepEqual([c.tp, c.fp, c.fn, c.precision, c.recall], [3, 1, 2, 0.75, 0.6]);
    assert.ok(Math.abs(c.f1 - 2 / 3) < 1e-12, `${c.f1}`);
    assert.deepEqual(counts(0, 0, 0), { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('matches spans one to one, gold in order', () => {
    const g = { start: 0, end: 5, label: 'A' };
    const matched = matchSpans([g, g], [{ start: 0, end: 5, label: 'A' }], (a, b) => a.start === b.start);
    assert.deepEqual(matched, [0, -1]);
  });

  // Gold: City, DateRange, Currency (with metadata), Organization, and an optional Event.
  const gold: GoldEntity[] = [
    { offset: 0, length: 7, type: 'City' },
    { offset: 10, length: 9, type: 'DateRange' },
    {
      offset: 25,
      length: 4,
      type: 'Currency',
      metadata: { metadataKind: 'CurrencyMetadata', value: 30, iso4217: 'EGP' },
    },
    { offset: 40, length: 4, type: 'Event', optional: true },
    { offset: 58, length: 10, type: 'Organization' },
  ];
  const predicted: PredictedEntity[] = [
    pred(0, 7, 'Location', 'Location'), // right span and category, wrong type
    pred(10, 9, 'DateRange', 'DateTime', 'DateRange'),
    pred(25, 4, 'Currency', 'Quantity', 'Currency', {
      metadataKind: 'CurrencyMetadata',
      value: 30,
      unit: 'Dollar',
      iso4217: 'USD',
    }),
    pred(40, 4, 'Location', 'Location'), // on the optional span: not counted
    pred(50, 3, 'Person', 'Person'),
    pred(60, 5, 'Organization', 'Organization'), // overlaps the gold Organization only
  ];
  const score = scoreTaxonomy([{ gold, predicted }]);

  it('scores exact spans per type', () => {
    const t = score.exact.type;
    assert.deepEqual([t.overall.tp, t.overall.fp, t.overall.fn], [2, 3, 2]);
    assert.deepEqual(Object.keys(t.byLabel), [
      'City',
      'Currency',
      'DateRange',
      'Location',
      'Organization',
      'Person',
    ]);
    assert.deepEqual([t.byLabel.City!.tp, t.byLabel.City!.fn], [0, 1]);
    assert.deepEqual([t.byLabel.Location!.tp, t.byLabel.Location!.fp], [0, 1]);
    assert.deepEqual([t.byLabel.Organization!.fp, t.byLabel.Organization!.fn], [1, 1]);
    assert.equal(t.byLabel.Event, undefined);
  });

  it('scores exact spans per category and per (category, subcategory)', () => {
    const c = score.exact.category;
    assert.deepEqual([c.overall.tp, c.overall.fp, c.overall.fn], [3, 2, 1]);
    assert.equal(c.byLabel.Location!.f1, 1);
    const s = score.exact.subcategory;
    assert.deepEqual([s.overall.tp, s.overall.fp, s.overall.fn], [2, 3, 2]);
    assert.deepEqual([s.byLabel['Location/GPE']!.fn, s.byLabel.Location!.fp], [1, 1]);
    assert.equal(s.byLabel['Quantity/Currency']!.tp, 1);
  });

  it('scores partial overlaps with the same label', () => {
    const t = score.partial.type;
    assert.deepEqual([t.overall.tp, t.overall.fp, t.overall.fn], [3, 2, 1]);
    assert.equal(score.partial.category.overall.tp, 4);
  });

  it('compares the gold metadata facets on exact type matches', () => {
    assert.deepEqual(score.metadata, {
      currency: { agree: 0, total: 1 },
      kind: { agree: 1, total: 1 },
      value: { agree: 1, total: 1 },
    });
  });

  it('scores gold annotated in categories (Azure answers before 2024-11-01)', () => {
    const s = scoreTaxonomy([
      {
        gold: [{ offset: 0, length: 7, category: 'Location', subcategory: 'GPE' }],
        predicted: [pred(0, 7, 'City', 'Location', 'GPE')],
      },
    ]);
    assert.equal(s.exact.subcategory.byLabel['Location/GPE']!.tp, 1);
    assert.equal(s.exact.category.overall.f1, 1);
  });

  it('extracts comparable metadata facets from every 2025-11-01 shape', () => {
    assert.deepEqual(
      metadataFacets({
        metadataKind: 'DateMetadata',
        dateValues: [{ timex: 'XXXX-04-12', value: '2026-04-12' }],
      }),
      { kind: 'DateMetadata', timex: 'XXXX-04-12', value: '2026-04-12' },
    );
    assert.deepEqual(
      metadataFacets({ metadataKind: 'TemporalSpanMetadata', spanValues: [{ duration: 'P3D' }] }),
      { kind: 'TemporalSpanMetadata', timex: 'P3D' },
    );
    assert.deepEqual(
      metadataFacets({
        metadataKind: 'TemporalSpanMetadata',
        spanValues: [{ timex: '(T09,T17,PT8H)', duration: 'PT8H', begin: '09:00:00', end: '17:00:00' }],
      }),
      { kind: 'TemporalSpanMetadata', timex: '(T09,T17,PT8H)', begin: '09:00:00', end: '17:00:00' },
    );
    assert.deepEqual(metadataFacets({ metadataKind: 'LengthMetadata', value: 30, unit: 'Mile' }), {
      kind: 'LengthMetadata',
      value: '30',
      unit: 'Mile 30',
    });
    assert.deepEqual(metadataFacets({ metadataKind: 'NumberMetadata', numberKind: 'Decimal', value: 7.8 }), {
      kind: 'NumberMetadata',
      value: '7.8',
      numberKind: 'Decimal',
    });
    assert.deepEqual(
      metadataFacets({ metadataKind: 'OrdinalMetadata', offset: '3', relativeTo: 'Start', value: '3' }),
      { kind: 'OrdinalMetadata', value: '3', ordinal: '3 Start' },
    );
    assert.deepEqual(metadataFacets(undefined), {});
  });

  it('prints a table with an overall row', () => {
    const lines = formatLevel('type', score.exact.type).split('\n');
    assert.equal(lines.length, 8);
    assert.match(lines[7]!, /^overall\s+40\.0\s+50\.0\s+44\.4\s+2\s+3\s+2$/);
  });
});

interface EvalLine {
  id: string;
  text: string;
  entities: { text: string; offset: number; length: number; type: string; optional?: boolean }[];
}

describe('eval/taxonomy', () => {
  const source = readFileSync(join(ROOT, 'eval/taxonomy/annotated.txt'), 'utf8');
  const jsonl = readFileSync(join(ROOT, 'eval/taxonomy/docs.jsonl'), 'utf8');
  const docs = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as EvalLine);

  it('is what build.ts makes of annotated.txt', () => {
    assert.equal(jsonl, buildJsonl(source));
  });

  it('has 120 to 200 documents whose entities slice to their text, with known types', () => {
    assert.ok(docs.length >= 120 && docs.length <= 200, `${docs.length} documents`);
    for (const d of docs) {
      for (const e of d.entities) {
        assert.equal(d.text.slice(e.offset, e.offset + e.length), e.text, `${d.id}: ${e.text}`);
        assert.ok(isEntityType(e.type), `${d.id}: unknown type ${e.type}`);
      }
    }
  });

  it('has at least 15 entities of each of the 14 categories', () => {
    const byCategory = new Map<string, number>();
    for (const d of docs) {
      for (const e of d.entities) {
        if (e.optional || !isEntityType(e.type)) continue;
        const category = typeInfo(e.type).category;
        byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
      }
    }
    assert.equal(byCategory.size, 14, [...byCategory.keys()].join(','));
    for (const [category, n] of byCategory) assert.ok(n >= 15, `${category}: ${n}`);
  });
});

describe('eval/azure-recordings', () => {
  it('has real answers whose offsets slice to their text, with sources and api-versions', () => {
    const lines = readFileSync(join(ROOT, 'eval/azure-recordings/recordings.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            text: string;
            apiVersion: string;
            source: { repo: string; path: string; commit: string };
            entities: { text: string; offset: number; length: number; category: string }[];
          },
      );
    assert.ok(lines.length >= 20);
    for (const r of lines) {
      assert.match(r.source.commit, /^[0-9a-f]{40}$/);
      assert.match(r.source.repo, /^(?:Azure\/azure-sdk-for-(?:js|python)|microsoft\/SynapseML)$/);
      assert.ok(r.apiVersion.length > 0);
      for (const e of r.entities) assert.equal(r.text.slice(e.offset, e.offset + e.length), e.text);
    }
  });
});
