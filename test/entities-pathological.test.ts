/**
 * Bad input stays cheap: pathological documents through the whole pipeline (every recogniser, the
 * built-in lists) finish fast with bounded output. Bounds are generous (a slow shared CI machine),
 * but orders of magnitude below what unbounded or backtracking matching would take.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntitiesSchema } from '../src/config/schema.ts';
import { createPipeline } from '../src/entities/pipeline.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const pipeline = createPipeline(EntitiesSchema.parse({}));
const ctx = { now: new Date('2026-06-01T12:00:00Z') };
const LIMIT = 5120;

const CASES: Record<string, string> = {
  '10,000 digits': '7'.repeat(10_000),
  'digits with separators': '1,'.repeat(2_500),
  '5,000 repeated month names': 'May '.repeat(1_280),
  'repeated month-day pairs': 'January 1, '.repeat(465),
  'deeply repeated date patterns': '2024-'.repeat(1_024),
  'repeated ranges': 'from 3 to 5 '.repeat(426),
  'number words': 'one hundred and '.repeat(320),
  'repeated currencies': '$1 '.repeat(1_706),
  'repeated addresses': '1 Main St, '.repeat(465),
  'one long word': 'a'.repeat(LIMIT),
  'repeated e-mail-like text': 'a@b.'.repeat(1_280),
  'mixed scripts': 'Москва 東京 2024年5月21日 ١٢٣ مئة 🎉 Zürich '.repeat(120),
  'repeated role words': 'chief executive officer of the '.repeat(165),
};

describe('pathological documents', () => {
  for (const [name, raw] of Object.entries(CASES)) {
    it(`${name}: bounded time and output`, () => {
      const text = raw.slice(0, name === '10,000 digits' ? 10_000 : LIMIT);
      const found = withinCpuBudget(3_000, () => pipeline.run(text, [], ctx));
      assert.ok(found.length <= 1_000, `${found.length} entities`);
      for (const e of found) assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end);
    });
  }
});
